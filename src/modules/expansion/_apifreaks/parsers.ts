/**
 * What apifreaks reads from each APIFreaks answer, as upstream's
 * `_parse_*` functions do: values become deduplicated legacy rows
 * (type, value, category, comment) and summary lines become one `text` row
 * at the end. Python's `str()` and truthiness are kept where upstream
 * prints a value.
 */
import { isValidCategory } from '../../../misp/attribute-types.js';
import { LegacyResultBuilder } from '../../../misp/legacy-result.js';
import type { Category, LegacyType } from '../../../misp/types.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Json => (isObject(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Python truthiness of a JSON value. */
export const truthy = (value: unknown): boolean =>
  !(value === null || value === undefined || value === false || value === 0 || value === '' ||
    (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0));

/** Python's `str()` of a JSON scalar. */
const pyStr = (value: unknown): string =>
  typeof value === 'boolean' ? (value ? 'True' : 'False') : value === null || value === undefined ? 'None' : typeof value === 'object' ? JSON.stringify(value) : String(value);

const REDACTED_MARKERS = ['redacted', 'privacy', 'not disclosed', 'data protected'];
const isRedacted = (value: unknown): boolean => !truthy(value) || REDACTED_MARKERS.some((marker) => pyStr(value).toLowerCase().includes(marker));

/** A DNS name as a hostname value: no trailing dot; undefined when empty. */
const cleanHost = (value: unknown): string | undefined => (truthy(value) ? pyStr(value).replace(/\.+$/, '').trim() || undefined : undefined);

/** Upstream's `_ResultBuilder`: rows deduplicated by (type, value), then the summary. */
export class ApifreaksResults {
  readonly #seen = new Set<string>();
  readonly #rows: Array<{ type: LegacyType; value: string; category: Category | undefined; comment: string | undefined }> = [];
  readonly #summary: string[] = [];

