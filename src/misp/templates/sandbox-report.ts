import type { ObjectTemplate } from '../types.js';

/** MISP object template `sandbox-report` (misp-objects, version 2). */
export default {
  name: 'sandbox-report',
  uuid: '4d3fffd2-cd07-4357-96e0-a51c988faaef',
  version: 2,
  metaCategory: 'misc',
  description: 'Sandbox report',
  required: ['sandbox-type'],
  requiredOneOf: ['web-sandbox', 'on-premise-sandbox', 'saas-sandbox'],
  attributes: {
    'on-premise-sandbox': {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'cuckoo', 'symantec-cas-on-premise', 'bluecoat-maa', 'trendmicro-deep-discovery-analyzer',
        'fireeye-ax', 'vmray', 'joe-sandbox-on-premise',
      ],
    },
    permalink: { types: ['link'], categories: ['External analysis'] },
    'raw-report': { types: ['text'], disableCorrelation: true, categories: ['External analysis'] },
    results: {
      types: ['text'], multiple: true, disableCorrelation: true,
      categories: ['External analysis'],
    },
    'saas-sandbox': {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['forticloud-sandbox', 'joe-sandbox-cloud', 'symantec-cas-cloud'],
    },
    'sandbox-file': {
      types: ['attachment'], multiple: true, disableCorrelation: true,
      categories: ['External analysis'],
    },
    'sandbox-type': {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['on-premise', 'web', 'saas'],
    },
    score: { types: ['text'], disableCorrelation: true, categories: ['External analysis'] },
    'web-sandbox': {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['malwr', 'hybrid-analysis'],
    },
  },
} as const satisfies ObjectTemplate;
