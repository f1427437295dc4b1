import type { ObjectTemplate } from '../types.js';

/** MISP object template `http-request` (misp-objects, version 4). */
export default {
  name: 'http-request',
  uuid: 'b4a8d163-8110-4239-bfcf-e08f3a9fdf7b',
  version: 4,
  metaCategory: 'network',
  description: 'A single HTTP request header',
  requiredOneOf: ['url', 'uri'],
  attributes: {
    'basicauth-password': { types: ['text'], categories: ['Network activity'] },
    'basicauth-user': { types: ['text'], categories: ['Network activity'] },
    'content-type': { types: ['other'], categories: ['Network activity'] },
    cookie: { types: ['text'], multiple: true, categories: ['Network activity'] },
    header: { types: ['text'], multiple: true, categories: ['Network activity'] },
    host: { types: ['hostname'], categories: ['Network activity', 'Payload delivery'] },
    'ip-dst': { types: ['ip-dst'], categories: ['Network activity', 'Payload delivery'] },
    'ip-src': { types: ['ip-src'], categories: ['Network activity', 'Payload delivery'] },
    method: { types: ['http-method'], disableCorrelation: true, categories: ['Network activity'] },
    'proxy-password': { types: ['text'], categories: ['Network activity'] },
    'proxy-user': { types: ['text'], categories: ['Network activity'] },
    referer: { types: ['other'], categories: ['Network activity', 'Payload delivery'] },
    text: { types: ['text'], disableCorrelation: true },
    uri: { types: ['uri'], categories: ['Network activity'] },
    url: { types: ['url'], categories: ['Network activity', 'Payload delivery'] },
    'user-agent': { types: ['user-agent'], categories: ['Network activity'] },
  },
} as const satisfies ObjectTemplate;
