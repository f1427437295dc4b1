import type { ObjectTemplate } from '../types.js';

/** MISP object template `rst-noise` (misp-objects, version 1). */
export default {
  name: 'rst-noise',
  uuid: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  version: 1,
  metaCategory: 'misc',
  description:
    'RST Cloud Noise Control verdict for an indicator (IP, domain, URL or hash): known-good / noisy infrastructure (rstcloud:noise-control drop / change-score) and category (rstcloud:noise-category). Reference it to the enriched attribute.',
  requiredOneOf: ['verdict'],
  attributes: {
    benign: { types: ['text'], disableCorrelation: true },
    category: { types: ['text'], disableCorrelation: true },
    'ioc-type': { types: ['text'], disableCorrelation: true },
    ref: { types: ['link'], multiple: true, disableCorrelation: true },
    verdict: { types: ['text'], disableCorrelation: true, saneDefault: ['Not flagged', 'NOISY - reduce score', 'BENIGN - known-good'] },
  },
} as const satisfies ObjectTemplate;
