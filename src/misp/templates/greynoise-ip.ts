import type { ObjectTemplate } from '../types.js';

/** MISP object template `greynoise-ip` (misp-objects, version 2). */
export default {
  name: 'greynoise-ip',
  uuid: '6B14A94A-46E4-4B82-B24D-0DBF8E8B3FD9',
  version: 2,
  metaCategory: 'network',
  description: 'GreyNoise IP Information',
  requiredOneOf: ['ip-src'],
  attributes: {
    actor: { types: ['text'], disableCorrelation: true },
    asn: { types: ['AS'], disableCorrelation: true },
    bot: { types: ['boolean'], disableCorrelation: true },
    classification: { types: ['text'], disableCorrelation: true },
    domain: { types: ['domain'] },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    'ip-src': { types: ['ip-src'] },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    link: { types: ['link'], disableCorrelation: true },
    noise: { types: ['text'], disableCorrelation: true },
    provider: { types: ['text'], disableCorrelation: true },
    rdns: { types: ['hostname'] },
    rdns_parent: { types: ['domain'], disableCorrelation: true },
    riot: { types: ['text'], disableCorrelation: true },
    source_country: { types: ['text'], disableCorrelation: true },
    tor: { types: ['boolean'], disableCorrelation: true },
    'trust-level': { types: ['text'], disableCorrelation: true },
    vpn: { types: ['boolean'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
