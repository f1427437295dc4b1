import type { ObjectTemplate } from '../types.js';

/** MISP object template `attack-pattern` (misp-objects, version 1). */
export default {
  name: 'attack-pattern',
  uuid: '35928348-56be-4d7f-9752-a80927936351',
  version: 1,
  metaCategory: 'vulnerability',
  description: 'Attack pattern describing a common attack pattern enumeration and classification.',
  requiredOneOf: ['name', 'id'],
  attributes: {
    id: { types: ['text'], disableCorrelation: true },
    name: { types: ['text'] },
    prerequisites: { types: ['text'] },
    references: { types: ['link'], multiple: true },
    'related-weakness': { types: ['weakness'], multiple: true },
    solutions: { types: ['text'] },
    summary: { types: ['text'] },
  },
} as const satisfies ObjectTemplate;
