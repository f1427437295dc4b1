import type { ObjectTemplate } from '../types.js';

/** MISP object template `ransomware-group-post` (misp-objects, version 4). */
export default {
  name: 'ransomware-group-post',
  uuid: '52a0e179-4942-41e6-90f5-7db856fd6f39',
  version: 4,
  metaCategory: 'misc',
  description: 'Ransomware group post as monitored by ransomlook.io or others',
  requiredOneOf: ['title', 'description', 'link', 'website', 'leak-site-url'],
  attributes: {
    'actor-geo-stats-30d': { types: ['text'], disableCorrelation: true },
    'actor-total-stats-30d': { types: ['text'], disableCorrelation: true },
    date: { types: ['datetime'], disableCorrelation: true },
    'date-published': { types: ['datetime'], disableCorrelation: true },
    description: { types: ['text'] },
    'entity-name': { types: ['text'] },
    geo: { types: ['text'], disableCorrelation: true },
    'leak-site-url': { types: ['link'] },
    link: { types: ['link'] },
    'ransomware-group': { types: ['text'], disableCorrelation: true },
    sector: { types: ['text'], disableCorrelation: true },
    severity: {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['critical', 'high', 'medium', 'low', 'info'],
    },
    title: { types: ['text'] },
    website: { types: ['link'] },
  },
} as const satisfies ObjectTemplate;
