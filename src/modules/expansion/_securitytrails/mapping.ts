/**
 * SecurityTrails answers → legacy entries, as upstream's securitytrails module
 * maps them (same types, categories and comments, double spaces included),
 * with its crashes and invalid attributes fixed (see securitytrails.ts).
 */
import type { LegacyEntryInput } from '../../../misp/legacy-result.js';
import type { LegacyType } from '../../../misp/types.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
const texts = (list: unknown[]): string[] => list.map(text).filter((v): v is string => v !== undefined);
/** Python's `%s` of a JSON value (null → None), as in upstream's comments. */
const py = (value: unknown): string => (value === null || value === undefined ? 'None' : String(value));

/** MISP allows dns-soa-email only in Attribution; the rest is network activity. */
const network = (types: LegacyType, values: string[], comment: string): LegacyEntryInput => ({
  types: [types],
  values,
  categories: [types === 'dns-soa-email' ? 'Attribution' : 'Network activity'],
  comment,
});
const attribution = (types: LegacyType, value: string, comment: string): LegacyEntryInput => ({
  types: [types],
  values: [value],
  categories: ['Attribution'],
  comment,
});

/** `GET /v1/domain/{d}`: current NS, A, AAAA, MX and SOA records. */
export function domainInfoEntries(domain: string, info: unknown): LegacyEntryInput[] {
  const dns = isObject(info) && isObject(info['current_dns']) ? info['current_dns'] : {};
  const record = (name: string) => (isObject(dns[name]) ? (dns[name] as Json) : {});
  const valuesOf = (name: string, key: string) => texts(objects(record(name)['values']).map((v) => v[key]));
  const firstSeen = (name: string) => py(record(name)['first_seen']);
  const entries: LegacyEntryInput[] = [];
  const ns = valuesOf('ns', 'nameserver');
  if (ns.length) entries.push(network('domain', ns, `List of name servers  of ${domain} first seen ${firstSeen('ns')} `));
  const ipv4 = valuesOf('a', 'ip');
  if (ipv4.length) entries.push(network('domain|ip', ipv4.map((ip) => `${domain}|${ip}`), ` List ipv4 of ${domain} first seen ${firstSeen('a')}`));
  const ipv6 = valuesOf('aaaa', 'ipv6');
  if (ipv6.length) entries.push(network('domain|ip', ipv6.map((ip) => `${domain}|${ip}`), ` List ipv6 of ${domain} first seen ${firstSeen('aaaa')}`));
  const mx = valuesOf('mx', 'hostname');
  if (mx.length) entries.push(network('domain', mx, ` List mx of ${domain} first seen ${firstSeen('mx')}`));
  const soa = valuesOf('soa', 'email');
  if (soa.length) entries.push(network('dns-soa-email', soa, ` List soa of ${domain} first seen ${firstSeen('soa')}`));
  return entries;
}

/** `GET /v1/domain/{d}/subdomains`: `{subdomains: ["www", …]}`. */
export function subdomainEntries(domain: string, answer: unknown): LegacyEntryInput[] {
  const subdomains = isObject(answer) && Array.isArray(answer['subdomains']) ? texts(answer['subdomains']) : [];
  return subdomains.length ? [network('domain', subdomains.map((sub) => `${sub}.${domain}`), `subdomains of ${domain}`)] : [];
}

/** The registrant among `contacts` (current whois) or `contact` (whois history items). */
function registrant(entry: Json): Json | undefined {
  return [...objects(entry['contacts']), ...objects(entry['contact'])].find((contact) => contact['type'] === 'registrant');
}

/** SecurityTrails dates are epoch milliseconds; MISP wants a date-time. */
function creationDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  return text(value);
}

/** `GET /v1/domain/{d}/whois`: the registrant's email, phone and name, the registrar and the creation date. */
export function whoisEntries(domain: string, whois: unknown): LegacyEntryInput[] {
  if (!isObject(whois)) return [];
  const contact = registrant(whois);
  if (!contact) return [];
  const comment = `Whois information of ${domain} by securitytrails`;
  const found: Array<[LegacyType, string | undefined]> = [
    ['whois-registrant-email', text(contact['email'])],
    ['whois-registrant-phone', text(contact['telephone'])],
    ['whois-registrant-name', text(contact['name'])],
    ['whois-registrar', text(contact['registrarName']) ?? text(whois['registrarName'])],
    ['whois-creation-date', creationDate(contact['createdDate'] ?? whois['createdDate'])],
  ];
  return found.flatMap(([type, value]) => (value === undefined ? [] : [attribution(type, value, comment)]));
}

