import type { ObjectTemplate } from '../types.js';

/** MISP object template `stairwell` (misp-objects, version 1). */
export default {
  name: 'stairwell',
  uuid: '113d31ab-6eea-46df-976c-e955c369acd2',
  version: 1,
  metaCategory: 'file',
  description:
    'Stairwell leverages automated analysis, YARA rule libraries, shared malware feeds, ' +
    'privately run AV verdicts, static & dynamic analysis, malware unpacking, and variant ' +
    'discovery.',
  requiredOneOf: ['md5', 'sha1', 'sha256'],
  attributes: {
    entropy: { types: ['float'], disableCorrelation: true },
    environment: { types: ['comment'], multiple: true },
    imphash: { types: ['imphash'] },
    magic: { types: ['comment'] },
    'malEval-probability': { types: ['comment'] },
    'malEval-severity': { types: ['comment'] },
    md5: { types: ['md5'] },
    'mime-type': { types: ['mime-type'], disableCorrelation: true },
    sha1: { types: ['sha1'] },
    sha256: { types: ['sha256'] },
    'size-in-bytes': { types: ['size-in-bytes'], disableCorrelation: true },
    'stairwell-first-seen': { types: ['datetime'] },
    tlsh: { types: ['tlsh'] },
    'yara-rule-match': { types: ['comment'], multiple: true },
  },
} as const satisfies ObjectTemplate;
