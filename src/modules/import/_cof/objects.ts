/**
 * COF and dnsdbflex records → `passive-dns` objects, as upstream's cof2misp
 * writes them (every attribute with distribution 0, "your organisation").
 */
import type { MispResultBuilder, RelationEntry } from '../../../misp/standard-result.js';
import { cofTime, type CofEntry } from './cof.js';

type PassiveDnsRelation =
  | 'rrname' | 'rrtype' | 'rdata' | 'raw_rdata' | 'bailiwick' | 'time_first' | 'time_last' | 'count'
  | 'sensor_id' | 'origin' | 'text' | 'time_first_ms' | 'time_last_ms' | 'zone_time_first' | 'zone_time_last';

const COF_COMMENT = 'created by cof2misp';
const DNSDBFLEX_COMMENT = 'DNSDBFLEX import by cof2misp';

/** Drops the trailing dot of a DNS name (keeps the root "."). */
function undot(name: string): string {
  return name.replace(/\.+$/, '') || name;
}

/** A time checked by cofProblem. */
function time(value: unknown, milliseconds = false): Date {
  return cofTime(value, milliseconds)!;
}

/** Python's json.dumps of a list of strings (", " separator, non-ASCII escaped), as upstream's raw_rdata. */
function pythonJsonList(items: readonly string[]): string {
  const escape = (s: string) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `[${items.map(escape).join(', ')}]`;
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && value !== 0 && value !== false;
}

/** One COF record (already checked with cofProblem). */
export function addCofObject(result: MispResultBuilder, entry: CofEntry): void {
  const rawRdata = entry['rdata'];
  const rdata = (typeof rawRdata === 'string' ? [rawRdata] : (rawRdata as string[])).map(undot);
  const relations: Array<RelationEntry<PassiveDnsRelation>> = [];
  const add = (relation: PassiveDnsRelation, value: string | number | Date) =>
    relations.push({ relation, value, distribution: 0 });
  if (typeof entry['bailiwick'] === 'string') add('bailiwick', undot(entry['bailiwick']));
  add('rrname', undot(entry['rrname'] as string));
  add('rrtype', (entry['rrtype'] as string).toUpperCase());
  for (const r of rdata) add('rdata', r);
  add('raw_rdata', pythonJsonList(rdata));
  const first = entry['time_first'] ?? entry['zone_time_first'];
  const last = entry['time_last'] ?? entry['zone_time_last'];
  for (const field of ['time_first', 'time_last'] as const) {
    if (entry[field] !== undefined && entry[field] !== null) add(field, time(entry[field]));
  }
  if (truthy(entry['count'])) add('count', String(entry['count']));
  for (const field of ['sensor_id', 'origin', 'text'] as const) {
    if (truthy(entry[field])) add(field, String(entry[field]));
  }
  for (const field of ['time_first_ms', 'time_last_ms'] as const) {
    if (truthy(entry[field])) add(field, time(entry[field], true));
  }
  for (const field of ['zone_time_first', 'zone_time_last'] as const) {
    if (truthy(entry[field])) add(field, time(entry[field]));
  }
  result.addObject('passive-dns', relations, {
    comment: COF_COMMENT,
    first_seen: time(first),
    last_seen: time(last),
  });
}

/** One dnsdbflex record (rrname and rrtype only). */
export function addDnsdbflexObject(result: MispResultBuilder, entry: CofEntry): void {
  const options = { distribution: 0, comment: DNSDBFLEX_COMMENT };
  result.addObject(
    'passive-dns',
    [
      { relation: 'rrtype', value: (entry['rrtype'] as string).toUpperCase(), ...options },
      { relation: 'rrname', value: undot(entry['rrname'] as string), ...options },
    ],
    options,
  );
}
