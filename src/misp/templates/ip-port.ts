import type { ObjectTemplate } from '../types.js';

/** MISP object template `ip-port` (misp-objects, version 10). */
export default {
  name: 'ip-port',
  uuid: '9f8cea74-16fe-4968-a2b4-026676949ac6',
  version: 10,
  metaCategory: 'network',
  description:
    'An IP address (or domain or hostname) and a port seen as a tuple (or as a triple) in ' +
    'a specific time frame.',
  requiredOneOf: ['dst-port', 'src-port', 'domain', 'hostname', 'ip', 'ip-src', 'ip-dst'],
  attributes: {
    AS: {
      types: ['AS'], multiple: true, disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    'country-code': {
      types: ['text'], disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    domain: {
      types: ['domain'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'dst-port': {
      types: ['port'], multiple: true, disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    'first-seen': { types: ['datetime'], disableCorrelation: true },
    hostname: {
      types: ['hostname'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    ip: {
      types: ['ip-dst'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'ip-dst': {
      types: ['ip-dst'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'ip-src': {
      types: ['ip-src'], multiple: true,
      categories: ['Network activity', 'External analysis'],
    },
    'last-seen': { types: ['datetime'], disableCorrelation: true },
    protocol: {
      types: ['text'], disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    'ptr-record': { types: ['domain'] },
    'src-port': {
      types: ['port'], multiple: true, disableCorrelation: true,
      categories: ['Network activity', 'External analysis'],
    },
    text: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
