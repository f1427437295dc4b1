import type { ObjectTemplate } from '../types.js';

/** MISP object template `sigmf-expanded-recording` (misp-objects, version 1). */
export default {
  name: 'sigmf-expanded-recording',
  uuid: 'f1c2c4e1-d3bf-46b1-b34d-f5e9544a4795',
  version: 1,
  metaCategory: 'misc',
  description:
    'An object representing a single IQ/RF sample in the Signal Metadata Format ' +
    'Specification (SigMF)',
  attributes: {
    author: { types: ['text'], disableCorrelation: true },
    collection: { types: ['text'], disableCorrelation: true },
    data_doi: { types: ['text'], disableCorrelation: true },
    dataset: { types: ['text'], disableCorrelation: true },
    datatype: { types: ['text'], disableCorrelation: true },
    description: { types: ['text'], disableCorrelation: true },
    'fft-plot': { types: ['attachment'], disableCorrelation: true },
    geolocation_alt: { types: ['text'], disableCorrelation: true },
    geolocation_lat: { types: ['text'], disableCorrelation: true },
    geolocation_long: { types: ['text'], disableCorrelation: true },
    hw: { types: ['text'], disableCorrelation: true },
    'iq-sample': { types: ['attachment'], disableCorrelation: true },
    license: { types: ['text'], disableCorrelation: true },
    meta_doi: { types: ['text'], disableCorrelation: true },
    metadata_only: { types: ['boolean'], disableCorrelation: true },
    num_channels: { types: ['counter'], disableCorrelation: true },
    offset: { types: ['integer'], disableCorrelation: true },
    recorder: { types: ['text'], disableCorrelation: true },
    sample_rate: { types: ['float'], disableCorrelation: true },
    sha512: { types: ['sha512'], disableCorrelation: true },
    trailing_bytes: { types: ['size-in-bytes'], disableCorrelation: true },
    version: { types: ['text'], disableCorrelation: true },
    'waterfall-plot': { types: ['attachment'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
