/**
 * tls_certificate_check: a TLS handshake with a domain's HTTPS port,
 * verifying its certificate, and the certificate as an `x509` object.
 *
 * Kept from upstream: the name, the inputs (domain, hostname), the
 * misp_standard answer (the input attribute, and an `x509` object with
 * serial-number, issuer "O (CN)", subject CN ("N/A" without one), the TLS
 * version, validity-not-before/after, up to 50 DNS names and the
 * "VALID (n days remaining)" / "EXPIRING SOON (n days left)" text, linked to
 * the input with `related-to`), verification against the trusted roots with
 * the name checked, a failure answered as a text attribute
 * "TLS error for {domain}: {reason}" (comment "TLS Certificate Check - error")
 * worded as upstream ("Certificate verification failed: …", "SSL error: …",
 * "Connection timed out", "Connection refused (port closed)"), and the errors
 * "Missing or invalid attribute." and "Unsupported attribute type: {type}".
 * Kept too: the settings `port` and `timeout`, declared as upstream declares
 * them, so MISP can set them.
 * Fixed: the domain goes through the URL guard (a name resolving to a
 * loopback, private, link-local or metadata address is refused before any
 * connection unless the admin allows it with --allow-url-range), and the
 * connection goes to the address checked; the server's `--ca-file` is trusted
 * besides the bundled roots (an internal CA); an internationalised name is
 * connected to as its A-label; a value that is no host name (a URL) and an
 * invalid `port` or `timeout` setting are clear errors instead of a lookup or
 * a crash; OpenSSL's reasons are given in one line with their code.
 */
import { domainToASCII } from 'node:url';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder, type RelationEntry } from '../../misp/standard-result.js';
import { ConnectError } from '../../net/index.js';
import type { TlsPeer } from '../../net/types.js';
import { checkAttribute } from './_direct/attribute.js';
import { certificateFields } from './_direct/peer-certificate.js';
import { portSetting, timeoutSetting } from './_direct/settings.js';

const INPUTS = ['domain', 'hostname'] as const;
const DEFAULT_PORT = 443;
const DEFAULT_TIMEOUT_SECONDS = 5;
const MAX_DNS_NAMES = 50;
const DAY_MS = 86_400_000;

const MESSAGES = defineMessages({
  invalidAttribute: 'Missing or invalid attribute.',
  unsupportedType: 'Unsupported attribute type: {type}',
  notAName: '{value} is not a host name.',
  invalidPort: 'Invalid port setting "{value}": expected a number from 1 to 65535.',
  invalidTimeout: 'Invalid timeout setting "{value}": expected a number of seconds (up to 3600).',
  tlsError: 'TLS error for {domain}: {reason}',
  verificationFailed: 'Certificate verification failed: {detail}',
  sslError: 'SSL error: {detail}',
  timedOut: 'Connection timed out',
  refused: 'Connection refused (port closed)',
  expired: 'EXPIRED ({days} days ago)',
  expiringSoon: 'EXPIRING SOON ({days} days left)',
  valid: 'VALID ({days} days remaining)',
});

