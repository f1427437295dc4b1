/**
 * circl_passivedns: the passive DNS records CIRCL saw for a hostname, domain
 * or IP address. Asks CIRCL Passive DNS (`GET /pdns/query/{value}`, HTTP Basic
 * auth, an answer of JSON lines in the Passive DNS Common Output Format) and
 * answers one `passive-dns` object per record, `associated-to` the input.
 *
 * Kept from upstream (pypdns): the name, the `username`/`password` settings
 * and their two messages ("…authentication is missing." without any config,
 * "…is incomplete…" with an empty one), the fields read (rrname, rrtype, rdata,
 * count, origin, time_first, time_last, the times also as the object's
 * first/last seen), records sorted by time_last, "Not found" on no record.
 * Fixed: upstream answered every failure (a wrong password, a quota, a CIRCL
 * outage, a broken line) with "There is an authentication error…"; here a
 * vendor failure names CIRCL Passive DNS, the HTTP status and what it said.
 * A record without one of the fields read (upstream crashes on it) gives the
 * fields it has; one without rrname, rrtype or rdata (the template's required
 * fields) is left out. Times are written in UTC (pypdns used the server's
 * local time zone).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder, type RelationEntry } from '../../misp/standard-result.js';
import { pathSegment } from '../_shared/path-segment.js';

const INPUT_TYPES = ['hostname', 'domain', 'ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port'] as const;

const MESSAGES = defineMessages({
  noConfig: 'CIRCL Passive DNS authentication is missing.',
  incomplete: 'CIRCL Passive DNS authentication is incomplete, please provide your username and password.',
  notFound: 'Not found',
});

/** One line of a Passive DNS COF answer (the fields we read). */
interface PdnsRecord {
  rrname?: unknown;
  rrtype?: unknown;
  rdata?: unknown;
  count?: unknown;
  origin?: unknown;
  time_first?: unknown;
  time_last?: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** Epoch seconds as COF writes them (a number, sometimes a numeric string). */
function epoch(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** rdata is one string, or a list of them for multi-valued records. */
function rdataValues(rdata: unknown): string[] {
  const values = Array.isArray(rdata) ? rdata : [rdata];
  return values.map(text).filter((value): value is string => value !== undefined && value.trim() !== '');
}

const isRecord = (line: unknown): line is PdnsRecord => typeof line === 'object' && line !== null && !Array.isArray(line);

/** Upstream's first check: no (or an empty) `config`. */
function requireConfig(ctx: ModuleContext): void {
  if (!ctx.configProvided || Object.keys(ctx.config).length === 0) throw MESSAGES.error('noConfig');
}

export default defineModule({
  name: 'circl_passivedns',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Alexandre Dulaunoy',
    description: 'Module to access CIRCL Passive DNS.',
    name: 'CIRCL Passive DNS',
    logo: 'passivedns.png',
    requirements: ['A CIRCL passive DNS account with username & password'],
    features:
      'This module takes a hostname, domain or ip-address (ip-src or ip-dst) attribute as input, and queries the CIRCL ' +
      'Passive DNS REST API to get the asssociated passive dns entries and return them as MISP objects.\n\nTo make it ' +
      'work a username and a password are thus required to authenticate to the CIRCL Passive DNS API.',
    references: [
      'https://www.circl.lu/services/passive-dns/',
      'https://datatracker.ietf.org/doc/draft-dulaunoy-dnsop-passive-dns-cof/',
    ],
    input: 'Hostname, domain, or ip-address attribute.',
    output: 'Passive DNS objects related to the input attribute.',
  },
  config: {
    username: { description: 'CIRCL Passive DNS username. Required.' },
    password: { description: 'CIRCL Passive DNS password. Required.', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    requireConfig(ctx);
    const pdns = ctx.vendor({
      name: 'CIRCL Passive DNS',
      baseUrl: 'https://www.circl.lu/pdns',
      auth: { in: 'basic', username: 'username', password: 'password' },
      missingKey: () => MESSAGES.error('incomplete'),
    });
    // Upstream's order: the credentials, then the attribute.
    pdns.requireKey();
    const attribute = requireAttribute(query, INPUT_TYPES);
    const segment = pathSegment(attribute.type.includes('|') ? attribute.value.split('|')[0]! : attribute.value);
    if (segment === undefined) throw MESSAGES.error('notFound');
    const lines = await pdns.find<unknown[]>(`/query/${segment}`, { as: 'ndjson' });
    const records = (lines ?? [])
      .filter(isRecord)
      .filter((record) => text(record.rrname) && text(record.rrtype) && rdataValues(record.rdata).length > 0)
      .sort((a, b) => (epoch(a.time_last) ?? 0) - (epoch(b.time_last) ?? 0));
    if (records.length === 0) throw MESSAGES.error('notFound');

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    for (const record of records) {
      const first = epoch(record.time_first);
      const last = epoch(record.time_last);
      const relations: Array<RelationEntry<'count' | 'origin' | 'rrtype' | 'rrname' | 'rdata' | 'time_first' | 'time_last'>> = [
        ['count', typeof record.count === 'number' && Number.isInteger(record.count) ? record.count : undefined],
        ['origin', text(record.origin)],
        ['rrtype', text(record.rrtype)],
        ['rrname', text(record.rrname)],
        ['rdata', rdataValues(record.rdata)],
        ['time_first', first],
        ['time_last', last],
      ];
      const object = result.addObject('passive-dns', relations, {
        ...(first !== undefined && { first_seen: first }),
        ...(last !== undefined && { last_seen: last }),
      });
      result.addReference(object.uuid, attribute.uuid, 'associated-to');
    }
    return result.toResults();
  },
});
