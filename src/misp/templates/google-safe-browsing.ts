import type { ObjectTemplate } from '../types.js';

/** MISP object template `google-safe-browsing` (misp-objects, version 1). */
export default {
  name: 'google-safe-browsing',
  uuid: '1f8af312-dfbb-4572-b894-dabe7c8798d8',
  version: 1,
  metaCategory: 'network',
  description:
    'Google Safe checks a URL against Google\'s constantly updated list of unsafe web ' +
    'resources.',
  attributes: {
    malicious: { types: ['boolean'] },
    platforms: { types: ['text'] },
    threats: { types: ['text'] },
  },
} as const satisfies ObjectTemplate;
