/**
 * shodan: what Shodan knows about an IP address. One request, as the shodan
 * library's `Shodan(key).host(ip)` sends it: `GET https://api.shodan.io/shodan/host/{ip}?key=KEY`.
 * The answer becomes an `ip-api-address` object (location and network owner),
 * an `ip-port` object (open ports, domains, hostnames) or, with no port, a
 * `domain-ip` object, one `vulnerability` object per CVE Shodan details
 * (plain `vulnerability` attributes for the ones it only names) and one
 * `x509` object per TLS certificate seen on a service.
 *
 * Kept from upstream: the name, the `apikey` setting, the missing-key message
 * ("Shodan authentication is missing", checked before anything else), the
 * mappings and references (describes, extends, vulnerability-of, identifies).
 * Fixed: with vulnerabilities, upstream passes the whole `ssl` block instead
 * of its `cert` to the certificate parser (its x509 objects then lack every
 * field): the certificate is read in both cases; an answer without `data`
 * crashed upstream and is read with what it has; upstream's `domain-ip` put
 * the input under an `ip-src`/`ip-dst` relation the template does not have:
 * it goes under `ip`; the `ip-api-address` object carries the address (its
 * template requires `ip-src`, upstream left it out); fingerprints of kinds x509 has no relation for are left
 * out; Shodan's "No information available for that IP." (404) is said as
 * such; a refused key or a spent quota names Shodan and what it said.
 * Rate limit: Shodan documents 1 request a second per key.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder, type RelationEntry } from '../../misp/standard-result.js';
import type { RelationOf } from '../../misp/templates/index.js';
import { isRecord, list, numberOrText, text, texts } from '../_shared/json-fields.js';

const INPUT_TYPES = ['ip-src', 'ip-dst'] as const;

const MESSAGES = defineMessages({
  noKey: 'Shodan authentication is missing',
  notFound: 'No information available for that IP.',
});

/** The fields of `GET /shodan/host/{ip}` that are read. */
interface ShodanHost {
  asn?: unknown;
  city?: unknown;
  country_code?: unknown;
  country_name?: unknown;
  isp?: unknown;
  latitude?: unknown;
  longitude?: unknown;
  org?: unknown;
  postal_code?: unknown;
  region_code?: unknown;
  ports?: unknown;
  domains?: unknown;
  hostnames?: unknown;
  vulns?: unknown;
  data?: unknown;
}

