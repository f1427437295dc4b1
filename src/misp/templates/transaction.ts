import type { ObjectTemplate } from '../types.js';

/** MISP object template `transaction` (misp-objects, version 1). */
export default {
  name: 'transaction',
  uuid: 'a47fa26a-01b6-4747-a394-5144e34456dc',
  version: 1,
  metaCategory: 'financial',
  description: 'An object to describe a financial transaction.',
  requiredOneOf: ['transaction-number', 'date', 'amount', 'transmode-code'],
  attributes: {
    amount: { types: ['text'] },
    authorized: { types: ['text'] },
    date: { types: ['datetime'] },
    'date-posting': { types: ['datetime'] },
    'from-country': { types: ['text'] },
    'from-funds-code': {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'A Deposit', 'C Currency exchange', 'D Casino chips', 'E Bank draft', 'F Money order',
        'G Traveler’s cheques', 'H Life insurance policy', 'I Real estate', 'J Securities',
        'K Cash', 'O Other', 'P Cheque',
      ],
    },
    location: { types: ['text'] },
    teller: { types: ['text'] },
    text: { types: ['text'], disableCorrelation: true },
    'to-country': { types: ['text'] },
    'to-funds-code': {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'A Deposit', 'C Currency exchange', 'D Casino chips', 'E Bank draft', 'F Money order',
        'G Traveler’s cheques', 'H Life insurance policy', 'I Real estate', 'J Securities',
        'K Cash', 'O Other', 'P Cheque',
      ],
    },
    'transaction-number': { types: ['text'] },
    'transmode-code': { types: ['text'] },
    'transmode-comment': { types: ['text'] },
  },
} as const satisfies ObjectTemplate;
