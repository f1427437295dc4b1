import type { ObjectTemplate } from '../types.js';

/** MISP object template `registry-key` (misp-objects, version 5). */
export default {
  name: 'registry-key',
  uuid: '8b3228ad-6d82-4fe6-b2ae-05426308f1d5',
  version: 5,
  metaCategory: 'file',
  description:
    'Registry key object describing a Windows registry key with value and last-modified ' +
    'timestamp',
  requiredOneOf: ['key', 'name', 'data'],
  attributes: {
    data: { types: ['text'], categories: ['Persistence mechanism', 'Artifacts dropped'] },
    'data-type': {
      types: ['text'], disableCorrelation: true,
      categories: ['Persistence mechanism', 'Artifacts dropped'],
      saneDefault: [
        'REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD',
        'REG_DWORD_LITTLE_ENDIAN', 'REG_DWORD_BIG_ENDIAN', 'REG_LINK', 'REG_MULTI_SZ',
        'REG_RESOURCE_LIST', 'REG_FULL_RESOURCE_DESCRIPTOR', 'REG_RESOURCE_REQUIREMENTS_LIST',
        'REG_QWORD', 'REG_QWORD_LITTLE_ENDIAN',
      ],
    },
    hive: {
      types: ['text'], disableCorrelation: true,
      categories: ['Persistence mechanism', 'Artifacts dropped'],
    },
    key: { types: ['regkey'], categories: ['Persistence mechanism', 'Artifacts dropped'] },
    'last-modified': { types: ['datetime'], categories: ['Other'] },
    name: { types: ['text'], categories: ['Persistence mechanism', 'Artifacts dropped'] },
    'root-keys': {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'HKCC', 'HKCR', 'HKCU', 'HKDD', 'HKEY_CLASSES_ROOT', 'HKEY_CURRENT_CONFIG',
        'HKEY_CURRENT_USER', 'HKEY_DYN_DATA', 'HKEY_LOCAL_MACHINE', 'HKEY_PERFORMANCE_DATA',
        'HKEY_USERS', 'HKLM', 'HKPD', 'HKU',
      ],
    },
  },
} as const satisfies ObjectTemplate;
