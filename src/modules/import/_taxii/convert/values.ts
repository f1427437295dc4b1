/** Small value checks shared by the STIX converters. */
import { isIP } from 'node:net';
import { toMispDatetime } from '../../../../misp/datetime.js';
import { str } from '../../../_shared/json-record.js';

/** An IPv4/IPv6 address or CIDR block. */
export function isIpLike(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/** A STIX timestamp as a MISP datetime, or undefined when it is not one. */
export function timestamp(value: unknown): string | undefined {
  const text = str(value);
  if (!text || Number.isNaN(Date.parse(text))) return undefined;
  return toMispDatetime(text);
}

/**
 * `first_seen` / `last_seen` from a STIX validity or observation window.
 * MISP refuses a last_seen before the first_seen, so such a last_seen is dropped.
 */
export function seenRange(from: unknown, until: unknown): { first_seen?: string; last_seen?: string } {
  const first = timestamp(from);
  const last = timestamp(until);
  const range: { first_seen?: string; last_seen?: string } = {};
  if (first) range.first_seen = first;
  if (last && (!first || Date.parse(str(until)!) >= Date.parse(str(from)!))) range.last_seen = last;
  return range;
}

/** `T1566.001` style ids and CVE ids, as found in external references. */
export const MITRE_TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
export const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;
