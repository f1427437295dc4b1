import type { ObjectTemplate } from '../types.js';

/** MISP object template `bank-account` (misp-objects, version 3). */
export default {
  name: 'bank-account',
  uuid: 'b4712203-95a8-4883-80e9-b566f5df11c9',
  version: 3,
  metaCategory: 'financial',
  description:
    'An object describing bank account information based on account description from ' +
    'goAML 4.0.',
  requiredOneOf: ['account', 'iban'],
  attributes: {
    'aba-rtn': { types: ['aba-rtn'] },
    account: { types: ['bank-account-nr'] },
    'account-name': { types: ['text'] },
    balance: { types: ['text'], disableCorrelation: true },
    beneficiary: { types: ['text'], disableCorrelation: true },
    'beneficiary-comment': { types: ['text'], disableCorrelation: true },
    branch: { types: ['text'], disableCorrelation: true },
    'client-number': { types: ['text'] },
    closed: { types: ['datetime'], disableCorrelation: true },
    comments: { types: ['text'], disableCorrelation: true },
    'currency-code': { types: ['text'], disableCorrelation: true, saneDefault: ['USD', 'EUR'] },
    'date-balance': { types: ['datetime'], disableCorrelation: true },
    iban: { types: ['iban'] },
    'institution-code': { types: ['text'], disableCorrelation: true },
    'institution-name': { types: ['text'], disableCorrelation: true },
    'non-banking-institution': {
      types: ['boolean'], disableCorrelation: true,
      saneDefault: ['True', 'False'],
    },
    opened: { types: ['datetime'], disableCorrelation: true },
    'personal-account-type': {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'A - Business', 'B - Personal Current', 'C - Savings', 'D - Trust Account',
        'E - Trading Account', 'O - Other',
      ],
    },
    'report-code': {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'CTR Cash Transaction Report', 'STR Suspicious Transaction Report',
        'EFT Electronic Funds Transfer', 'IFT International Funds Transfer',
        'TFR Terror Financing Report', 'BCR Border Cash Report', 'UTR Unusual Transaction Report',
        'AIF Additional Information File – Can be used for example to get full disclosure of transactions of an account for a period of time without reporting it as a CTR.',
        'IRI Incoming Request for Information – International',
        'ORI Outgoing Request for Information – International',
        'IRD Incoming Request for Information – Domestic',
        'ORD Outgoing Request for Information – Domestic',
      ],
    },
    'status-code': {
      types: ['text'], disableCorrelation: true,
      saneDefault: ['A - Active', 'B - Inactive', 'C - Dormant'],
    },
    swift: { types: ['bic'], disableCorrelation: true },
    text: { types: ['text'], disableCorrelation: true },
  },
} as const satisfies ObjectTemplate;
