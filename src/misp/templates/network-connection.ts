import type { ObjectTemplate } from '../types.js';

/** MISP object template `network-connection` (misp-objects, version 7). */
export default {
  name: 'network-connection',
  uuid: 'af16764b-f8e5-4603-9de1-de34d272f80b',
  version: 7,
  metaCategory: 'network',
  description: 'A local or remote network connection.',
  requiredOneOf: ['first-packet-seen', 'ip-src', 'ip-dst', 'src-port', 'dst-port', 'community-id'],
  attributes: {
    'community-id': { types: ['community-id'] },
    count: { types: ['counter'] },
    'dst-bytes-count': { types: ['size-in-bytes'], disableCorrelation: true },
    'dst-packets-count': { types: ['counter'], disableCorrelation: true },
    'dst-port': { types: ['port'], categories: ['Network activity', 'External analysis'] },
    'first-packet-seen': { types: ['datetime'], disableCorrelation: true },
    'hostname-dst': { types: ['hostname'] },
    'hostname-src': { types: ['hostname'] },
    'ip-dst': { types: ['ip-dst'], categories: ['Network activity', 'External analysis'] },
    'ip-src': { types: ['ip-src'], categories: ['Network activity', 'External analysis'] },
    'last-packet-seen': { types: ['datetime'], disableCorrelation: true },
    'layer3-protocol': {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['IP', 'ICMP', 'ARP'],
    },
    'layer4-protocol': { types: ['text'], disableCorrelation: true, saneDefault: ['TCP', 'UDP'] },
    'layer7-protocol': {
      types: ['text'], multiple: true, disableCorrelation: true,
      saneDefault: ['HTTP', 'HTTPS', 'FTP'],
    },
    'mac-dst': { types: ['mac-address'] },
    'mac-src': { types: ['mac-address'] },
    'src-bytes-count': { types: ['size-in-bytes'], disableCorrelation: true },
    'src-packets-count': { types: ['counter'], disableCorrelation: true },
    'src-port': { types: ['port'], categories: ['Network activity', 'External analysis'] },
  },
} as const satisfies ObjectTemplate;
