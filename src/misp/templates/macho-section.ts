import type { ObjectTemplate } from '../types.js';

/** MISP object template `macho-section` (misp-objects, version 2). */
export default {
  name: 'macho-section',
  uuid: 'fca3c534-d188-4964-9c6e-9922e1dfe66e',
  version: 2,
  metaCategory: 'file',
  description: 'Object describing a section of a file in Mach-O format.',
  requiredOneOf: [
    'text', 'name', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512/224',
    'sha512/256',
  ],
  attributes: {
    entropy: { types: ['float'], disableCorrelation: true },
    md5: { types: ['md5'] },
    name: { types: ['text'], disableCorrelation: true },
    sha1: { types: ['sha1'] },
    sha224: { types: ['sha224'] },
    sha256: { types: ['sha256'] },
    sha384: { types: ['sha384'] },
    sha512: { types: ['sha512'] },
    'sha512/224': { types: ['sha512/224'] },
    'sha512/256': { types: ['sha512/256'] },
    'size-in-bytes': { types: ['size-in-bytes'], disableCorrelation: true },
    ssdeep: { types: ['ssdeep'] },
    text: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
