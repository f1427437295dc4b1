import type { ObjectTemplate } from '../types.js';

/** MISP object template `virustotal-report` (misp-objects, version 5). */
export default {
  name: 'virustotal-report',
  uuid: 'd7dd0154-e04f-4c34-a2fb-79f3a3a52aa4',
  version: 5,
  metaCategory: 'misc',
  description: 'VirusTotal report',
  required: ['permalink'],
  attributes: {
    comment: {
      types: ['text'], multiple: true, disableCorrelation: true,
      categories: ['External analysis'],
    },
    'community-score': {
      types: ['text'], disableCorrelation: true,
      categories: ['External analysis'],
    },
    'detection-ratio': {
      types: ['text'], disableCorrelation: true,
      categories: ['External analysis'],
    },
    'first-submission': { types: ['datetime'], disableCorrelation: true, categories: ['Other'] },
    'last-submission': { types: ['datetime'], disableCorrelation: true, categories: ['Other'] },
    permalink: { types: ['link'], disableCorrelation: true, categories: ['External analysis'] },
  },
} as const satisfies ObjectTemplate;
