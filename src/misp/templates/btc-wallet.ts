import type { ObjectTemplate } from '../types.js';

/** MISP object template `btc-wallet` (misp-objects, version 3). */
export default {
  name: 'btc-wallet',
  uuid: '22910C83-DD0E-4ED2-9823-45F8CAD562A4',
  version: 3,
  metaCategory: 'financial',
  description:
    'An object to describe a Bitcoin wallet. Best to be used with btc-transaction object.',
  requiredOneOf: ['wallet-address'],
  attributes: {
    BTC_received: { types: ['float'], disableCorrelation: true },
    BTC_sent: { types: ['float'], disableCorrelation: true },
    balance_BTC: { types: ['float'], disableCorrelation: true },
    time: { types: ['datetime'], disableCorrelation: true },
    'wallet-address': { types: ['btc'] },
  },
} as const satisfies ObjectTemplate;
