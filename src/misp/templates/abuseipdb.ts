import type { ObjectTemplate } from '../types.js';

/** MISP object template `abuseipdb` (misp-objects, version 1). */
export default {
  name: 'abuseipdb',
  uuid: 'cccdaaf6-c140-461c-8d1c-aa79bbd029e0',
  version: 1,
  metaCategory: 'network',
  description: 'AbuseIPDB checks an ip address, domain name, or subnet against a central blacklist',
  attributes: {
    'abuse-confidence-score': { types: ['integer'] },
    'is-malicious': { types: ['boolean'] },
    'is-public': { types: ['boolean'] },
    'is-tor': { types: ['boolean'] },
    'is-whitelisted': { types: ['boolean'] },
  },
} as const satisfies ObjectTemplate;
