import type { ObjectTemplate } from '../types.js';

/** MISP object template `legal-entity` (misp-objects, version 2). */
export default {
  name: 'legal-entity',
  uuid: '14f5688f-d89c-469f-9878-c48bf6c41c65',
  version: 2,
  metaCategory: 'misc',
  description: 'An object to describe a legal entity.',
  requiredOneOf: ['name'],
  attributes: {
    business: { types: ['text'] },
    'commercial-name': { types: ['text'] },
    'legal-form': { types: ['text'] },
    logo: { types: ['attachment'] },
    name: { types: ['text'] },
    'phone-number': { types: ['phone-number'] },
    'registration-number': { types: ['text'] },
    text: { types: ['text'], disableCorrelation: true },
    website: { types: ['link'] },
  },
} as const satisfies ObjectTemplate;
