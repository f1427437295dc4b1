import type { ObjectTemplate } from '../types.js';

/** MISP object template `macho` (misp-objects, version 2). */
export default {
  name: 'macho',
  uuid: '23fb8371-c7e3-45fe-b897-fdf074f95267',
  version: 2,
  metaCategory: 'file',
  description: 'Object describing a file in Mach-O format.',
  requiredOneOf: ['text', 'name', 'entrypoint-address'],
  attributes: {
    'entrypoint-address': { types: ['text'], disableCorrelation: true },
    name: { types: ['text'] },
    'number-sections': { types: ['counter'], disableCorrelation: true },
    text: { types: ['text'], disableCorrelation: true },
    type: {
      types: ['text'],
      saneDefault: [
        'BUNDLE', 'CORE', 'DSYM', 'DYLIB', 'DYLIB_STUB', 'DYLINKER', 'EXECUTE', 'FVMLIB',
        'KEXT_BUNDLE', 'OBJECT', 'PRELOAD',
      ],
    },
  },
} as const satisfies ObjectTemplate;
