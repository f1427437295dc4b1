/**
 * circl_passivessl: the X.509 certificates CIRCL saw served by an IP address.
 * Asks CIRCL Passive SSL (`GET /v2pssl/query/{ip}`, HTTP Basic auth) for the
 * SHA-1 fingerprints, then fetches each certificate (`GET /v2pssl/cfetch/{sha1}`)
 * and answers one `x509` object per certificate, `seen-by` the IP address.
 *
 * Kept from upstream (pypssl): the name, the `username`/`password` settings
 * and their two messages, the fields read (info.issuer, keylength, not_after,
 * not_before, subject), "Not found" on an empty answer, the service's own
 * `error` text, one attribute per other IP address the answer lists.
 * Fixed: every failure was "There is an authentication error…" and a failed
 * certificate fetch crashed the module; here a vendor failure names CIRCL
 * Passive SSL, the HTTP status and what it said, and a certificate CIRCL no
 * longer has (404) keeps its fingerprint. Upstream wrote the literal word
 * "pem" as the certificate's `pem`: we write the PEM the service sends (or
 * nothing). For `ip|port` inputs upstream never recognised its own address
 * (it compared "ip|port" with "ip") and added a second, invalid attribute:
 * the certificates are linked to the input attribute.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { pathSegment } from '../_shared/path-segment.js';
import { mapLimit } from '../_shared/map-limit.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port'] as const;

/** Certificates fetched at once. */
const FETCH_CONCURRENCY = 4;

const MESSAGES = defineMessages({
  noConfig: 'CIRCL Passive SSL authentication is missing.',
  incomplete: 'CIRCL Passive SSL authentication is incomplete, please provide your username and password.',
  notFound: 'Not found',
  serviceError: 'CIRCL Passive SSL: {error}',
});

/** `GET /query/{ip}`: per IP address, the certificates seen (and their subjects). */
type QueryAnswer = Record<string, { certificates?: unknown; subjects?: unknown } | unknown> & { error?: unknown };

/** `GET /cfetch/{sha1}` (the fields we read). */
interface CertificateAnswer {
  info?: { issuer?: unknown; keylength?: unknown; not_after?: unknown; not_before?: unknown; subject?: unknown };
  pem?: unknown;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** not_before / not_after: epoch seconds, or a date text. */
const datetime = (value: unknown): string | number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() ? value : undefined;

const isSha1 = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{40}$/i.test(value);

/** Upstream's first check: no (or an empty) `config`. */
function requireConfig(ctx: ModuleContext): void {
  if (!ctx.configProvided || Object.keys(ctx.config).length === 0) throw MESSAGES.error('noConfig');
}

async function fetchCertificate(pssl: VendorApi, sha1: string): Promise<CertificateAnswer | undefined> {
  const found = await pssl.find<unknown>(`/cfetch/${sha1}`);
  return typeof found === 'object' && found !== null && !Array.isArray(found) ? (found as CertificateAnswer) : undefined;
}

export default defineModule({
  name: 'circl_passivessl',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Raphaël Vinot',
    description: 'Modules to access CIRCL Passive SSL.',
    name: 'CIRCL Passive SSL',
    logo: 'passivessl.png',
    requirements: ['A CIRCL passive SSL account with username & password'],
    features:
      'This module takes an ip-address (ip-src or ip-dst) attribute as input, and queries the CIRCL Passive SSL REST API ' +
      'to gather the related certificates and return the corresponding MISP objects.\n\nTo make it work a username and a ' +
      'password are required to authenticate to the CIRCL Passive SSL API.',
    references: ['https://www.circl.lu/services/passive-ssl/'],
    input: 'IP address attribute.',
    output: 'x509 certificate objects seen by the IP address(es).',
  },
  config: {
    username: { description: 'CIRCL Passive SSL username. Required.' },
    password: { description: 'CIRCL Passive SSL password. Required.', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    requireConfig(ctx);
    const pssl = ctx.vendor({
      name: 'CIRCL Passive SSL',
      baseUrl: 'https://www.circl.lu/v2pssl',
      auth: { in: 'basic', username: 'username', password: 'password' },
      missingKey: () => MESSAGES.error('incomplete'),
    });
    // Upstream's order: the credentials, then the attribute.
    pssl.requireKey();
    const attribute = requireAttribute(query, INPUT_TYPES);
    const ip = attribute.value.split('|')[0]!.trim();
    const segment = pathSegment(ip);
    if (segment === undefined) throw MESSAGES.error('notFound');
    const answer = await pssl.find<QueryAnswer>(`/query/${segment}`);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer) || Object.keys(answer).length === 0) {
      throw MESSAGES.error('notFound');
    }
    if (answer.error !== undefined) throw MESSAGES.error('serviceError', { error: text(answer.error) ?? JSON.stringify(answer.error) });

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const ipType = attribute.type.startsWith('ip-src') ? 'ip-src' : 'ip-dst';
    for (const [address, seen] of Object.entries(answer)) {
      const certificates = (seen as { certificates?: unknown }).certificates;
      if (!Array.isArray(certificates)) continue;
      const ipUuid = address === ip ? attribute.uuid : result.addAttribute({ type: ipType, value: address }).uuid;
      const fingerprints = certificates.filter(isSha1);
      const details = await mapLimit(fingerprints, FETCH_CONCURRENCY, (sha1) => fetchCertificate(pssl, sha1));
      fingerprints.forEach((sha1, index) => {
        const info = details[index]?.info ?? {};
        const x509 = result.addObject('x509', [
          ['x509-fingerprint-sha1', sha1],
          ['issuer', text(info.issuer)],
          ['pubkey-info-size', text(info.keylength)],
          ['validity-not-after', datetime(info.not_after)],
          ['validity-not-before', datetime(info.not_before)],
          ['subject', text(info.subject)],
          ['pem', text(details[index]?.pem)],
        ]);
        result.addReference(x509.uuid, ipUuid, 'seen-by');
      });
    }
    if (!result.toResults().results.Object) throw MESSAGES.error('notFound');
    return result.toResults();
  },
});