interface HistoryRecord {
  values: Json[];
  first: string;
  last: string;
}

function historyRecords(answer: unknown): HistoryRecord[] {
  const records = isObject(answer) ? objects(answer['records']) : [];
  return records.map((record) => {
    const values = record['values'];
    return { values: isObject(values) ? [values] : objects(values), first: py(record['first_seen']), last: py(record['last_seen']) };
  });
}

/** `GET /v1/history/{d}/dns/a|aaaa`: one `domain|ip` per address and period. */
export function historyIpEntries(domain: string, answer: unknown, key: 'ip' | 'ipv6'): LegacyEntryInput[] {
  return historyRecords(answer).flatMap(({ values, first, last }) =>
    texts(values.map((v) => v[key])).map((ip) =>
      network('domain|ip', [`${domain}|${ip}`], `History IP on securitytrails ${domain} last seen: ${last} first seen: ${first}`),
    ),
  );
}

/** The type of a history NS / SOA / MX value (upstream offers them all as an invalid `domain|ip`). */
const HISTORY_DNS_TYPES: Record<'ns' | 'soa' | 'mx', { key: string; type: LegacyType }> = {
  ns: { key: 'nameserver', type: 'domain' },
  soa: { key: 'email', type: 'dns-soa-email' },
  mx: { key: 'host', type: 'domain' },
};

/** `GET /v1/history/{d}/dns/ns|soa|mx`: one entry per server (or SOA email) and period. */
export function historyDnsEntries(domain: string, answer: unknown, service: 'ns' | 'soa' | 'mx'): LegacyEntryInput[] {
  const { key, type } = HISTORY_DNS_TYPES[service];
  return historyRecords(answer).flatMap(({ values, first, last }) =>
    texts(values.map((v) => v[key])).map((value) => network(type, [value], `history ${service} of ${domain} last seen: ${last} first seen: ${first}`)),
  );
}

/** `GET /v1/history/{d}/whois`: per item, its name servers and registrant email and phone. */
export function historyWhoisEntries(domain: string, answer: unknown): LegacyEntryInput[] {
  const result = isObject(answer) && isObject(answer['result']) ? answer['result'] : {};
  return objects(result['items']).flatMap((item) => {
    const status = Array.isArray(item['status']) ? texts(item['status']).join(' ') : py(item['status']);
    const entries: LegacyEntryInput[] = [];
    const nameServers = Array.isArray(item['nameServers']) ? texts(item['nameServers']) : [];
    if (nameServers.length) entries.push(network('domain', nameServers, `Whois history Name Servers of ${domain} Status: ${status} `));
    const contact = registrant(item);
    const email = text(contact?.['email']);
    if (email) entries.push(attribution('whois-registrant-email', email, `Whois history registrant email of ${domain}Status: ${status}`));
    const phone = text(contact?.['telephone']);
    if (phone) entries.push(attribution('whois-registrant-phone', phone, `Whois history registrant phone of ${domain}Status: ${status}`));
    return entries;
  });
}

/** `POST /v1/search/list` with `{filter: {ipv4}}`: the hostnames on that address. */
export function searchEntries(ip: string, answer: unknown): LegacyEntryInput[] {
  const records = isObject(answer) ? objects(answer['records']) : [];
  return records.flatMap((record) => {
    const hostname = text(record['hostname']);
    if (!hostname) return [];
    const providers = Array.isArray(record['host_provider']) ? record['host_provider'] : [];
    let comment = `domain for ${ip} by ${py(providers[0])}`;
    const registrar = isObject(record['whois']) ? text(record['whois']['registrar']) : undefined;
    if (registrar) comment += ` registrar ${registrar}`;
    return [network('domain', [hostname], comment)];
  });
}
