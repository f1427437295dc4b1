import type { ObjectTemplate } from '../types.js';

/** MISP object template `tor-hiddenservice` (misp-objects, version 2). */
export default {
  name: 'tor-hiddenservice',
  uuid: 'cbac07d6-fbe9-43b8-8d91-d515812ce330',
  version: 2,
  metaCategory: 'misc',
  description: 'Tor hidden service (onion service) object.',
  required: ['address'],
  requiredOneOf: ['address', 'first-seen', 'last-seen', 'description'],
  attributes: {
    address: { types: ['onion-address'] },
    description: { types: ['text'], disableCorrelation: true },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    language: { types: ['text'], multiple: true, disableCorrelation: true },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    title: { types: ['text'], multiple: true, disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
