import type { ObjectTemplate } from '../types.js';

/** MISP object template `domain-ip` (misp-objects, version 11). */
export default {
  name: 'domain-ip',
  uuid: '43b3b146-77eb-4931-b4cc-b66c60f28734',
  version: 11,
  metaCategory: 'network',
  description: 'A domain/hostname and IP address seen as a tuple in a specific time frame.',
  requiredOneOf: ['ip', 'domain', 'hostname'],
  attributes: {
    domain: {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    hostname: { types: ['hostname'] },
    ip: {
      types: ['ip-dst'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    port: {
      types: ['port'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'registration-date': { types: ['datetime'] },
    text: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
