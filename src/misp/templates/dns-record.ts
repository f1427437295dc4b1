import type { ObjectTemplate } from '../types.js';

/** MISP object template `dns-record` (misp-objects, version 2). */
export default {
  name: 'dns-record',
  uuid: 'f023c8f0-81ab-41f3-9f5d-fa597a34a9b9',
  version: 2,
  metaCategory: 'network',
  description: 'A set of DNS records observed for a specific domain.',
  required: ['queried-domain'],
  requiredOneOf: [
    'a-record', 'aaaa-record', 'cname-record', 'mx-record', 'ns-record', 'ptr-record',
    'soa-record', 'spf-record', 'srv-record', 'txt-record',
  ],
  attributes: {
    'a-record': {
      types: ['ip-dst'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'aaaa-record': {
      types: ['ip-dst'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'cname-record': {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'mx-record': {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'ns-record': {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'ptr-record': {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'queried-domain': { types: ['domain'], categories: ['Network activity', 'External analysis'] },
    'soa-record': {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'spf-record': {
      types: ['ip-dst'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'srv-record': {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    text: { types: ['text'] },
    'txt-record': {
      types: ['text'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
  },
} as const satisfies ObjectTemplate;
