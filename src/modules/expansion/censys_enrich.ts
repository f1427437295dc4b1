/**
 * censys_enrich: open ports, network, location and certificates of an IP,
 * of the hosts a domain points to, or of a certificate, from the Censys
 * Search API, with the requests censys-python 2.0.9 sends (HTTP Basic
 * api_id:api_secret, base https://search.censys.io/api):
 * - an IP (ip-src, ip-dst, the IP of domain|ip, ip-*|port): `GET /v2/hosts/{ip}` (`CensysHosts.view`);
 * - a domain or hostname (also of hostname|port, domain|ip): `GET /v2/hosts/search?q={name}&per_page=5`,
 *   one page (`CensysHosts.search(per_page=5, pages=1)`);
 * - an x509-fingerprint-sha256, and the certificate of each HTTP service of a
 *   host: `GET /v1/view/certificates/{sha256}` (`CensysCertificates.view`).
 * Results: `asn`, `ip-port`, `x509` and `geolocation` objects
 * `associated-to` the input, merged across hosts as upstream does (an object
 * whose key value — asn, ip, sha256 fingerprint, latitude — is already there
 * is not repeated).
 *
 * Kept from upstream: the name, the input types (md5 and sha1 fingerprints
 * are accepted and, as upstream, not looked up: "Nothing could be found on
 * Censys"), `api_id`/`api_secret`, "Please provide config options",
 * "Censys API credentials are missing", "Nothing could be found on Censys",
 * and Censys failures as "ERROR: param {value} / response: {error}" (upstream's
 * test checks that prefix), the mapping.
 * Fixed: empty credentials are missing (upstream only caught absent ones and
 * sent an empty Basic auth); the announced subnet is read from v2's
 * `bgp_prefix` (upstream read v1's `routed_prefix`, absent in v2); a host with
 * no `services` crashed upstream (`len(None)`); a certificate Censys does not
 * have (404) is left out instead of failing the whole lookup, and a host or
 * certificate Censys does not have is "Nothing could be found on Censys"; a certificate
 * missing a field is written with what it has; the same certificate seen on
 * several services is fetched once; the response part of an error names
 * Censys, the HTTP status and Censys's own message.
 * Rate limit: Censys documents 0.4 actions a second (120 per 5 minutes) for
 * free accounts (declared, shared by v1 and v2; paid plans raise it with `--vendor-limit`).
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder, type RelationEntry } from '../../misp/standard-result.js';
import type { RelationOf } from '../../misp/templates/index.js';
import { isRecord, numberOrText, records, text, texts, type JsonRecord } from '../_shared/json-fields.js';

const INPUT_TYPES = [
  'ip-src',
  'ip-dst',
  'domain',
  'hostname',
  'hostname|port',
  'domain|ip',
  'ip-dst|port',
  'ip-src|port',
  'x509-fingerprint-md5',
  'x509-fingerprint-sha1',
  'x509-fingerprint-sha256',
] as const;

/** Hosts a domain search reads (upstream: `per_page=5, pages=1`). */
const SEARCH_PER_PAGE = 5;

const MESSAGES = defineMessages({
  noConfig: 'Please provide config options',
  noCredentials: 'Censys API credentials are missing',
  nothingFound: 'Nothing could be found on Censys',
  censysError: 'ERROR: param {value} / response: {error}',
});

/** One lookup: what upstream splits a (composite) attribute into. */
interface Lookup {
  type: string;
  value: string;
}

function lookups(input: InputAttribute): Lookup[] {
  const value = input.value.trim();
  if (!input.type.includes('|')) return [{ type: input.type, value }];
  const [firstType = '', secondType = ''] = input.type.split('|');
  const [firstValue = '', secondValue = ''] = value.split('|');
  // The port cannot be used.
  if (secondType === 'port') return [{ type: firstType, value: firstValue }];
  return [
    { type: firstType, value: firstValue },
    { type: secondType, value: secondValue },
  ];
}

/** Base64 → lowercase hex, as upstream writes the RSA modulus. */
function base64ToHex(value: unknown): string | undefined {
  const encoded = text(value);
  return encoded ? Buffer.from(encoded, 'base64').toString('hex') || undefined : undefined;
}

