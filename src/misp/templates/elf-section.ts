import type { ObjectTemplate } from '../types.js';

/** MISP object template `elf-section` (misp-objects, version 4). */
export default {
  name: 'elf-section',
  uuid: 'ca271f32-1234-4e87-b240-6b6e882de5de',
  version: 4,
  metaCategory: 'file',
  description: 'Object describing a section of an Executable and Linkable Format',
  requiredOneOf: [
    'text', 'name', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512/224',
    'sha512/256',
  ],
  attributes: {
    entropy: { types: ['float'], disableCorrelation: true },
    flag: {
      types: ['text'], multiple: true, disableCorrelation: true,
      saneDefault: [
        'ALLOC', 'EXCLUDE', 'EXECINSTR', 'GROUP', 'HEX_GPREL', 'INFO_LINK', 'LINK_ORDER', 'MASKOS',
        'MASKPROC', 'MERGE', 'MIPS_ADDR', 'MIPS_LOCAL', 'MIPS_MERGE', 'MIPS_NAMES', 'MIPS_NODUPES',
        'MIPS_NOSTRIP', 'NONE', 'OS_NONCONFORMING', 'STRINGS', 'TLS', 'WRITE',
        'XCORE_SHF_CP_SECTION',
      ],
    },
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
    type: {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'NULL', 'PROGBITS', 'SYMTAB', 'STRTAB', 'RELA', 'HASH', 'DYNAMIC', 'NOTE', 'NOBITS', 'REL',
        'SHLIB', 'DYNSYM', 'INIT_ARRAY', 'FINI_ARRAY', 'PREINIT_ARRAY', 'GROUP', 'SYMTAB_SHNDX',
        'LOOS', 'GNU_ATTRIBUTES', 'GNU_HASH', 'GNU_VERDEF', 'GNU_VERNEED', 'GNU_VERSYM', 'HIOS',
        'LOPROC', 'ARM_EXIDX', 'ARM_PREEMPTMAP', 'HEX_ORDERED', 'X86_64_UNWIND', 'MIPS_REGINFO',
        'MIPS_OPTIONS', 'MIPS_ABIFLAGS', 'HIPROC', 'LOUSER', 'HIUSER',
      ],
    },
  },
} as const satisfies ObjectTemplate;
