/**
 * goAML XML from a MISP event's `transaction`, `bank-account`, `person`,
 * `legal-entity` and `geolocation` objects and their references, following
 * upstream's GoAmlGeneration: each transaction becomes a `<transaction>`;
 * the objects it references as `from…`/`to…` become `t_from…`/`t_to…` with
 * `…_account`, `…_person` or `…_entity`; a bank account's person becomes its
 * `signatory`, a geolocation becomes `addresses/address`. One person (and one
 * location) not reached from a transaction is the `reporting_person`
 * (`location`) of the report header.
 *
 * Element order and names are upstream's, so the file matches upstream's for
 * the same event (tests/goamlexport.xml). Fixed: values are XML-escaped
 * (upstream wrote them raw, so `&` or `<` broke the file); a missing
 * funds code or country, a report without bank accounts (no report code or
 * currency), references to unknown or missing objects and reference cycles
 * no longer crash the export: the missing element is left out or the
 * reference skipped.
 */
import { defineMessages } from '../../../base/messages.js';
import type { EventObject, NormalizedEvent } from '../../../misp/event-types.js';

type Mapping = Record<string, string>;

const GOAML_MAPPING: Record<string, Mapping> = {
  'bank-account': {
    'bank-account': 't_account',
    'institution-name': 'institution_name',
    'institution-code': 'institution_code',
    iban: 'iban',
    swift: 'swift',
    branch: 'branch',
    'non-banking-institution': 'non_bank_institution',
    account: 'account',
    'currency-code': 'currency_code',
    'account-name': 'account_name',
    'client-number': 'client_number',
    'personal-account-type': 'personal_account_type',
    opened: 'opened',
    closed: 'closed',
    balance: 'balance',
    'status-code': 'status_code',
    beneficiary: 'beneficiary',
    'beneficiary-comment': 'beneficiary_comment',
    comments: 'comments',
  },
  person: {
    person: 't_person',
    text: 'comments',
    'first-name': 'first_name',
    'middle-name': 'middle_name',
    'last-name': 'last_name',
    title: 'title',
    'mothers-name': 'mothers_name',
    alias: 'alias',
    'date-of-birth': 'birthdate',
    'place-of-birth': 'birth_place',
    gender: 'gender',
    nationality: 'nationality1',
    'passport-number': 'passport_number',
    'passport-country': 'passport_country',
    'social-security-number': 'ssn',
    'identity-card-number': 'id_number',
  },
  geolocation: {
    geolocation: 'location',
    city: 'city',
    region: 'state',
    country: 'country_code',
    address: 'address',
    zipcode: 'zip',
  },
  transaction: {
    transaction: 'transaction',
    'transaction-number': 'transactionnumber',
    date: 'date_transaction',
    location: 'transaction_location',
    'transmode-code': 'transmode_code',
    amount: 'amount_local',
    'transmode-comment': 'transmode_comment',
    'date-posting': 'date_posting',
    teller: 'teller',
    authorized: 'authorized',
    text: 'transaction_description',
  },
  'legal-entity': {
    'legal-entity': 'entity',
    name: 'name',
    business: 'business',
    'commercial-name': 'commercial_name',
    'phone-number': 'phone',
    'legal-form': 'incorporation_legal_form',
    'registration-number': 'incorporation_number',
  },
};

/** How an object referenced from another is wrapped: element name and optional bracket ({} = the relationship's first word / the relationship). */
interface Wrapping {
  amlType: string;
  bracket?: string;
}

