import type { ObjectTemplate } from '../types.js';

/** MISP object template `pe-section` (misp-objects, version 3). */
export default {
  name: 'pe-section',
  uuid: '198a17d2-a135-4b25-9a32-5aa4e632014a',
  version: 3,
  metaCategory: 'file',
  description: 'Object describing a section of a Portable Executable',
  requiredOneOf: [
    'text', 'name', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512/224',
    'sha512/256',
  ],
  attributes: {
    characteristic: { types: ['text'], saneDefault: ['read', 'write', 'executable'] },
    entropy: { types: ['float'], disableCorrelation: true },
    md5: { types: ['md5'] },
    name: {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['.rsrc', '.reloc', '.rdata', '.data', '.text'],
    },
    offset: { types: ['hex'], disableCorrelation: true },
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
    virtual_address: { types: ['hex'], disableCorrelation: true },
    virtual_size: { types: ['size-in-bytes'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
