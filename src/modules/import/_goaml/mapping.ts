/**
 * goAML report structure and the goAML field → MISP object relation tables
 * of upstream's goamlimport (the reverse of goamlexport), with upstream's
 * omissions filled in: fields its leaf lists forgot (transaction_description,
 * ssn, …), the misspelt non-bank-institution and date_balance, and the
 * entity that owns an account (`t_entity`, which goamlexport writes).
 */
import type { RelationOf } from '../../../misp/templates/index.js';

export type GoamlTemplate = 'transaction' | 'bank-account' | 'person' | 'legal-entity' | 'geolocation';

/** A goAML element that becomes an object of `template`. */
interface MappingOf<T extends GoamlTemplate> {
  readonly template: T;
  /** goAML child element → object relation, in the order upstream reads them. */
  readonly fields: ReadonlyArray<readonly [string, RelationOf<T>]>;
}

export interface GoamlMapping {
  readonly template: GoamlTemplate;
  readonly fields: ReadonlyArray<readonly [string, RelationOf<GoamlTemplate>]>;
}

const TRANSACTION: MappingOf<'transaction'> = {
  template: 'transaction',
  fields: [
    ['transactionnumber', 'transaction-number'],
    ['transaction_location', 'location'],
    ['date_transaction', 'date'],
    ['transmode_code', 'transmode-code'],
    ['amount_local', 'amount'],
    ['transmode_comment', 'transmode-comment'],
    ['date_posting', 'date-posting'],
    ['teller', 'teller'],
    ['authorized', 'authorized'],
    ['transaction_description', 'text'],
  ],
};

const ACCOUNT: MappingOf<'bank-account'> = {
  template: 'bank-account',
  fields: [
    ['institution_name', 'institution-name'],
    ['institution_code', 'institution-code'],
    ['swift', 'swift'],
    ['branch', 'branch'],
    ['non_bank_institution', 'non-banking-institution'],
    // The spellings upstream looked for.
    ['non_banking_institution', 'non-banking-institution'],
    ['non_banking_insitution', 'non-banking-institution'],
    ['account', 'account'],
    ['currency_code', 'currency-code'],
    ['account_name', 'account-name'],
    ['iban', 'iban'],
    ['client_number', 'client-number'],
    ['opened', 'opened'],
    ['closed', 'closed'],
    ['personal_account_type', 'personal-account-type'],
    ['balance', 'balance'],
    ['date_balance', 'date-balance'],
    ['status_code', 'status-code'],
    ['beneficiary', 'beneficiary'],
    ['beneficiary_comment', 'beneficiary-comment'],
    ['comments', 'comments'],
  ],
};

const PERSON: MappingOf<'person'> = {
  template: 'person',
  fields: [
    ['first_name', 'first-name'],
    ['middle_name', 'middle-name'],
    ['last_name', 'last-name'],
    ['gender', 'gender'],
    ['title', 'title'],
    ['mothers_name', 'mothers-name'],
    ['birthdate', 'date-of-birth'],
    ['passport_number', 'passport-number'],
    ['passport_country', 'passport-country'],
    ['id_number', 'identity-card-number'],
    ['birth_place', 'place-of-birth'],
    ['alias', 'alias'],
    ['nationality1', 'nationality'],
    ['ssn', 'social-security-number'],
    ['comments', 'text'],
  ],
};

const ENTITY: MappingOf<'legal-entity'> = {
  template: 'legal-entity',
  fields: [
    ['name', 'name'],
    ['commercial_name', 'commercial-name'],
    ['incorporation_legal_form', 'legal-form'],
    ['incorporation_number', 'registration-number'],
    ['business', 'business'],
    ['phone', 'phone-number'],
  ],
};

// address_type has no geolocation relation (upstream dropped the whole location when it was present).
const LOCATION: MappingOf<'geolocation'> = {
  template: 'geolocation',
  fields: [
    ['address', 'address'],
    ['city', 'city'],
    ['zip', 'zipcode'],
    ['country_code', 'country'],
    ['state', 'region'],
  ],
};

/** goAML elements that become a MISP object. */
export const GOAML_OBJECTS: Readonly<Record<string, GoamlMapping>> = {
  transaction: TRANSACTION,
  from_account: ACCOUNT,
  to_account: ACCOUNT,
  t_person: PERSON,
  from_person: PERSON,
  to_person: PERSON,
  reporting_person: PERSON,
  from_entity: ENTITY,
  to_entity: ENTITY,
  t_entity: ENTITY,
  location: LOCATION,
  address: LOCATION,
};

const FROM = ['from_person', 'from_account', 'from_entity'];
const TO = ['to_person', 'to_account', 'to_entity'];
const WITH_ADDRESSES = ['addresses'];

/** The child elements walked below each element. */
export const GOAML_NODES: Readonly<Record<string, readonly string[]>> = {
  report: ['reporting_person', 'location'],
  reporting_person: WITH_ADDRESSES,
  transaction: ['t_from', 't_from_my_client', 't_to', 't_to_my_client'],
  t_from: FROM,
  t_from_my_client: FROM,
  t_to: TO,
  t_to_my_client: TO,
  addresses: ['address'],
  from_person: WITH_ADDRESSES,
  to_person: WITH_ADDRESSES,
  t_person: WITH_ADDRESSES,
  from_account: ['signatory', 't_entity'],
  to_account: ['signatory', 't_entity'],
  signatory: ['t_person'],
  from_entity: WITH_ADDRESSES,
  to_entity: WITH_ADDRESSES,
  t_entity: WITH_ADDRESSES,
};

/**
 * Elements whose name becomes the relationship type of the references made
 * below them (a leading `t_` dropped: `t_from` → `from`).
 */
export const RELATIONSHIP_NODES: ReadonlySet<string> = new Set([
  'signatory', 't_from', 't_from_my_client', 't_to', 't_to_my_client', 'address', 't_entity',
]);
