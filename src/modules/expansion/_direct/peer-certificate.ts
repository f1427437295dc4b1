/**
 * The fields upstream's tls_certificate_check reads from Python's
 * `getpeercert()`, taken from Node's PeerCertificate: subject commonName,
 * issuer "organizationName (commonName)", serial number, validity, DNS names.
 */
import type { PeerCertificate } from 'node:tls';

export interface CertificateFields {
  /** The subject's commonName, "N/A" without one (as upstream). */
  subject: string;
  /** "O (CN)" of the issuer, or its CN alone when it has no organisation. */
  issuer: string;
  serial: string;
  /** `YYYY-MM-DDTHH:MM:SS+00:00`, as upstream writes them. */
  notBefore: string | undefined;
  notAfter: string | undefined;
  expiry: Date | undefined;
  /** The subjectAltName DNS entries, in order. */
  dnsNames: string[];
}

/** Node gives a repeated name field as a list; Python's `dict(...)` keeps the last one. */
function field(names: Record<string, string | string[] | undefined> | undefined, key: string): string | undefined {
  const value = names?.[key];
  return Array.isArray(value) ? value.at(-1) : value;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** OpenSSL's `Jun  1 12:00:00 2026 GMT`. */
export function parseCertificateDate(text: string | undefined): Date | undefined {
  const match = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) GMT$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1]!);
  if (month < 0) return undefined;
  return new Date(Date.UTC(Number(match[6]), month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5])));
}

export function isoUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** `DNS:a.example, DNS:"b,c.example", IP Address:192.0.2.1` → the DNS names (Node quotes names holding a comma). */
export function dnsNames(subjectAltName: string | undefined): string[] {
  const names: string[] = [];
  for (const match of (subjectAltName ?? '').matchAll(/(?:^|, )DNS:("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const raw = match[1]!;
    names.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw);
  }
  return names;
}

export function certificateFields(certificate: PeerCertificate): CertificateFields {
  const subject = certificate.subject as Record<string, string | string[] | undefined> | undefined;
  const issuerNames = certificate.issuer as Record<string, string | string[] | undefined> | undefined;
  const issuerOrg = field(issuerNames, 'O') ?? '';
  const issuerCn = field(issuerNames, 'CN') ?? '';
  const notBefore = parseCertificateDate(certificate.valid_from);
  const notAfter = parseCertificateDate(certificate.valid_to);
  return {
    subject: field(subject, 'CN') ?? 'N/A',
    issuer: issuerOrg ? `${issuerOrg} (${issuerCn})` : issuerCn,
    serial: certificate.serialNumber || 'N/A',
    notBefore: notBefore && isoUtc(notBefore),
    notAfter: notAfter && isoUtc(notAfter),
    expiry: notAfter,
    dnsNames: dnsNames(certificate.subjectaltname),
  };
}
