/**
 * One function per PassiveTotal dataset: the API call and the mapping of its
 * answer to legacy result entries (as upstream's `process_*` functions).
 * Entries without values are left out; values are de-duplicated.
 */
import { isIP } from 'node:net';
import type { LegacyEntryInput } from '../../../misp/legacy-result.js';
import type { AttributeType } from '../../../misp/types.js';
import type { PtGet } from './client.js';
import { isRecord, record, results, texts, unique, type JsonRecord } from './json.js';

export type Entries = LegacyEntryInput[];

function entry(types: AttributeType | AttributeType[], values: Iterable<string>): Entries {
  const list = unique(values);
  return list.length > 0 ? [{ types, values: list }] : [];
}

/** `GET /dns/passive/unique`: the names an IP had, or the IPs a name resolved to. */
export async function passiveDnsUnique(get: PtGet, query: string): Promise<Entries> {
  const body = await get('/dns/passive/unique', { query });
  // Upstream's is_ip only knew IPv4; an IPv6 query also resolves to names.
  const types: AttributeType[] = isIP(query) ? ['domain', 'hostname'] : ['ip-src', 'ip-dst'];
  return entry(types, texts(body['results']));
}

/** `GET /whois?compact_record=True`: registrant email, phones, names, registrar, creation date. */
export async function whoisDetails(get: PtGet, query: string): Promise<Entries> {
  const body = await get('/whois', { query, compact_record: 'True' });
  const compact = record(body['compact']);
  return [
    ...entry('whois-registrant-email', texts(body['contactEmail'])),
    ...entry('whois-registrant-phone', texts(record(compact['telephone'])['raw'])),
    ...entry('whois-registrant-name', texts(record(compact['name'])['raw'])),
    ...entry('whois-registrar', texts(body['registrar'])),
    ...entry('whois-creation-date', texts(body['registered'])),
  ];
}

/** `GET /ssl-certificate/history`: the IPs, certificates and names seen together. */
export async function sslHistory(get: PtGet, query: string): Promise<Entries> {
  const body = await get('/ssl-certificate/history', { query });
  const items = results(body);
  return [
    ...entry(['ip-src', 'ip-dst'], items.flatMap((i) => texts(i['ipAddresses']))),
    ...entry('x509-fingerprint-sha1', items.flatMap((i) => texts(i['sha1']))),
    ...entry(['domain', 'hostname'], items.flatMap((i) => texts(i['domains']))),
  ];
}

/** `GET /enrichment/osint`: links to OSINT reports. */
export async function osint(get: PtGet, query: string): Promise<Entries> {
  const body = await get('/enrichment/osint', { query });
  return entry('link', results(body).flatMap((i) => texts(i['sourceUrl'])));
}

const HASH_TYPES: ReadonlyMap<number, AttributeType> = new Map([
  [32, 'md5'],
  // Upstream tested for 41 characters, so SHA-1 samples never came through.
  [40, 'sha1'],
  [64, 'sha256'],
]);

/** `GET /enrichment/malware`: report links and sample hashes (MD5, SHA-1, SHA-256). */
export async function malware(get: PtGet, query: string): Promise<Entries> {
  const body = await get('/enrichment/malware', { query });
  const items = results(body);
  const hashes = new Map<AttributeType, string[]>([...HASH_TYPES.values()].map((t) => [t, []]));
  for (const sample of items.flatMap((i) => texts(i['sample']))) {
    const hash = sample.trim().toLowerCase();
    const type = /^[0-9a-f]+$/.test(hash) ? HASH_TYPES.get(hash.length) : undefined;
    if (type) hashes.get(type)!.push(hash);
  }
  return [
    ...entry('link', items.flatMap((i) => texts(i['sourceUrl']))),
    ...[...hashes].flatMap(([type, values]) => entry(type, values)),
  ];
}

export type WhoisField = 'email' | 'phone' | 'name';

/** `GET /whois/search?field=…`: the domains whose WHOIS record holds this email, phone or name. */
export async function whoisSearch(get: PtGet, field: WhoisField, query: string): Promise<Entries> {
  const body = await get('/whois/search', { field, query });
  return entry(['hostname', 'domain'], results(body).flatMap((i) => texts(i['domain'])));
}

/** Certificate fields offered as names (the certificate's subject). */
const NAME_FIELDS = ['subjectCommonName', 'subjectAlternativeNames'];
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

/** One "field: value" line per filled field, lists joined, nested objects skipped. */
function certificateLines(certificate: JsonRecord): string[] {
  const lines: string[] = [];
  for (const [field, value] of Object.entries(certificate)) {
    if (isRecord(value)) continue;
    const values = texts(value);
    if (values.length > 0) lines.push(`${field}: ${values.join(', ')}`);
  }
  return lines;
}

/**
 * `GET /ssl-certificate`: the certificate's details. Upstream offered every
 * value as the type "ssl-cert-attributes", which MISP does not have: here
 * the SHA-1 and subject names get their types and every field is offered as
 * a "field: value" text line.
 */
export async function sslCertificate(get: PtGet, query: string): Promise<Entries> {
  const body = await get('/ssl-certificate', { query });
  // The v2 API answers the certificate's fields at the top level; accept a `results` list too.
  const certificates = Array.isArray(body['results']) ? results(body) : [body];
  const names = certificates.flatMap((c) => NAME_FIELDS.flatMap((f) => texts(c[f])));
  const lines = certificates.flatMap(certificateLines);
  return [
    ...entry('x509-fingerprint-sha1', certificates.flatMap((c) => texts(c['sha1']).map((s) => s.toLowerCase()))),
    ...entry(['hostname', 'domain'], names.filter((n) => HOSTNAME.test(n)).map((n) => n.toLowerCase())),
    ...(lines.length > 0 ? [{ types: 'text' as const, values: unique(lines), comment: 'PassiveTotal SSL certificate details' }] : []),
  ];
}
