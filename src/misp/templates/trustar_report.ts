import type { ObjectTemplate } from '../types.js';

/** MISP object template `trustar_report` (misp-objects, version 2). */
export default {
  name: 'trustar_report',
  uuid: '8ff46cf1-db04-4453-ba46-d004e1ef6b7a',
  version: 2,
  metaCategory: 'network',
  description: 'TruStar Report',
  attributes: {
    BITCOIN_ADDRESS: { types: ['btc'], multiple: true },
    CIDR_BLOCK: { types: ['ip-src'], multiple: true },
    COMMENTS: { types: ['text'], multiple: true },
    CVE: { types: ['vulnerability'], multiple: true },
    EMAIL_ADDRESS: { types: ['email-src'], multiple: true },
    INDICATOR_SUMMARY: { types: ['text'], multiple: true },
    IP: { types: ['ip-dst'], multiple: true },
    MALWARE: { types: ['malware-type'], multiple: true },
    MD5: { types: ['md5'], multiple: true },
    REGISTRY_KEY: { types: ['regkey'], multiple: true },
    REPORT_LINK: { types: ['link'], multiple: true },
    SHA1: { types: ['sha1'], multiple: true },
    SHA256: { types: ['sha256'], multiple: true },
    SOFTWARE: { types: ['filename'], multiple: true },
    THREAT_ACTOR: { types: ['threat-actor'], multiple: true },
    URL: { types: ['url'], multiple: true },
  },
} as const satisfies ObjectTemplate;