/** A host name (or IP address) as the TLS client needs it; undefined when the value is none. */
function hostName(value: string): string | undefined {
  const text = value.trim().replace(/\.$/, '');
  if (text === '' || /[\s/\\?#@]/.test(text)) return undefined;
  const ascii = /[^\p{ASCII}]/u.test(text) ? domainToASCII(text) : text;
  return ascii === '' ? undefined : ascii;
}

/** Upstream's wording for the failures it names; our message for the others. */
function failureReason(error: ConnectError): string {
  const { detail } = error;
  switch (error.code) {
    case 'TLS_VERIFY':
      return MESSAGES.format('verificationFailed', { detail });
    case 'TLS':
      return MESSAGES.format('sslError', { detail });
    case 'CONNECT_TIMEOUT':
    case 'READ_TIMEOUT':
      return MESSAGES.format('timedOut');
    case 'REFUSED':
      return MESSAGES.format('refused');
    default:
      return error.message.replace(/\.$/, '');
  }
}

/** Upstream's status text from the days left (Python's timedelta.days: rounded down). */
function expiryStatus(expiry: Date | undefined): string | undefined {
  if (!expiry) return undefined;
  const days = Math.floor((expiry.getTime() - Date.now()) / DAY_MS);
  if (days < 0) return MESSAGES.format('expired', { days: Math.abs(days) });
  if (days < 30) return MESSAGES.format('expiringSoon', { days });
  return MESSAGES.format('valid', { days });
}

function x509Relations(peer: TlsPeer): Array<RelationEntry<'serial-number' | 'issuer' | 'subject' | 'version' | 'validity-not-before' | 'validity-not-after' | 'dns_names' | 'text'>> {
  const cert = certificateFields(peer.certificate);
  const quiet = { disable_correlation: true } as const;
  return [
    ['serial-number', cert.serial],
    { relation: 'issuer', value: cert.issuer, ...quiet },
    ['subject', cert.subject],
    { relation: 'version', value: peer.protocol, ...quiet },
    { relation: 'validity-not-before', value: cert.notBefore, ...quiet },
    { relation: 'validity-not-after', value: cert.notAfter, ...quiet },
    ['dns_names', cert.dnsNames.slice(0, MAX_DNS_NAMES)],
    { relation: 'text', value: expiryStatus(cert.expiry), ...quiet },
  ];
}

export default defineModule({
  name: 'tls_certificate_check',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Mihai Saveanu',
    description: 'Extract TLS certificate details from a domain and return as x509 MISP object.',
    name: 'TLS Certificate Check',
    logo: '',
    requirements: [],
    features:
      'The module takes a domain or hostname attribute as input, connects to port 443, performs a TLS handshake and ' +
      'extracts certificate details. Returns a structured x509 MISP object with subject, issuer, validity, SANs, serial ' +
      'number, and protocol version. No external API required.',
    references: ['https://tools.ietf.org/html/rfc5246'],
    input: 'A domain or hostname attribute.',
    output: 'x509 MISP object with certificate details.',
  },
  config: {
    port: { description: 'TCP port of the TLS server (default 443).' },
    timeout: { description: 'Seconds to wait for the connection and the TLS handshake (default 5).' },
  },
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  // Upstream answers its own texts for a missing or wrong attribute.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const checked = checkAttribute(query, INPUTS);
    if (!checked.ok) {
      throw checked.problem === 'invalid' ? MESSAGES.error('invalidAttribute') : MESSAGES.error('unsupportedType', { type: checked.type });
    }
    const { attribute } = checked;
    const domain = attribute.value.trim();
    const host = hostName(domain);
    if (host === undefined) throw MESSAGES.error('notAName', { value: attribute.value });
    const port = portSetting(ctx.config['port'], DEFAULT_PORT);
    if (port === undefined) throw MESSAGES.error('invalidPort', { value: ctx.config['port'] });
    const timeoutMs = timeoutSetting(ctx.config['timeout'], DEFAULT_TIMEOUT_SECONDS);
    if (timeoutMs === undefined) throw MESSAGES.error('invalidTimeout', { value: ctx.config['timeout'] });

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    let peer: TlsPeer | undefined;
    try {
      const connection = await ctx.net.connect({ host, port, tls: true, userAddress: true, connectTimeoutMs: timeoutMs, readTimeoutMs: timeoutMs });
      peer = connection.tls;
      connection.close();
    } catch (error) {
      if (!(error instanceof ConnectError)) throw error;
      result.addAttribute({ type: 'text', value: MESSAGES.format('tlsError', { domain, reason: failureReason(error) }), comment: 'TLS Certificate Check - error' });
      return result.toResults();
    }
    const x509 = result.addObject('x509', x509Relations(peer!));
    result.addReference(x509.uuid, attribute.uuid, 'related-to');
    return result.toResults();
  },
});
