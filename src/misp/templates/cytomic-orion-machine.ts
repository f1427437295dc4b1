import type { ObjectTemplate } from '../types.js';

/** MISP object template `cytomic-orion-machine` (misp-objects, version 4). */
export default {
  name: 'cytomic-orion-machine',
  uuid: 'e0e46343-43fd-4ce7-b447-51381402c774',
  version: 4,
  metaCategory: 'misc',
  description: 'Cytomic Orion File at Machine Detection',
  required: ['machineName'],
  attributes: {
    clientCreationDateUTC: { types: ['datetime'], toIds: false, categories: ['Other'] },
    clientId: { types: ['text'], toIds: false, categories: ['Other'] },
    clientName: { types: ['target-org'], toIds: false, categories: ['Other'] },
    creationDate: { types: ['datetime'], toIds: false, categories: ['Other'] },
    'first-seen': { types: ['datetime'], toIds: false, categories: ['Other'] },
    'last-seen': { types: ['datetime'], toIds: false, categories: ['Other'] },
    lastSeenUtc: { types: ['datetime'], toIds: false, categories: ['Other'] },
    machineMuid: { types: ['text'], toIds: false, categories: ['Other'] },
    machineName: { types: ['target-machine'], categories: ['Other'] },
    machinePath: { types: ['text'], toIds: false, categories: ['Other'] },
  },
} as const satisfies ObjectTemplate;
