import type { ObjectTemplate } from '../types.js';

/** MISP object template `asn` (misp-objects, version 6). */
export default {
  name: 'asn',
  uuid: '4ec55cc6-9e49-4c64-b794-03c25c1a6587',
  version: 6,
  metaCategory: 'network',
  description:
    'Autonomous system object describing an autonomous system which can include one or ' +
    'more network operators managing an entity (e.g. ISP) along with their routing ' +
    'policy, routing prefixes or alike.',
  requiredOneOf: ['asn'],
  attributes: {
    asn: { types: ['AS'] },
    country: { types: ['text'] },
    description: { types: ['text'] },
    export: { types: ['text'], multiple: true },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    import: { types: ['text'], multiple: true },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    'mp-export': { types: ['text'], multiple: true },
    'mp-import': { types: ['text'], multiple: true },
    name: { types: ['text'] },
    organization: { types: ['text'] },
    'subnet-announced': { types: ['ip-src'], multiple: true },
  },
} as const satisfies ObjectTemplate;
