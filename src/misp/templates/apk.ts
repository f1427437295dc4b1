import type { ObjectTemplate } from '../types.js';

/** MISP object template `apk` (misp-objects, version 2). */
export default {
  name: 'apk',
  uuid: '501bf5cf-28e0-4a5a-8056-e811c6447cfa',
  version: 2,
  metaCategory: 'file',
  description: 'Apk object describing a file with meta-information',
  requiredOneOf: [
    'filename', 'size-in-bytes', 'ssdeep', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512',
    'sha512/224', 'sha512/256', 'sha3-224', 'sha3-256', 'sha3-384', 'sha3-512', 'tlsh',
    'malware-sample', 'url',
  ],
  attributes: {
    'access-time': { types: ['datetime'] },
    'creation-time': { types: ['datetime'] },
    filename: {
      types: ['filename'], multiple: true,
      categories: [
        'Payload delivery', 'Artifacts dropped', 'Payload installation', 'External analysis',
      ],
    },
    'malware-sample': { types: ['malware-sample'] },
    md5: { types: ['md5'] },
    mimetype: { types: ['mime-type'], disableCorrelation: true },
    'modification-time': { types: ['datetime'] },
    'package-name': { types: ['text'] },
    sha1: { types: ['sha1'] },
    sha224: { types: ['sha224'] },
    sha256: { types: ['sha256'] },
    'sha3-224': { types: ['sha3-224'] },
    'sha3-256': { types: ['sha3-256'] },
    'sha3-384': { types: ['sha3-384'] },
    'sha3-512': { types: ['sha3-512'] },
    sha384: { types: ['sha384'] },
    sha512: { types: ['sha512'] },
    'sha512/224': { types: ['sha512/224'] },
    'sha512/256': { types: ['sha512/256'] },
    'size-in-bytes': { types: ['size-in-bytes'], disableCorrelation: true },
    ssdeep: { types: ['ssdeep'] },
    state: {
      types: ['text'], multiple: true, disableCorrelation: true,
      valuesList: ['Malicious', 'Harmless', 'Signed', 'Revoked', 'Expired', 'Trusted'],
    },
    tlsh: { types: ['tlsh'] },
    url: { types: ['url'], multiple: true, categories: ['Payload delivery'] },
    vhash: { types: ['vhash'] },
  },
} as const satisfies ObjectTemplate;
