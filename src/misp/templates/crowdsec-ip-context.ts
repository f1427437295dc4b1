import type { ObjectTemplate } from '../types.js';

/** MISP object template `crowdsec-ip-context` (misp-objects, version 4). */
export default {
  name: 'crowdsec-ip-context',
  uuid: '0f0a6def-a351-4d3b-9868-d732f6f4666f',
  version: 4,
  metaCategory: 'network',
  description: 'CrowdSec Threat Intelligence - IP CTI search',
  requiredOneOf: ['ip'],
  attributes: {
    'as-name': {
      types: ['text'], multiple: true, disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    'as-num': {
      types: ['AS'], multiple: true, disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    'attack-details': { types: ['text'], disableCorrelation: true },
    'background-noise': { types: ['float'], disableCorrelation: true },
    behaviors: { types: ['text'], multiple: true, disableCorrelation: true },
    city: { types: ['text'], disableCorrelation: true },
    classifications: { types: ['text'], multiple: true, disableCorrelation: true },
    country: { types: ['text'], disableCorrelation: true },
    'country-code': { types: ['text'], disableCorrelation: true },
    cves: { types: ['text'], multiple: true, disableCorrelation: true },
    'dst-port': {
      types: ['port'], multiple: true, disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    'false-positives': { types: ['text'], multiple: true, disableCorrelation: true },
    ip: { types: ['ip-src'], categories: ['Network activity', 'External analysis'] },
    'ip-range': { types: ['ip-src'], categories: ['Network activity', 'External analysis'] },
    'ip-range-score': {
      types: ['float'], disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    latitude: { types: ['float'], disableCorrelation: true },
    longitude: { types: ['float'], disableCorrelation: true },
    'mitre-techniques': { types: ['text'], multiple: true, disableCorrelation: true },
    reputation: { types: ['text'], disableCorrelation: true },
    'reverse-dns': { types: ['hostname'], categories: ['Network activity', 'External analysis'] },
    scores: { types: ['text'], disableCorrelation: true },
    'target-countries': { types: ['text'], disableCorrelation: true },
    trust: { types: ['float'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
