import type { ObjectTemplate } from '../types.js';

/** MISP object template `url` (misp-objects, version 10). */
export default {
  name: 'url',
  uuid: '60efb77b-40b5-4c46-871b-ed1ed999fce5',
  version: 10,
  metaCategory: 'network',
  description:
    'url object describes an url along with its normalized field (like extracted using ' +
    'faup parsing library) and its metadata.',
  requiredOneOf: ['url', 'resource_path'],
  attributes: {
    credential: { types: ['text'] },
    'dom-hash': { types: ['dom-hash'] },
    domain: { types: ['domain'] },
    domain_without_tld: { types: ['text'] },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    fragment: { types: ['text'], multiple: true },
    host: { types: ['hostname'] },
    ip: { types: ['ip-dst'], multiple: true },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    port: { types: ['port'], disableCorrelation: true },
    query_string: { types: ['text'], multiple: true },
    resource_path: { types: ['text'], multiple: true },
    scheme: {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['http', 'https', 'ftp', 'gopher', 'sip'],
    },
    subdomain: { types: ['text'], disableCorrelation: true },
    text: { types: ['text'] },
    tld: { types: ['text'], disableCorrelation: true },
    url: { types: ['url'] },
  },
} as const satisfies ObjectTemplate;