const IP_ADDRESS_FIELDS = [
  ['asn', 'asn'],
  ['city', 'city'],
  ['country_code', 'country-code'],
  ['country_name', 'country'],
  ['isp', 'ISP'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  ['org', 'organization'],
  ['postal_code', 'zipcode'],
  ['region_code', 'region-code'],
] as const;

/** Shodan's certificate dates: `20231016081936Z`. */
function certificateDate(value: unknown): Date | undefined {
  const match = typeof value === 'string' ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** `{C: 'US', CN: 'x'}` → `/C=US/CN=x`, as upstream writes issuer and subject. */
function distinguishedName(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const parts = Object.entries(value).map(([key, part]) => `${key}=${String(part)}`);
  return parts.length ? `/${parts.join('/')}` : undefined;
}

function addCertificate(result: MispResultBuilder, certificate: Record<string, unknown>, input: InputAttribute): void {
  const fingerprint = isRecord(certificate['fingerprint']) ? certificate['fingerprint'] : {};
  const pubkey = isRecord(certificate['pubkey']) ? certificate['pubkey'] : {};
  const relations: Array<RelationEntry<RelationOf<'x509'>>> = [
    ['serial-number', numberOrText(certificate['serial'])],
    ['signature_algorithm', text(certificate['sig_alg'])],
    ['version', numberOrText(certificate['version'])],
    ['issuer', distinguishedName(certificate['issuer'])],
    ['subject', distinguishedName(certificate['subject'])],
    ['validity-not-after', certificateDate(certificate['expires'])],
    ['validity-not-before', certificateDate(certificate['issued'])],
    ...(['md5', 'sha1', 'sha256'] as const).map((kind) => [`x509-fingerprint-${kind}`, text(fingerprint[kind])] as const),
    ['pubkey-info-size', numberOrText(pubkey['bits'])],
    ['pubkey-info-algorithm', text(pubkey['type'])],
  ];
  if (relations.every((entry) => (entry as readonly [string, unknown])[1] === undefined)) return;
  const object = result.addObject('x509', relations);
  result.addReference(object.uuid, input.uuid, 'identifies');
}

function toResults(host: ShodanHost, input: InputAttribute): ReturnType<MispResultBuilder['toResults']> {
  const result = new MispResultBuilder();
  result.echoInputAttribute(input);
  const fields = host as Record<string, unknown>;

  const address = IP_ADDRESS_FIELDS.map(([field, relation]) => [relation, fields[field] ? numberOrText(fields[field]) : undefined] as const);
  if (address.some(([, value]) => value !== undefined)) {
    const object = result.addObject('ip-api-address', [['ip-src', input.value], ...address]);
    result.addReference(object.uuid, input.uuid, 'describes');
  }

  const ports = list(host.ports).filter((port) => typeof port === 'number' || typeof port === 'string');
  const domains = texts(host.domains);
  const hostnames = texts(host.hostnames);
  if (ports.length) {
    const side = input.type === 'ip-src' ? 'src' : 'dst';
    const object = result.addObject('ip-port', [
      [input.type as 'ip-src' | 'ip-dst', input.value],
      [`${side}-port`, ports as Array<string | number>],
      ['domain', domains],
      ['hostname', hostnames],
    ]);
    result.addReference(object.uuid, input.uuid, 'extends');
  } else if (domains.length || hostnames.length) {
    const object = result.addObject('domain-ip', [
      ['ip', input.value],
      ['domain', [...domains, ...hostnames]],
    ]);
    result.addReference(object.uuid, input.uuid, 'extends');
  }

  const services = list(host.data).filter(isRecord);
  const details = new Map<string, Record<string, unknown>>();
  for (const service of services) {
    if (isRecord(service['vulns'])) {
      for (const [cve, detail] of Object.entries(service['vulns'])) {
        if (!details.has(cve) && isRecord(detail)) details.set(cve, detail);
      }
    }
    const ssl = service['ssl'];
    if (isRecord(ssl) && isRecord(ssl['cert'])) addCertificate(result, ssl['cert'], input);
  }
  const named = texts(host.vulns);
  if (named.length) {
    for (const [cve, detail] of details) {
      const object = result.addObject('vulnerability', [
        ['id', cve],
        ['cvss-score', detail['cvss'] ? numberOrText(detail['cvss']) : undefined],
        ['summary', text(detail['summary'])],
        ['references', texts(detail['references'])],
      ]);
      result.addReference(object.uuid, input.uuid, 'vulnerability-of');
    }
    for (const cve of named) if (!details.has(cve)) result.addAttribute({ type: 'vulnerability', value: cve });
  }
  return result.toResults();
}

export default defineModule({
  name: 'shodan',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.2',
    author: 'Raphaël Vinot',
    description: 'Module to query on Shodan.',
    name: 'Shodan Lookup',
    logo: 'shodan.png',
    requirements: ['An access to the Shodan API (apikey)'],
    features: 'The module takes an IP address as input and queries the Shodan API to get some additional data about it.',
    references: ['https://www.shodan.io/'],
    input: 'An IP address MISP attribute.',
    output: 'Text with additional data about the input, resulting from the query on Shodan.',
  },
  config: { apikey: { description: 'Your Shodan API key, sent as the key query parameter.', secret: true } },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'Shodan',
      baseUrl: 'https://api.shodan.io',
      auth: { in: 'query', param: 'key', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
      rateLimit: { requests: 1, intervalMs: 1000 },
    });
    api.requireKey();
    const input = requireAttribute(query, INPUT_TYPES);
    const host = await api.find<ShodanHost>(`/shodan/host/${encodeURIComponent(input.value.trim())}`);
    if (host === undefined) throw MESSAGES.error('notFound');
    if (!isRecord(host)) throw MESSAGES.error('notFound');
    return toResults(host, input);
  },
});
