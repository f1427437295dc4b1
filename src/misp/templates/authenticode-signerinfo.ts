import type { ObjectTemplate } from '../types.js';

/** MISP object template `authenticode-signerinfo` (misp-objects, version 2). */
export default {
  name: 'authenticode-signerinfo',
  uuid: '965cb0aa-baf1-4cc6-9070-68f5c1698c1e',
  version: 2,
  metaCategory: 'file',
  description: 'Authenticode Signer Info',
  requiredOneOf: ['url', 'program-name', 'issuer'],
  attributes: {
    'content-type': { types: ['text'] },
    'digest-base64': { types: ['text'], disableCorrelation: true },
    digest_algorithm: { types: ['text'], disableCorrelation: true },
    encryption_algorithm: { types: ['text'], disableCorrelation: true },
    issuer: { types: ['text'], disableCorrelation: true },
    'program-name': { types: ['text'] },
    'serial-number': { types: ['text'], disableCorrelation: true },
    signature_algorithm: {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['SHA1_WITH_RSA_ENCRYPTION', 'SHA256_WITH_RSA_ENCRYPTION'],
    },
    text: { types: ['text'] },
    url: { types: ['url'], multiple: true },
    version: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