function wrappingOf(source: string, target: string): Wrapping | undefined {
  switch (target) {
    case 'bank-account':
      return { amlType: '{}_account', bracket: 't_{}' };
    case 'person':
      if (source === 'transaction') return { amlType: '{}_person', bracket: 't_{}' };
      if (source === 'bank-account') return { amlType: 't_person', bracket: 'signatory' };
      return undefined;
    case 'legal-entity':
      if (source === 'transaction') return { amlType: '{}_entity', bracket: 't_{}' };
      if (source === 'bank-account') return { amlType: 't_entity' };
      return undefined;
    case 'geolocation':
      return { amlType: 'address', bracket: 'addresses' };
    default:
      return undefined;
  }
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** A tag name made safe: relationship types come from users. */
function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

const element = (name: string, value: string): string => `<${name}>${escapeXml(value)}</${name}>`;

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** Python's `str(datetime)` with the space replaced by T: `2018-02-22T08:34:16+00:00`. */
function submissionDate(timestamp: string | undefined): string {
  const seconds = timestamp !== undefined && /^\d+$/.test(timestamp) ? Number(timestamp) : Math.floor(Date.now() / 1000);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const firstValue = (obj: EventObject, relation: string): string | undefined =>
  obj.Attribute.find((a) => a.object_relation === relation)?.value;

/** The messages of the goAML export (upstream's for an event it cannot report). */
export const GOAML_MESSAGES = defineMessages({
  noObject: 'There is no object in this event.',
  noTransaction: 'There is no transaction object in this event.',
  noReportingEntity: 'Configuration error: set rentity_id (Plugin.Export_goamlexport_rentity_id) to your goAML reporting entity id.',
});

type FundsFields = Record<'from' | 'to', { funds?: string; country?: string }>;

class GoAmlBuilder {
  private readonly byUuid = new Map<string, EventObject>();
  private readonly parsed = new Set<string>();
  private fundsFields: FundsFields = { from: {}, to: {} };

  constructor(private readonly event: NormalizedEvent) {
    for (const obj of event.objects) if (!this.byUuid.has(obj.uuid)) this.byUuid.set(obj.uuid, obj);
  }

  build(rentityId: string): string {
    const objects = this.event.objects;
    const reportCodes: string[] = [];
    const currencies: string[] = [];
    for (const obj of objects) {
      if (obj.name !== 'bank-account') continue;
      const report = firstValue(obj, 'report-code');
      const currency = firstValue(obj, 'currency-code');
      if (report !== undefined && currency !== undefined) {
        reportCodes.push(report.split(' ')[0]!);
        currencies.push(currency);
      }
    }
    let header = `<report>${element('rentity_id', rentityId)}<submission_code>E</submission_code>`;
    const reportCode = reportCodes.includes('STR') ? 'STR' : mostCommon(reportCodes);
    if (reportCode !== undefined) header += element('report_code', reportCode);
    header += element('submission_date', submissionDate(this.event.event.timestamp));
    const currency = mostCommon(currencies);
    if (currency !== undefined) header += element('currency_code_local', currency);

    let data = '';
    for (const obj of objects) if (obj.name === 'transaction') data += this.transaction(obj);

    const unparsed = (name: string) => objects.filter((o) => o.name === name && !this.parsed.has(o.uuid));
    const persons = unparsed('person');
    if (persons.length === 1) header += this.normalCase(persons[0]!, 'reporting_person', new Set());
    const locations = unparsed('geolocation');
    if (locations.length === 1) header += this.normalCase(locations[0]!, 'location', new Set());
    return `${header}${data}</report>`;
  }

  private transaction(obj: EventObject): string {
    const path = new Set([obj.uuid]);
    let xml = '<transaction>';
    const funds: FundsFields = { from: {}, to: {} };
    for (const attribute of obj.Attribute) {
      const relation = attribute.object_relation ?? '';
      const side = relation.startsWith('from-') ? 'from' : relation.startsWith('to-') ? 'to' : undefined;
      if (side && (relation.endsWith('-funds-code') || relation.endsWith('-country'))) {
        funds[side][relation.endsWith('-country') ? 'country' : 'funds'] = attribute.value;
        continue;
      }
      if (relation === 'date-posting') xml += '<late_deposit>True</late_deposit>';
      const name = GOAML_MAPPING.transaction![relation];
      if (name !== undefined) xml += element(name, attribute.value);
    }
    this.fundsFields = funds;
    this.parsed.add(obj.uuid);
    xml += this.references(obj, path);
    return `${xml}</transaction>`;
  }

  private references(obj: EventObject, path: Set<string>): string {
    let xml = '';
    for (const ref of obj.ObjectReference) {
      const target = this.byUuid.get(ref.referenced_uuid);
      if (!target || path.has(target.uuid)) continue;
      const wrapping = wrappingOf(obj.name, target.name);
      if (!wrapping) continue;
      const relationship = ref.relationship_type;
      const amlType = safeName(wrapping.amlType.replace('{}', relationship.split('_')[0]!));
      const inner = this.iterate(target, amlType, new Set([...path, target.uuid]));
      xml += wrapping.bracket === undefined ? inner : `<${safeName(wrapping.bracket.replace('{}', relationship))}>${inner}</${safeName(wrapping.bracket.replace('{}', relationship))}>`;
    }
    return xml;
  }

  private iterate(obj: EventObject, amlType: string, path: Set<string>): string {
    if (amlType.includes('to_') || amlType.includes('from_')) {
      const side = amlType.split('_')[0] === 'to' ? 'to' : 'from';
      const fields = this.fundsFields[side];
      let xml = '';
      if (fields.funds !== undefined) xml += element(`${side}_funds_code`, fields.funds.split(' ')[0]!);
      xml += this.normalCase(obj, amlType, path);
      if (fields.country !== undefined) xml += element(`${side}_country`, fields.country);
      return xml;
    }
    return this.normalCase(obj, amlType, path);
  }

  private normalCase(obj: EventObject, amlType: string, path: Set<string>): string {
    const mapping = GOAML_MAPPING[obj.name] ?? {};
    let xml = `<${amlType}>`;
    for (const attribute of obj.Attribute) {
      const relation = attribute.object_relation ?? '';
      const name = mapping[relation];
      if (name === undefined) continue;
      const value =
        obj.name === 'bank-account' && (relation === 'personal-account-type' || relation === 'status-code')
          ? attribute.value.split(' - ')[0]!
          : attribute.value;
      xml += element(name, value);
    }
    this.parsed.add(obj.uuid);
    xml += this.references(obj, path.size === 0 ? new Set([obj.uuid]) : path);
    return `${xml}</${amlType}>`;
  }
}

/** The goAML report of one event; refuses an event without a transaction, as upstream. */
export function buildGoAml(event: NormalizedEvent, rentityId: string): string {
  if (event.objects.length === 0) throw GOAML_MESSAGES.error('noObject');
  if (!event.objects.some((o) => o.name === 'transaction')) throw GOAML_MESSAGES.error('noTransaction');
  return new GoAmlBuilder(event).build(rentityId);
}
