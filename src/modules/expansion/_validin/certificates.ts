/**
 * Validin certificates (`records.ctstream[]`): the latest by not_before as
 * one `x509` object, as upstream: common_name → subject, cert_issuer →
 * issuer, validity dates, details.fingerprint(_sha256) → fingerprints,
 * details.domains → dns_names (upstream's "san" is not a template relation),
 * links → uri, and the observation timestamp in `text`.
 */
import type { MispResultBuilder } from '../../../misp/standard-result.js';
import type { ValidinInput } from './dns.js';
import { texts } from './registration.js';

export interface CertificateEntry {
  value?: {
    common_name?: unknown;
    cert_issuer?: unknown;
    not_before?: unknown;
    not_after?: unknown;
    timestamp?: unknown;
    links?: unknown;
    details?: { fingerprint?: unknown; fingerprint_sha256?: unknown; domains?: unknown };
  };
}

/** Time of an ISO date for sorting; undefined (oldest) when unreadable, as upstream's datetime.min. */
function sortTime(value: unknown): number {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

export function addLatestCertificate(result: MispResultBuilder, input: ValidinInput, certificates: CertificateEntry[]): void {
  const latest = [...certificates].sort((a, b) => sortTime(b?.value?.not_before) - sortTime(a?.value?.not_before))[0];
  const cert = latest?.value ?? {};
  const details = cert.details ?? {};
  // Without an issuer or a fingerprint it is no x509 object MISP can keep (the template's requiredOneOf).
  if (!texts(cert.cert_issuer)[0] && !texts(details.fingerprint)[0] && !texts(details.fingerprint_sha256)[0]) return;
  const object = result.addObject('x509', [
    ['subject', texts(cert.common_name)[0]],
    ['issuer', texts(cert.cert_issuer)[0]],
    ['validity-not-before', texts(cert.not_before)[0]],
    ['validity-not-after', texts(cert.not_after)[0]],
    ['x509-fingerprint-sha1', texts(details.fingerprint)[0]],
    ['x509-fingerprint-sha256', texts(details.fingerprint_sha256)[0]],
    ['dns_names', texts(details.domains)],
    ['uri', texts(cert.links)],
    ['text', texts(cert.timestamp)[0] ? `observation-date: ${texts(cert.timestamp)[0]}` : undefined],
  ], { comment: 'Validin certificate history (latest)' });
  result.addReference(object.uuid, input.uuid, 'related-to');
}
