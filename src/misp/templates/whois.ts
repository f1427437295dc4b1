import type { ObjectTemplate } from '../types.js';

/** MISP object template `whois` (misp-objects, version 10). */
export default {
  name: 'whois',
  uuid: '429faea1-34ff-47af-8a00-7c62d3be5a6a',
  version: 10,
  metaCategory: 'network',
  description: 'Whois records information for a domain name or an IP address.',
  requiredOneOf: [
    'registrant-email', 'registrant-phone', 'creation-date', 'registrant-name', 'registrar',
    'text', 'domain', 'ip-address',
  ],
  attributes: {
    comment: { types: ['text'] },
    'creation-date': { types: ['datetime'], disableCorrelation: true },
    domain: {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'expiration-date': { types: ['datetime'], disableCorrelation: true },
    'ip-address': { types: ['ip-src'], multiple: true },
    'modification-date': { types: ['datetime'], disableCorrelation: true },
    nameserver: { types: ['hostname'], multiple: true, disableCorrelation: true, toIds: false },
    'registrant-email': { types: ['whois-registrant-email'] },
    'registrant-name': { types: ['whois-registrant-name'] },
    'registrant-org': { types: ['whois-registrant-org'] },
    'registrant-phone': { types: ['whois-registrant-phone'] },
    registrar: { types: ['whois-registrar'] },
    text: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
