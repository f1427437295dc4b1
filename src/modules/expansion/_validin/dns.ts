/**
 * Validin DNS answers (`dns/history`, `dns/hostname`, `dns/extra`:
 * `records: {TYPE: [{value, value_type, first_seen, last_seen}]}`) as
 * `dns-record` objects valid against the template, which requires
 * `queried-domain`:
 * - a domain input is the queried-domain and each value goes in the
 *   record type's relation (A → a-record, MX → mx-record, TXT → txt-record…);
 * - an IP input's A/AAAA history is turned round: the domain seen is the
 *   queried-domain and the input the a-record / aaaa-record; its PTR names
 *   are ptr-records of the reverse name (x.in-addr.arpa);
 * - an IP input's other records (NS_FOR, MX_FOR…), and HTTPS / SRV / CAA
 *   records, have no dns-record form: they come back as attributes whose
 *   comment says the relation ("Validin DNS extra records: HTTPS example.com").
 * The record type is the object's comment; first_seen / last_seen (epoch
 * seconds) are the object's first_seen / last_seen, in UTC (upstream wrote
 * server-local times into relations the template does not have).
 */
import type { MispResultBuilder } from '../../../misp/standard-result.js';
import type { AttributeType } from '../../../misp/types.js';
import { parseIp } from '../../../net/index.js';

export interface ValidinInput {
  type: string;
  value: string;
  uuid: string;
}

export interface DnsRecord {
  value?: unknown;
  value_type?: unknown;
  first_seen?: unknown;
  last_seen?: unknown;
}

/** `records` of a DNS answer, as upstream reads it. */
export type DnsRecords = Record<string, DnsRecord[] | undefined>;

export const DNS_RELATION: Record<string, DnsRelation> = {
  A: 'a-record', AAAA: 'aaaa-record', NS: 'ns-record', NS_FOR: 'ns-record', WAYWARD_NS: 'ns-record',
};

export const EXTRA_RELATION: Record<string, DnsRelation> = {
  SOA_MNAME: 'soa-record', SOA_MNAME_FOR: 'soa-record', SOA_RNAME: 'soa-record', SOA_RNAME_FOR: 'soa-record',
  WAYWARD_SOA_MNAME: 'soa-record', WAYWARD_SOA_RNAME: 'soa-record', MX: 'mx-record', MX_FOR: 'mx-record',
  WAYWARD_MX: 'mx-record', TXT: 'txt-record', WAYWARD_TXT: 'txt-record', CNAME: 'cname-record', CNAME_FOR: 'cname-record',
  HTTPS: 'text', HTTPS_FOR: 'text', SRV: 'text', SRV_TARGET_FOR: 'text', CAA: 'text', CAA_ISSUER_FOR: 'text',
  CAA_ISSUERWILD_FOR: 'text', WAYWARD_HTTPS: 'text',
};

type DnsRelation = 'a-record' | 'aaaa-record' | 'ns-record' | 'soa-record' | 'mx-record' | 'txt-record' | 'cname-record' | 'text' | 'ptr-record';

/** Validin value_type → MISP type of an attribute outside an object. */
const VALUE_TYPE: Record<string, AttributeType> = { ip4: 'ip-dst', ip6: 'ip-dst', dom: 'domain' };

const isIpInput = (input: ValidinInput) => input.type.startsWith('ip-');

function epochDate(value: unknown): Date | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? new Date(value * 1000) : undefined;
}

/** The reverse-DNS name of an address (203.0.113.5 → 5.113.0.203.in-addr.arpa). */
export function reverseName(ip: string): string | undefined {
  const parsed = parseIp(ip);
  if (!parsed) return undefined;
  if (parsed.version === 4) return `${[...parsed.bytes].reverse().join('.')}.in-addr.arpa`;
  const nibbles = [...parsed.bytes].flatMap((byte) => [byte >> 4, byte & 15]).map((n) => n.toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/** dns-record objects already given per answer (upstream drops duplicates). */
const given = new WeakMap<MispResultBuilder, Set<string>>();

function addDnsObject(result: MispResultBuilder, input: ValidinInput, entries: Array<readonly [DnsRelation | 'queried-domain', string]>, label: string, record: DnsRecord): void {
  const signature = JSON.stringify(entries);
  const seen = given.get(result) ?? new Set<string>();
  given.set(result, seen);
  if (seen.has(signature)) return;
  seen.add(signature);
  const firstSeen = epochDate(record.first_seen);
  const lastSeen = epochDate(record.last_seen);
  const object = result.addObject('dns-record', entries, {
    comment: label,
    ...(firstSeen ? { first_seen: firstSeen } : {}),
    ...(lastSeen ? { last_seen: lastSeen } : {}),
  });
  result.addReference(object.uuid, input.uuid, 'related-to');
}

function addAsAttribute(result: MispResultBuilder, input: ValidinInput, value: string, record: DnsRecord, label: string): void {
  const type = VALUE_TYPE[String(record.value_type)] ?? 'text';
  result.addAttribute({ type, value, comment: `${label} ${input.value}` });
}

/** dns/history and dns/extra records. */
export function addDnsRecords(result: MispResultBuilder, input: ValidinInput, records: DnsRecords, relations: Record<string, DnsRelation>, source: string): void {
  for (const [recordType, list] of Object.entries(records ?? {})) {
    const relation = relations[recordType];
    if (!relation || !Array.isArray(list)) continue;
    for (const record of list) {
      const value = typeof record?.value === 'string' ? record.value.trim() : '';
      if (!value) continue;
      const label = `${source}: ${recordType}`;
      // HTTPS, SRV, CAA: no dns-record relation holds them (its `text` alone is not a record).
      if (relation === 'text') addAsAttribute(result, input, value, record, label);
      else if (!isIpInput(input)) addDnsObject(result, input, [['queried-domain', input.value], [relation, value]], label, record);
      else if ((relation === 'a-record' || relation === 'aaaa-record') && record.value_type === 'dom') {
        addDnsObject(result, input, [['queried-domain', value], [input.value.includes(':') ? 'aaaa-record' : 'a-record', input.value]], label, record);
      } else addAsAttribute(result, input, value, record, label);
    }
  }
}

/** dns/hostname records: PTR names. */
export function addPtrRecords(result: MispResultBuilder, input: ValidinInput, records: DnsRecords): void {
  const queried = isIpInput(input) ? reverseName(input.value) : input.value;
  for (const [recordType, list] of Object.entries(records ?? {})) {
    if (!Array.isArray(list)) continue;
    for (const record of list) {
      const value = typeof record?.value === 'string' ? record.value.trim() : '';
      if (!value) continue;
      const label = `Validin PTR history: ${recordType}`;
      if (queried) addDnsObject(result, input, [['queried-domain', queried], ['ptr-record', value]], label, record);
      else addAsAttribute(result, input, value, record, label);
    }
  }
}
