import type { ObjectTemplate } from '../types.js';

/** MISP object template `mutex` (misp-objects, version 1). */
export default {
  name: 'mutex',
  uuid: '9f5c1a68-2021-4faa-b409-61c899c86466',
  version: 1,
  metaCategory: 'misc',
  description:
    'Object to describe mutual exclusion locks (mutex) as seen in memory or computer ' +
    'program',
  requiredOneOf: ['name'],
  attributes: {
    description: { types: ['text'] },
    name: { types: ['text'] },
    'operating-system': { types: ['text'], saneDefault: ['Windows', 'Unix'] },
  },
} as const satisfies ObjectTemplate;
