import type { ObjectTemplate } from '../types.js';

/** MISP object template `pe` (misp-objects, version 11). */
export default {
  name: 'pe',
  uuid: 'cf7adecc-d4f0-4e88-9d90-f978ee151a07',
  version: 11,
  metaCategory: 'file',
  description: 'Object describing a Portable Executable',
  requiredOneOf: [
    'text', 'type', 'original-filename', 'internal-filename', 'entrypoint-address', 'imphash',
    'impfuzzy',
  ],
  attributes: {
    authentihash: { types: ['authentihash'] },
    characteristics: {
      types: ['text'], multiple: true, disableCorrelation: true,
      saneDefault: [
        'AGGRESSIVE_WS_TRIM', 'BYTES_REVERSED_HI', 'BYTES_REVERSED_LO', 'DEBUG_STRIPPED', 'DLL',
        'EXECUTABLE_IMAGE', 'LARGE_ADDRESS_AWARE', 'LINE_NUMS_STRIPPED', 'LOCAL_SYMS_STRIPPED',
        'NEED_32BIT_MACHINE', 'NET_RUN_FROM_SWAP', 'RELOCS_STRIPPED', 'REMOVABLE_RUN_FROM_SWAP',
        'SYSTEM', 'UP_SYSTEM_ONLY',
      ],
    },
    'characteristics-hex': { types: ['hex'], disableCorrelation: true },
    'company-name': { types: ['text'], disableCorrelation: true },
    'compilation-timestamp': { types: ['datetime'] },
    'entrypoint-address': { types: ['text'], disableCorrelation: true },
    'entrypoint-section-at-position': { types: ['text'], disableCorrelation: true },
    'file-description': { types: ['text'], disableCorrelation: true },
    'file-version': { types: ['text'], disableCorrelation: true },
    impfuzzy: { types: ['impfuzzy'] },
    imphash: { types: ['imphash'] },
    'internal-filename': { types: ['filename'], disableCorrelation: true },
    'lang-id': { types: ['text'], disableCorrelation: true },
    'legal-copyright': { types: ['text'], disableCorrelation: true },
    'machine-type': {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'AM33', 'AMD64', 'ARM', 'ARM64', 'ARMNT', 'EBC', 'I386', 'IA64', 'M32R', 'MIPS16',
        'MIPSFPU', 'MIPSFPU16', 'POWERPC', 'POWERPCFP', 'R4000', 'SH3', 'SH3DSP', 'SH4', 'SH5',
        'THUMB', 'UNKNOWN', 'WCEMIPSV2',
      ],
    },
    'machine-type-hex': { types: ['hex'], disableCorrelation: true },
    'number-of-symbols': { types: ['counter'], disableCorrelation: true },
    'number-sections': { types: ['counter'], disableCorrelation: true },
    'original-filename': { types: ['filename'], disableCorrelation: true },
    pdb: { types: ['pdb'], multiple: true },
    pehash: { types: ['pehash'] },
    'pointer-to-symbol-table': { types: ['hex'], disableCorrelation: true },
    'product-name': { types: ['text'], disableCorrelation: true },
    'product-version': { types: ['text'], disableCorrelation: true },
    richpe: { types: ['md5'], multiple: true },
    'size-of-optional-header': { types: ['size-in-bytes'] },
    text: { types: ['text'], disableCorrelation: true },
    type: {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['exe', 'dll', 'driver', 'unknown'],
    },
  },
} as const satisfies ObjectTemplate;
