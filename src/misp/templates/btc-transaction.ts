import type { ObjectTemplate } from '../types.js';

/** MISP object template `btc-transaction` (misp-objects, version 4). */
export default {
  name: 'btc-transaction',
  uuid: 'B7341729-5A8A-439F-A775-6D814DA3C7B5',
  version: 4,
  metaCategory: 'financial',
  description: 'An object to describe a Bitcoin transaction. Best to be used with bitcoin-wallet.',
  requiredOneOf: ['transaction-number', 'time', 'value_BTC'],
  attributes: {
    'btc-address': { types: ['btc'], disableCorrelation: true },
    time: { types: ['datetime'], disableCorrelation: true },
    'transaction-number': { types: ['text'], multiple: true, disableCorrelation: true },
    value_BTC: { types: ['float'], disableCorrelation: true },
    value_EUR: { types: ['float'], disableCorrelation: true },
    value_USD: { types: ['float'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
