import type { ObjectTemplate } from '../types.js';

/** MISP object template `yara` (misp-objects, version 9). */
export default {
  name: 'yara',
  uuid: 'b5acf82e-ecca-4868-82fe-9dbdf4d808c3',
  version: 9,
  metaCategory: 'misc',
  description:
    'An object describing a YARA rule (or a YARA rule name), its supported YARA version, ' +
    'and optional test-sample hashes. Test samples are true-positive by default; set ' +
    'false-positive=true when needed.',
  requiredOneOf: ['yara', 'yara-rule-name'],
  attributes: {
    comment: { types: ['comment'] },
    context: {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['all', 'disk', 'memory', 'network'],
    },
    'false-positive': { types: ['boolean'], disableCorrelation: true, saneDefault: ['false'] },
    md5: { types: ['md5'] },
    reference: { types: ['link'] },
    sha1: { types: ['sha1'] },
    sha256: { types: ['sha256'] },
    sha512: { types: ['sha512'] },
    ssdeep: { types: ['ssdeep'] },
    tlsh: { types: ['tlsh'] },
    version: { types: ['text'], disableCorrelation: true, saneDefault: ['3.7.1'] },
    yara: { types: ['yara'] },
    'yara-rule-name': { types: ['text'] },
  },
} as const satisfies ObjectTemplate;
