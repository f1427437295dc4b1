import type { ObjectTemplate } from '../types.js';

/** MISP object template `shodan-report` (misp-objects, version 1). */
export default {
  name: 'shodan-report',
  uuid: '10b03d93-3694-4a79-9cd1-4a273746303a',
  version: 1,
  metaCategory: 'network',
  description: 'Shodan Report for a given IP',
  required: ['ip'],
  requiredOneOf: ['hostname', 'org', 'port', 'banner'],
  attributes: {
    banner: { types: ['text'], categories: ['Network activity', 'External analysis'] },
    hostname: {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    ip: { types: ['ip-dst'], categories: ['Network activity', 'External analysis'] },
    org: { types: ['text'], categories: ['Network activity', 'External analysis'] },
    port: { types: ['port'], categories: ['Network activity', 'External analysis'] },
    text: { types: ['text'] },
  },
} as const satisfies ObjectTemplate;
