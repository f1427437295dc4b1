import type { ObjectTemplate } from '../types.js';

/** MISP object template `hashlookup` (misp-objects, version 3). */
export default {
  name: 'hashlookup',
  uuid: '18671816-2524-452e-b031-5fc0fe2ab774',
  version: 3,
  metaCategory: 'file',
  description:
    'hashlookup object as described on hashlookup services from circl.lu - ' +
    'https://www.circl.lu/services/hashlookup',
  requiredOneOf: ['FileName', 'FileSize', 'MD5', 'SHA-1', 'SHA-256', 'TLSH', 'SSDEEP'],
  attributes: {
    FileName: { types: ['filename'], disableCorrelation: true },
    FileSize: { types: ['size-in-bytes'], disableCorrelation: true },
    KnownMalicious: { types: ['text'], disableCorrelation: true },
    MD5: { types: ['md5'] },
    PackageArch: { types: ['text'], disableCorrelation: true },
    PackageDescription: { types: ['text'], disableCorrelation: true },
    PackageMaintainer: { types: ['text'] },
    PackageName: { types: ['text'], disableCorrelation: true },
    PackageRelease: { types: ['text'], disableCorrelation: true },
    PackageVersion: { types: ['text'], disableCorrelation: true },
    'SHA-1': { types: ['sha1'] },
    'SHA-256': { types: ['sha256'] },
    SSDEEP: { types: ['ssdeep'] },
    TLSH: { types: ['tlsh'] },
    source: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
