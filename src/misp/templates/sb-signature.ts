import type { ObjectTemplate } from '../types.js';

/** MISP object template `sb-signature` (misp-objects, version 2). */
export default {
  name: 'sb-signature',
  uuid: '984c5c39-be7f-4e1e-b034-d3213bac51cb',
  version: 2,
  metaCategory: 'misc',
  description: 'Sandbox detection signature',
  required: ['software', 'signature'],
  attributes: {
    datetime: { types: ['datetime'], disableCorrelation: true, categories: ['Other'] },
    signature: { types: ['text'], multiple: true, categories: ['External analysis'] },
    software: { types: ['text'], disableCorrelation: true, categories: ['External analysis'] },
    text: { types: ['text'], disableCorrelation: true, categories: ['Other'] },
  },
} as const satisfies ObjectTemplate;
