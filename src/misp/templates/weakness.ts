import type { ObjectTemplate } from '../types.js';

/** MISP object template `weakness` (misp-objects, version 1). */
export default {
  name: 'weakness',
  uuid: 'b8713fc0-d7a2-4b27-a182-38ed47966802',
  version: 1,
  metaCategory: 'vulnerability',
  description:
    'Weakness object describing a common weakness enumeration which can describe usable, ' +
    'incomplete, draft or deprecated weakness for software, equipment of hardware.',
  requiredOneOf: ['id', 'name', 'description'],
  attributes: {
    description: { types: ['text'] },
    id: { types: ['weakness'] },
    name: { types: ['text'] },
    status: {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['Incomplete', 'Deprecated', 'Draft', 'Usable'],
    },
    'weakness-abs': {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['Class', 'Base', 'Variant'],
    },
  },
} as const satisfies ObjectTemplate;
