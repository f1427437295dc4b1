import type { ObjectTemplate } from '../types.js';

/** MISP object template `passive-dns` (misp-objects, version 5). */
export default {
  name: 'passive-dns',
  uuid: 'b77b7b1c-66ab-4a41-8da4-83810f6d2d6c',
  version: 5,
  metaCategory: 'network',
  description:
    'Passive DNS records as expressed in draft-dulaunoy-dnsop-passive-dns-cof-07. See ' +
    'https://tools.ietf.org/id/draft-dulaunoy-dnsop-passive-dns-cof-07.html',
  required: ['rrtype', 'rrname', 'rdata'],
  attributes: {
    bailiwick: { types: ['domain'], disableCorrelation: true },
    count: { types: ['counter'], disableCorrelation: true },
    origin: { types: ['text'], disableCorrelation: true },
    raw_rdata: { types: ['text'] },
    rdata: { types: ['text'] },
    rrname: { types: ['text'], categories: ['Network activity', 'External analysis'] },
    rrtype: {
      types: ['text'], disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
      saneDefault: [
        'A', 'AAAA', 'CNAME', 'PTR', 'SOA', 'TXT', 'DNAME', 'NS', 'SRV', 'RP', 'NAPTR', 'HINFO',
        'A6',
      ],
    },
    sensor_id: { types: ['text'], disableCorrelation: true },
    text: { types: ['text'], disableCorrelation: true },
    time_first: { types: ['datetime'], disableCorrelation: true },
    time_first_ms: { types: ['datetime'], disableCorrelation: true },
    time_last: { types: ['datetime'], disableCorrelation: true },
    time_last_ms: { types: ['datetime'], disableCorrelation: true },
    zone_time_first: { types: ['datetime'], disableCorrelation: true },
    zone_time_last: { types: ['datetime'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
