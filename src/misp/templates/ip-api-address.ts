import type { ObjectTemplate } from '../types.js';

/** MISP object template `ip-api-address` (misp-objects, version 2). */
export default {
  name: 'ip-api-address',
  uuid: '4336f124-6264-4f72-943e-cc3797e4122b',
  version: 2,
  metaCategory: 'network',
  description:
    'IP Address information. Useful if you are pulling your ip information from ' +
    'ip-api.com',
  requiredOneOf: ['ip-src'],
  attributes: {
    ISP: { types: ['text'], disableCorrelation: true },
    asn: { types: ['AS'], disableCorrelation: true },
    city: { types: ['text'], disableCorrelation: true },
    country: { types: ['text'], disableCorrelation: true },
    'country-code': { types: ['text'], disableCorrelation: true },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    'ip-src': { types: ['ip-src'] },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    latitude: { types: ['float'], disableCorrelation: true },
    longitude: { types: ['float'], disableCorrelation: true },
    organization: { types: ['text'], disableCorrelation: true },
    region: { types: ['text'], disableCorrelation: true },
    'region-code': { types: ['text'], disableCorrelation: true },
    state: { types: ['text'], disableCorrelation: true },
    zipcode: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