  add(type: LegacyType, value: unknown, category?: Category, comment?: string): void {
    if (value === null || value === undefined) return;
    const text = pyStr(value).trim();
    if (text === '') return;
    const key = `${type}\u0000${text}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    // A category the type does not allow (upstream: dns-soa-email in Network activity, email-src in Attribution) is left to MISP's default.
    this.#rows.push({ type, value: text, category: category && isValidCategory(type, category) ? category : undefined, comment });
  }

  note(line: string): void {
    if (line) this.#summary.push(line);
  }

  build(): ReturnType<LegacyResultBuilder['toResults']> {
    const builder = new LegacyResultBuilder();
    for (const row of this.#rows) {
      builder.add({ types: [row.type], values: [row.value], ...(row.category ? { categories: [row.category] } : {}), ...(row.comment ? { comment: row.comment } : {}) });
    }
    if (this.#summary.length > 0) builder.add({ types: ['text'], values: [this.#summary.join('\n')] });
    return builder.toResults();
  }
}

export function parseWhoisLive(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  rb.add('domain', data['domain_name'], 'Network activity');
  rb.add('whois-creation-date', data['create_date'], 'Attribution');
  rb.add('whois-registrar', record(data['domain_registrar'])['registrar_name'], 'Attribution');
  const registrant = record(data['registrant_contact']);
  if (!isRedacted(registrant['name'])) rb.add('whois-registrant-name', registrant['name'], 'Attribution');
  if (!isRedacted(registrant['company'])) rb.add('whois-registrant-name', registrant['company'], 'Attribution');
  if (!isRedacted(registrant['email_address'])) rb.add('whois-registrant-email', registrant['email_address'], 'Attribution');
  if (!isRedacted(registrant['phone'])) rb.add('whois-registrant-phone', registrant['phone'], 'Attribution');
  for (const ns of list(data['name_servers'])) rb.add('hostname', cleanHost(ns), 'Network activity');
  if (truthy(data['domain_registered'])) rb.note(`WHOIS: domain registered = ${pyStr(data['domain_registered'])}`);
  if (truthy(data['expiry_date'])) rb.note(`WHOIS: expiry date = ${pyStr(data['expiry_date'])}`);
}

export function parseWhoisHistory(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  if (truthy(data['total_records'])) rb.note(`WHOIS history: ${pyStr(data['total_records'])} historical record(s) found.`);
  // Registrar and registrant details from the most recent record (the last).
  for (const item of list(data['whois_domains_historical']).slice(-1)) parseWhoisLive(item, rb);
}

export function parseWhoisReverse(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  const total = truthy(data['total_records']) ? data['total_records'] : data['totalRecords'];
  if (truthy(total)) rb.note(`Reverse WHOIS: ${pyStr(total)} related domain(s).`);
  const domains = [data['whois_domains'], data['domains'], data['result']].find(truthy);
  for (const item of list(domains)) rb.add('domain', isObject(item) ? item['domain_name'] : item, 'Network activity');
}

export function parseIpWhois(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  const org = record(data['organization']);
  if (truthy(org['name'])) rb.note(`IP WHOIS org: ${pyStr(org['name'])}`);
  for (const inet of list(data['inet_nums']).map(record)) {
    for (const cidr of list(inet['cidr'])) rb.note(`IP WHOIS netblock: ${pyStr(cidr)} (${'net_name' in inet ? pyStr(inet['net_name']) : ''})`);
  }
  for (const contact of list(data['abuse_contacts']).map(record)) {
    // One address as a string is one address (upstream iterates its characters).
    const emails = typeof contact['email'] === 'string' ? [contact['email']] : list(contact['email']);
    for (const email of emails) rb.add('email-src', email, 'Attribution', 'Abuse contact');
  }
}

export function parseAsnWhois(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  const parts = [
    truthy(data['asNumber']) ? `AS${pyStr(data['asNumber'])}` : undefined,
    data['asName'], data['orgName'], data['country'], data['type'],
  ].filter(truthy).map(pyStr);
  if (parts.length > 0) rb.note(`ASN WHOIS: ${parts.join(' | ')}`);
  rb.add('domain', data['domain'], 'Network activity');
}

function parseDnsRecords(records: unknown, rb: ApifreaksResults): void {
  for (const item of list(records).map(record)) {
    const type = (truthy(item['dnsType']) ? pyStr(item['dnsType']) : '').toUpperCase();
    if (type === 'A' || type === 'AAAA') rb.add('ip-dst', item['address'], 'Network activity');
    else if (type === 'NS' || type === 'CNAME') rb.add('hostname', cleanHost(item['singleName']), 'Network activity');
    else if (type === 'MX') rb.add('hostname', cleanHost(truthy(item['singleName']) ? item['singleName'] : item['exchange']), 'Network activity');
    else if (type === 'SOA') rb.add('dns-soa-email', cleanHost(item['admin']), 'Network activity');
    else if (type === 'TXT' || type === 'SPF') {
      const raw = truthy(item['rawText']) ? item['rawText'] : item['text'];
      if (truthy(raw)) rb.note(`DNS ${type}: ${pyStr(raw)}`);
    }
  }
}

export function parseDnsLive(data: unknown, rb: ApifreaksResults): void {
  if (isObject(data)) parseDnsRecords(data['dnsRecords'], rb);
}

export function parseDnsHistory(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  if (truthy(data['totalRecords'])) rb.note(`DNS history: ${pyStr(data['totalRecords'])} record set(s).`);
  for (const entry of list(data['historicalDnsRecords']).map(record)) parseDnsRecords(entry['dnsRecords'], rb);
}

export function parseDnsReverse(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  if (truthy(data['totalRecords'])) rb.note(`Reverse DNS: ${pyStr(data['totalRecords'])} match(es).`);
  for (const entry of list(data['reverseDnsRecords']).map(record)) rb.add('hostname', cleanHost(entry['domainName']), 'Network activity');
}

export function parseSubdomains(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  if (truthy(data['total_records'])) rb.note(`Subdomains: ${pyStr(data['total_records'])} found.`);
  for (const entry of list(data['subdomains'])) rb.add('hostname', cleanHost(isObject(entry) ? entry['subdomain'] : entry), 'Network activity');
}

export function parseAvailability(data: unknown, rb: ApifreaksResults): void {
  if (!isObject(data)) return;
  const available = data['domainAvailability'];
  if (available !== null && available !== undefined && truthy(data['domain'])) {
    rb.note(`Domain availability: ${pyStr(data['domain'])} is ${truthy(available) ? 'available' : 'registered / taken'}.`);
  }
}
