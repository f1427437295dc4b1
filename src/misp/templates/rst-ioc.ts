import type { ObjectTemplate } from '../types.js';

/** MISP object template `rst-ioc` (misp-objects, version 1). */
export default {
  name: 'rst-ioc',
  uuid: '9b8e1d2a-3c4f-4a5b-8c6d-7e8f9a0b1c2d',
  version: 1,
  metaCategory: 'misc',
  description:
    'RST Cloud IoC Lookup enrichment: score, attribution and type-specific context (geo/ASN for IPs, DNS/WHOIS for domains, HTTP status for URLs, filenames for hashes) for an indicator looked up in RST Cloud. Reference it to the enriched attribute.',
  requiredOneOf: ['score-total'],
  attributes: {
    asn: { types: ['text'], disableCorrelation: true },
    cve: { types: ['vulnerability'], multiple: true },
    description: { types: ['text'], disableCorrelation: true },
    dns: { types: ['text'], multiple: true, disableCorrelation: true },
    'false-positive': { types: ['text'], disableCorrelation: true },
    filename: { types: ['filename'], multiple: true },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    geo: { types: ['text'], disableCorrelation: true },
    'http-status': { types: ['text'], disableCorrelation: true },
    industry: { types: ['text'], multiple: true, disableCorrelation: true },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    ref: { types: ['link'], multiple: true, disableCorrelation: true },
    'score-confidence': { types: ['text'], disableCorrelation: true },
    'score-relevance': { types: ['text'], disableCorrelation: true },
    'score-total': { types: ['text'], disableCorrelation: true },
    tag: { types: ['text'], multiple: true, disableCorrelation: true },
    threat: { types: ['text'], multiple: true },
    ttp: { types: ['text'], multiple: true, disableCorrelation: true },
    whois: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
