import type { ObjectTemplate } from '../types.js';

/** MISP object template `av-signature` (misp-objects, version 1). */
export default {
  name: 'av-signature',
  uuid: '4dbb56ef-4763-4c97-8696-a2bfc305cf8e',
  version: 1,
  metaCategory: 'misc',
  description: 'Antivirus detection signature',
  required: ['software', 'signature'],
  attributes: {
    datetime: { types: ['datetime'], disableCorrelation: true, categories: ['Other'] },
    signature: { types: ['text'], categories: ['Antivirus detection'] },
    software: { types: ['text'], disableCorrelation: true, categories: ['Antivirus detection'] },
    text: { types: ['text'], disableCorrelation: true, categories: ['Other'] },
  },
} as const satisfies ObjectTemplate;