const bool = (value: unknown): number | undefined => (typeof value === 'boolean' ? (value ? 1 : 0) : undefined);

/** Collects objects across hosts, leaving out one whose key value is already there. */
class Collected {
  readonly result = new MispResultBuilder();
  private readonly seen = new Set<string>();
  found = false;

  constructor(readonly input: InputAttribute) {
    this.result.echoInputAttribute(input);
  }

  add<N extends 'asn' | 'ip-port' | 'x509' | 'geolocation'>(name: N, key: string | number | undefined, relations: ReadonlyArray<RelationEntry<RelationOf<N>>>): void {
    const id = `${name}\u0000${String(key)}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const object = this.result.addObject(name, relations);
    this.result.addReference(object.uuid, this.input.uuid, 'associated-to');
  }
}

/** A v1 certificate document (`raw` + `parsed`) as an x509 object. */
function addCertificate(out: Collected, certificate: JsonRecord): void {
  const parsed = isRecord(certificate['parsed']) ? certificate['parsed'] : {};
  const validity = isRecord(parsed['validity']) ? parsed['validity'] : {};
  const signature = isRecord(parsed['signature']) ? parsed['signature'] : {};
  const algorithm = isRecord(signature['signature_algorithm']) ? signature['signature_algorithm'] : {};
  const keyInfo = isRecord(parsed['subject_key_info']) ? parsed['subject_key_info'] : {};
  const keyAlgorithm = isRecord(keyInfo['key_algorithm']) ? keyInfo['key_algorithm'] : {};
  const rsa = isRecord(keyInfo['rsa_public_key']) ? keyInfo['rsa_public_key'] : {};
  const extensions = isRecord(parsed['extensions']) ? parsed['extensions'] : {};
  const san = isRecord(extensions['subject_alt_name']) ? extensions['subject_alt_name'] : {};
  const sha256 = text(parsed['fingerprint_sha256']);
  out.add('x509', sha256, [
    ['x509-fingerprint-sha256', sha256],
    ['x509-fingerprint-sha1', text(parsed['fingerprint_sha1'])],
    ['x509-fingerprint-md5', text(parsed['fingerprint_md5'])],
    ['serial-number', numberOrText(parsed['serial_number'])],
    ['version', numberOrText(parsed['version'])],
    ['subject', text(parsed['subject_dn'])],
    ['issuer', text(parsed['issuer_dn'])],
    ['validity-not-before', text(validity['start'])],
    ['validity-not-after', text(validity['end'])],
    ['self_signed', bool(signature['self_signed'])],
    ['signature_algorithm', text(algorithm['name'])],
    ['pubkey-info-algorithm', text(keyAlgorithm['name'])],
    ['pubkey-info-size', numberOrText(rsa['length'])],
    ['pubkey-info-exponent', numberOrText(rsa['exponent'])],
    ['pubkey-info-modulus', base64ToHex(rsa['modulus'])],
    ['dns_names', texts(san['dns_names'])],
    ['ip', texts(san['ip_addresses'])],
    ['raw-base64', text(certificate['raw'])],
  ]);
}

/** A v2 host (view result or search hit), and the certificates of its HTTP services. */
async function addHost(out: Collected, api: VendorApi, host: JsonRecord, certificatesSeen: Set<string>): Promise<void> {
  const as = isRecord(host['autonomous_system']) ? host['autonomous_system'] : undefined;
  if (as) {
    const asn = numberOrText(as['asn']);
    out.add('asn', asn, [
      ['asn', asn],
      ['description', text(as['name'])],
      ['subnet-announced', text(as['bgp_prefix']) ?? text(as['routed_prefix'])],
      ['country', text(as['country_code'])],
    ]);
  }
  const services = records(host['services']);
  const ip = text(host['ip']);
  if (ip && services.length) {
    const ports = services.flatMap((service) => (typeof service['port'] === 'number' && service['port'] ? [service['port']] : []));
    out.add('ip-port', ip, [
      ['ip', ip],
      ['dst-port', ports],
    ]);
  }
  for (const service of services) {
    const sha256 = text(service['certificate']);
    if (text(service['service_name'])?.toLowerCase() !== 'http' || !sha256 || certificatesSeen.has(sha256)) continue;
    certificatesSeen.add(sha256);
    const certificate = await api.find<unknown>(`/v1/view/certificates/${encodeURIComponent(sha256)}`);
    if (isRecord(certificate)) addCertificate(out, certificate);
  }
  if (isRecord(host['location'])) {
    const location = host['location'];
    const coordinates = isRecord(location['coordinates']) ? location['coordinates'] : {};
    const latitude = numberOrText(coordinates['latitude']);
    out.add('geolocation', latitude, [
      ['latitude', latitude],
      ['longitude', numberOrText(coordinates['longitude'])],
      ['city', text(location['city'])],
      ['country', text(location['country'])],
      ['zipcode', text(location['postal_code'])],
      ['region', text(location['province'])],
    ]);
  }
}

async function lookUp(out: Collected, api: VendorApi, lookup: Lookup, certificatesSeen: Set<string>): Promise<void> {
  if (lookup.type.startsWith('ip')) {
    const host = await api.find<unknown>(`/v2/hosts/${encodeURIComponent(lookup.value)}`);
    const result = isRecord(host) && isRecord(host['result']) ? host['result'] : undefined;
    if (result) {
      await addHost(out, api, result, certificatesSeen);
      out.found = true;
    }
  } else if (lookup.type === 'domain' || lookup.type === 'hostname') {
    const page = await api.get<unknown>('/v2/hosts/search', { query: { q: lookup.value, per_page: SEARCH_PER_PAGE } });
    const result = isRecord(page) && isRecord(page['result']) ? page['result'] : {};
    for (const hit of records(result['hits']).slice(0, SEARCH_PER_PAGE)) {
      await addHost(out, api, hit, certificatesSeen);
      out.found = true;
    }
  } else if (lookup.type === 'x509-fingerprint-sha256') {
    const certificate = await api.find<unknown>(`/v1/view/certificates/${encodeURIComponent(lookup.value)}`);
    if (isRecord(certificate) && isRecord(certificate['parsed'])) {
      addCertificate(out, certificate);
      out.found = true;
    }
  }
}

export default defineModule({
  name: 'censys_enrich',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Loïc Fortemps',
    description: 'An expansion module to enrich attributes in MISP by quering the censys.io API',
    name: 'Censys Enrich',
    logo: '',
    requirements: ['API credentials to censys.io'],
    features: 'This module takes an IP, hostname or a certificate fingerprint and attempts to enrich it by querying the Censys API.',
    references: ['https://www.censys.io'],
    input: 'IP, domain or certificate fingerprint (md5, sha1 or sha256)',
    output: 'MISP objects retrieved from censys, including open ports, ASN, Location of the IP, x509 details',
  },
  config: {
    api_id: { description: 'Your Censys API ID (HTTP Basic user name).' },
    api_secret: { description: 'Your Censys API secret (HTTP Basic password).', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    if (Object.values(ctx.config).every((value) => value === undefined)) throw MESSAGES.error('noConfig');
    const api = ctx.vendor({
      name: 'Censys',
      baseUrl: 'https://search.censys.io/api',
      auth: { in: 'basic', username: 'api_id', password: 'api_secret' },
      missingKey: () => MESSAGES.error('noCredentials'),
      rateLimit: { requests: 120, intervalMs: 300_000 },
    });
    api.requireKey();
    const input = requireAttribute(query, INPUT_TYPES);

    const out = new Collected(input);
    const certificatesSeen = new Set<string>();
    for (const lookup of lookups(input)) {
      try {
        await lookUp(out, api, lookup, certificatesSeen);
      } catch (error) {
        // Upstream's words around Censys's failure (its test checks the prefix).
        if (error instanceof ModuleError) throw MESSAGES.error('censysError', { value: lookup.value, error: error.message });
        throw error;
      }
    }
    if (!out.found) throw MESSAGES.error('nothingFound');
    return out.result.toResults();
  },
});
