/**
 * Reading ONYPHE documents the way upstream's onyphe and onyphe_full do:
 * fields that are a scalar in one document and a list in another, the
 * certificate fields of a `ctl` / `datascan` document as an `x509` object,
 * and the sanity checks applied to values mined from pastes.
 */
import { classifyAddress, parseIp } from '../../../net/index.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import { isRecord, numberOrText, text, type JsonRecord } from '../../_shared/json-fields.js';

/** ONYPHE gives a scalar or a list for the same field: always a list of non-empty texts/numbers. */
export function asList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.flatMap((item) => (typeof item === 'string' && item.trim() !== '' ? [item.trim()] : typeof item === 'number' ? [String(item)] : []));
}

/** An ordinary public unicast address (not private, loopback, link-local, multicast, reserved…). */
export function isRoutable(value: string): boolean {
  const ip = parseIp(value);
  return ip !== undefined && classifyAddress(ip) === undefined;
}

/** A name, not free text: has a dot and no space, slash, colon or at sign. */
export function looksLikeHost(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  return trimmed !== '' && trimmed.includes('.') && !/[ \t/:@]/.test(trimmed);
}

/** The x509 relations of a certificate document (upstream's mapping; the SAN `ip` relation is never the queried value). */
export function certificateRelations(document: JsonRecord): Array<readonly [RelationOf<'x509'>, string | number | undefined]> {
  const fingerprint = isRecord(document['fingerprint']) ? document['fingerprint'] : {};
  const signature = isRecord(document['signature']) ? text(document['signature']['algorithm']) ?? '' : '';
  const publickey = isRecord(document['publickey']) ? document['publickey'] : {};
  const issuer = isRecord(document['issuer']) ? text(document['issuer']['commonname']) : undefined;
  const subject = isRecord(document['subject']) ? text(document['subject']['commonname']) : undefined;
  const validity = isRecord(document['validity']) ? document['validity'] : {};
  let algorithm: string | undefined;
  if (signature.includes('sha256') && signature.includes('RSA')) algorithm = 'SHA256_WITH_RSA_ENCRYPTION';
  else if (signature.includes('sha1') && signature.includes('RSA')) algorithm = 'SHA1_WITH_RSA_ENCRYPTION';
  return [
    ['serial-number', numberOrText(document['serial'])],
    ['x509-fingerprint-md5', text(fingerprint['md5'])],
    ['x509-fingerprint-sha1', text(fingerprint['sha1'])],
    ['x509-fingerprint-sha256', text(fingerprint['sha256'])],
    ['signature_algorithm', algorithm],
    ['pubkey-info-algorithm', text(publickey['algorithm'])],
    ['pubkey-info-exponent', numberOrText(publickey['exponent'])],
    ['pubkey-info-size', numberOrText(publickey['length'])],
    ['issuer', issuer],
    ['subject', subject],
    ['validity-not-before', text(validity['notbefore'])],
    ['validity-not-after', text(validity['notafter'])],
  ];
}

/** What identifies a certificate document: its sha256, else its serial. */
export function certificateKey(document: JsonRecord): string | undefined {
  const fingerprint = isRecord(document['fingerprint']) ? document['fingerprint'] : {};
  const key = text(fingerprint['sha256']) ?? numberOrText(document['serial']);
  return key === undefined ? undefined : String(key);
}
