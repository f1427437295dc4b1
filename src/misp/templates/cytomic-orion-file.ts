import type { ObjectTemplate } from '../types.js';

/** MISP object template `cytomic-orion-file` (misp-objects, version 7). */
export default {
  name: 'cytomic-orion-file',
  uuid: '0ad86572-ba38-4baf-9fed-1926e9ecc916',
  version: 7,
  metaCategory: 'misc',
  description: 'Cytomic Orion File Detection',
  attributes: {
    classification: { types: ['text'], toIds: false, categories: ['Other'] },
    classificationName: { types: ['text'], toIds: false, categories: ['Other'] },
    fileName: { types: ['filename'], categories: ['Other'] },
    fileSize: { types: ['size-in-bytes'], toIds: false, categories: ['Other'] },
    'first-seen': { types: ['datetime'], toIds: false, categories: ['Other'] },
    'last-seen': { types: ['datetime'], toIds: false, categories: ['Other'] },
  },
} as const satisfies ObjectTemplate;
