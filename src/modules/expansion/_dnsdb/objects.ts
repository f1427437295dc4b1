/**
 * DNSDB results → misp_standard, as upstream's FarsightDnsdbParser: one
 * `passive-dns` object per result (distribution 0, "your organisation
 * only", on the object and its attributes), every rdata of a list as its own
 * attribute, first/last seen from time_first/time_last, a `related-to`
 * reference to the input attribute, and the comment "Result from a <query>
 * lookup on DNSDB about the <feature>: <value>".
 *
 * A Flex search result has no rdata (rrnames) or no rrname (rdata), which
 * the passive-dns template requires: such a result is offered as an
 * attribute instead (the name as hostname, or the rdata as text), its type,
 * count and times in the comment.
 */
import type { InputAttribute } from '../../../core/query-helpers.js';
import type { MispResultBuilder, RelationInput } from '../../../misp/standard-result.js';

/** Upstream's own distribution setting: your organisation only. */
const DISTRIBUTION = 0;
const RELATIONS = ['bailiwick', 'count', 'raw_rdata', 'rdata', 'rrname', 'rrtype', 'time_first', 'time_last', 'zone_time_first', 'zone_time_last'] as const;
type Relation = (typeof RELATIONS)[number];
const HOSTNAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/;

const scalar = (value: unknown): string | number | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export function addDnsdbResults(result: MispResultBuilder, input: InputAttribute, comment: string, records: Record<string, unknown>[]): void {
  for (const record of records) {
    const rdata = Array.isArray(record['rdata']) ? record['rdata'].map(scalar) : [scalar(record['rdata'])];
    const present = (name: string) => scalar(record[name]) !== undefined && scalar(record[name]) !== '';
    if (!present('rrname') || !present('rrtype') || !rdata.some((v) => v !== undefined && v !== '')) {
      addFlexAttribute(result, comment, record);
      continue;
    }
    const relations: Array<RelationInput<Relation>> = [];
    for (const value of rdata) relations.push({ relation: 'rdata', value, comment, distribution: DISTRIBUTION });
    for (const relation of RELATIONS) {
      if (relation === 'rdata') continue;
      relations.push({ relation, value: scalar(record[relation]), comment, distribution: DISTRIBUTION });
    }
    const firstSeen = scalar(record['time_first']);
    const lastSeen = scalar(record['time_last']);
    const object = result.addObject('passive-dns', relations, {
      distribution: DISTRIBUTION,
      ...(firstSeen !== undefined && { first_seen: firstSeen }),
      ...(lastSeen !== undefined && { last_seen: lastSeen }),
    });
    result.addReference(object.uuid, input.uuid, 'related-to');
  }
}

/** A Flex result the passive-dns template cannot hold: its name or rdata as an attribute. */
function addFlexAttribute(result: MispResultBuilder, comment: string, record: Record<string, unknown>): void {
  const name = scalar(record['rrname']);
  const rdata = scalar(record['rdata']);
  const details = ['rrtype', 'count', 'time_first', 'time_last']
    .filter((key) => scalar(record[key]) !== undefined)
    .map((key) => `${key} ${scalar(record[key])}`)
    .join(', ');
  const withDetails = details ? `${comment} (${details})` : comment;
  if (name !== undefined && name !== '') {
    const host = String(name).replace(/\.$/, '');
    result.addAttribute({ type: HOSTNAME.test(host) ? 'hostname' : 'text', value: host, comment: withDetails, distribution: DISTRIBUTION });
  } else if (rdata !== undefined && rdata !== '') {
    result.addAttribute({ type: 'text', value: String(rdata), comment: withDetails, distribution: DISTRIBUTION });
  }
}
