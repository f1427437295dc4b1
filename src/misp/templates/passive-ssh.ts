import type { ObjectTemplate } from '../types.js';

/** MISP object template `passive-ssh` (misp-objects, version 2). */
export default {
  name: 'passive-ssh',
  uuid: 'ec350cdf-2311-4df5-972a-a4342a2c0065',
  version: 2,
  metaCategory: 'network',
  description:
    'Passive-ssh object as described on passive-ssh services from circl.lu - ' +
    'https://github.com/D4-project/passive-ssh',
  requiredOneOf: ['host', 'base64', 'fingerprint', 'hassh'],
  attributes: {
    banner: {
      types: ['text'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    base64: { types: ['text'], multiple: true, disableCorrelation: true },
    fingerprint: { types: ['ssh-fingerprint'], multiple: true, disableCorrelation: true },
    first_seen: { types: ['datetime'], disableCorrelation: true },
    hassh: { types: ['hassh-md5'] },
    host: {
      types: ['ip-dst'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    last_seen: { types: ['datetime'], disableCorrelation: true },
    port: { types: ['port'] },
  },
} as const satisfies ObjectTemplate;
