import type { ObjectTemplate } from '../types.js';

/** MISP object template `sigma` (misp-objects, version 2). */
export default {
  name: 'sigma',
  uuid: 'aa21a3cd-ab2c-442a-9999-a5e6626591ec',
  version: 2,
  metaCategory: 'misc',
  description: 'An object describing a Sigma rule (or a Sigma rule name).',
  requiredOneOf: ['sigma', 'sigma-rule-name'],
  attributes: {
    comment: { types: ['comment'] },
    context: {
      types: ['text'], multiple: true, disableCorrelation: true,
      saneDefault: ['all', 'disk', 'memory', 'network', 'dns'],
    },
    reference: { types: ['link'] },
    sigma: { types: ['sigma'] },
    'sigma-rule-name': { types: ['text'] },
  },
} as const satisfies ObjectTemplate;
