/**
 * Passive DNS Common Output Format (draft-dulaunoy-dnsop-passive-dns-cof):
 * ndjson lines, and the checks upstream's cof2misp library makes on them
 * (`is_cof_valid_simple`, `validate_dnsdbflex`).
 */
import { defineMessages } from '../../../base/messages.js';

export const COF_MESSAGES = defineMessages({
  lineNotJson: 'Line {line} is not valid JSON ({reason}): expected one COF record per line (ndjson).',
  lineNotObject: 'Line {line} is not a JSON object: expected one COF record per line (ndjson).',
  noRecord: 'The file has no COF record.',
  invalidRecord: 'Line {line}: {problem}. Could not validate the {format} input {record}',
});

export type CofEntry = Readonly<Record<string, unknown>>;

export interface CofLine {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly entry: CofEntry;
}

/** The JSON objects of an ndjson text; blank lines are skipped. */
export function parseNdjson(text: string): CofLine[] {
  const lines: CofLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let entry: unknown;
    try {
      entry = JSON.parse(raw);
    } catch (error) {
      throw COF_MESSAGES.error('lineNotJson', { line: i + 1, reason: (error as Error).message });
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw COF_MESSAGES.error('lineNotObject', { line: i + 1 });
    }
    lines.push({ line: i + 1, entry: entry as CofEntry });
  });
  if (lines.length === 0) throw COF_MESSAGES.error('noRecord');
  return lines;
}

/** dnsdbflex output: every record has exactly `rrname` and `rrtype`. */
export function isDnsdbflex(lines: readonly CofLine[]): boolean {
  return lines.every(({ entry }) => {
    const keys = Object.keys(entry);
    return keys.length === 2 && 'rrname' in entry && 'rrtype' in entry;
  });
}

/** Why a dnsdbflex record is invalid, or undefined when it is valid. */
export function dnsdbflexProblem(entry: CofEntry): string | undefined {
  for (const field of ['rrname', 'rrtype']) {
    if (!(field in entry)) return `missing MANDATORY field '${field}'`;
    if (typeof entry[field] !== 'string') return `type error: '${field}' is not a JSON string`;
  }
  return undefined;
}

/**
 * A COF time as a Date: a Unix time (seconds, or milliseconds for the `_ms`
 * fields) as a number or a string of digits, or an ISO 8601 date-time
 * (which upstream passed on to PyMISP); undefined for anything else.
 */
export function cofTime(value: unknown, milliseconds = false): Date | undefined {
  let date: Date | undefined;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value))) {
    const n = Number(value);
    date = new Date(milliseconds ? n : n * 1000);
  } else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    date = new Date(value);
  }
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

const TIME_FIELDS = ['time_first', 'time_last', 'zone_time_first', 'zone_time_last', 'time_first_ms', 'time_last_ms'];

/**
 * Why a COF record is invalid, or undefined when it is valid: upstream's
 * simple check (mandatory fields and their types; either time_first and
 * time_last or zone_time_first and zone_time_last), as it was meant (its
 * operator precedence refused every record with zone times), plus times
 * that must be Unix times and rdata that must hold strings.
 */
export function cofProblem(entry: CofEntry): string | undefined {
  for (const field of ['rrname', 'rrtype']) {
    if (!(field in entry)) return `missing MANDATORY field '${field}'`;
    if (typeof entry[field] !== 'string') return `type error: '${field}' is not a JSON string`;
  }
  if (!('rdata' in entry)) return "missing MANDATORY field 'rdata'";
  const rdata = entry['rdata'];
  if (typeof rdata !== 'string' && !(Array.isArray(rdata) && rdata.every((r) => typeof r === 'string'))) {
    return "'rdata' is not a string or a list of strings";
  }
  const has = (field: string) => entry[field] !== undefined && entry[field] !== null;
  if (!((has('time_first') && has('time_last')) || (has('zone_time_first') && has('zone_time_last')))) {
    return "missing EITHER ('time_first' and 'time_last') OR ('zone_time_first' and 'zone_time_last') fields";
  }
  const badTime = TIME_FIELDS.find((field) => has(field) && !cofTime(entry[field], field.endsWith('_ms')));
  if (badTime) return `'${badTime}' is not a Unix timestamp nor an ISO 8601 date`;
  return undefined;
}
