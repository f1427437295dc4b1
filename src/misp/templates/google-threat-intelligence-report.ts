import type { ObjectTemplate } from '../types.js';

/** MISP object template `google-threat-intelligence-report` (misp-objects, version 1). */
export default {
  name: 'google-threat-intelligence-report',
  uuid: 'e288e533-2736-438a-8136-26cac06be1e7',
  version: 1,
  metaCategory: 'misc',
  description:
    'Google Threat Intelligence report that provides an assessment (verdict, severity and ' +
    'scoring) and combined information from VirusTotal and Mandiant',
  required: ['permalink'],
  attributes: {
    'detection-ratio': {
      types: ['text'], disableCorrelation: true,
      categories: ['External analysis'],
    },
    'first-submission': { types: ['datetime'], disableCorrelation: true, categories: ['Other'] },
    'last-submission': { types: ['datetime'], disableCorrelation: true, categories: ['Other'] },
    permalink: { types: ['link'], disableCorrelation: true, categories: ['External analysis'] },
    severity: { types: ['text'], disableCorrelation: true, categories: ['External analysis'] },
    'threat-score': {
      types: ['integer'], disableCorrelation: true,
      categories: ['External analysis'],
    },
    verdict: { types: ['text'], disableCorrelation: true, categories: ['External analysis'] },
  },
} as const satisfies ObjectTemplate;
