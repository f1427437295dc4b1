import type { ObjectTemplate } from '../types.js';

/** MISP object template `sigmf-recording` (misp-objects, version 1). */
export default {
  name: 'sigmf-recording',
  uuid: '0ca64648-38ca-4e48-99ce-2e655cdac02c',
  version: 1,
  metaCategory: 'misc',
  description:
    'An object representing a single IQ/RF sample in the Signal Metadata Format ' +
    'Specification (SigMF)',
  required: ['SigMF-meta'],
  attributes: {
    'SigMF-data': { types: ['attachment'], disableCorrelation: true },
    'SigMF-meta': { types: ['attachment'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
