/**
 * rdap: registration data (RFC 9083) of a domain, hostname, IP address or URL.
 * Asks the rdap.org bootstrap (`GET https://rdap.org/{domain|ip}/{value}`,
 * `Accept: application/rdap+json`), which redirects to the authoritative RDAP
 * server of the registry; the redirect is followed. The redirect target comes
 * from rdap.org (a service the admin chose by enabling the module, and that
 * `--upstream rdap.org=…` can replace), never from the attribute, so it is not
 * URL-guarded; the attribute's value only ever becomes a path segment.
 *
 * Kept from upstream: the name, inputs, the `whois` object linked to the input
 * with `related-to` (registrar, registrant name/org/email, creation,
 * expiration and modification dates from the events, name servers, `status:`
 * text, `domain` or `ip-address` for the value asked), a URL read as its host,
 * and the messages "Could not extract a host from URL …" and
 * "No RDAP record found for …" (HTTP 404, from rdap.org or the registry).
 * Fixed: a scheme-less URL (`example.com/path`) is read as its host instead of
 * refused; an IP network (`192.0.2.0/24`, MISP's ip-src may hold one) is asked
 * at `ip/{prefix}/{length}` (RFC 9082) instead of as a domain; an
 * internationalised name is asked as its A-label; the registrant's `tel` is kept
 * as `registrant-phone` (upstream drops it); a value that is no name (`../x`,
 * spaces) is refused before any request; an answer that is not an RDAP
 * object is a clear error instead of a crash; a failure names the server that
 * answered (rdap.org, or the registry it redirected to), the HTTP status and
 * the RDAP error's own title instead of the bare reason.
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const INPUT_TYPES = ['domain', 'hostname', 'ip-src', 'ip-dst', 'url'] as const;
const RDAP_ORG = 'https://rdap.org';

const MESSAGES = defineMessages({
  noHost: 'Could not extract a host from URL {value}.',
  notAName: '{value} is not a domain name or IP address: RDAP cannot look it up.',
  notFound: 'No RDAP record found for {value}.',
  invalidJson: '{server} answered with invalid JSON (HTTP {status}).',
  notRdap: '{server} answered something that is not an RDAP object.',
});

/** The parts of an RDAP answer (RFC 9083) the module reads. */
interface RdapEntity {
  roles?: unknown;
  vcardArray?: unknown;
}
interface RdapObject {
  entities?: unknown;
  events?: unknown;
  nameservers?: unknown;
  status?: unknown;
}

/** RDAP event actions (RFC 9083 §10.2.3) → whois relations. */
const EVENT_RELATIONS: Record<string, 'creation-date' | 'expiration-date' | 'modification-date'> = {
  registration: 'creation-date',
  expiration: 'expiration-date',
  'last changed': 'modification-date',
};

/** What to ask rdap.org: `ip/…` for an address or network, `domain/…` otherwise. */
interface Lookup {
  /** The value as the analyst gave it (after reading a URL's host): the whois object's domain or ip-address. */
  value: string;
  isIp: boolean;
  path: string;
}

function isCidr(value: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!match) return false;
  const version = isIP(match[1]!);
  return version !== 0 && Number(match[2]) <= (version === 4 ? 32 : 128);
}

/**
 * The host of a URL, without IPv6 brackets; undefined when there is none. As
 * Python's urlparse: `mailto:x@y` has no host; unlike it, `example.com/path`
 * (no scheme) is read as host and path.
 */
function urlHost(url: string): string | undefined {
  const text = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(text);
  if (scheme && !text.slice(scheme[0].length).startsWith('//')) return undefined;
  try {
    const host = new URL(scheme ? text : `http://${text}`).hostname.replace(/^\[|\]$/g, '');
    return host === '' ? undefined : host;
  } catch {
    return undefined;
  }
}

/** A name RDAP can look up: no path, query or space characters, not only dots. */
const DOMAIN_NAME = /^(?!\.*$)[^\s/\\?#%@]+$/;

function lookupFor(value: string): Lookup | undefined {
  if (isIP(value) !== 0 || isCidr(value)) return { value, isIp: true, path: `/ip/${value}` };
  const name = value.replace(/\.$/, '');
  if (!DOMAIN_NAME.test(name)) return undefined;
  // An internationalised name is asked as its A-label (what every registry indexes).
  const ascii = /[^\p{ASCII}]/u.test(name) ? domainToASCII(name) || name : name;
  return { value, isIp: false, path: `/domain/${encodeURIComponent(ascii)}` };
}

/** One field of an entity's jCard (RFC 7095): `[name, params, type, value]`; a structured value is joined with spaces. */
function vcardValue(entity: RdapEntity, field: string): string | undefined {
  const vcard = entity.vcardArray;
  if (!Array.isArray(vcard) || !Array.isArray(vcard[1])) return undefined;
  for (const item of vcard[1] as unknown[]) {
    if (!Array.isArray(item) || item.length < 4 || item[0] !== field) continue;
    const value: unknown = item[3];
    if (Array.isArray(value)) return value.filter((part) => part !== '' && part !== null && part !== undefined).map(String).join(' ');
    return value === null || value === undefined ? undefined : String(value);
  }
  return undefined;
}

function entityWithRole(entities: unknown, role: string): RdapEntity | undefined {
  if (!Array.isArray(entities)) return undefined;
  return (entities as unknown[]).find(
    (entity): entity is RdapEntity =>
      typeof entity === 'object' && entity !== null && Array.isArray((entity as RdapEntity).roles) && ((entity as RdapEntity).roles as unknown[]).includes(role),
  );
}

function records(list: unknown): Array<Record<string, unknown>> {
  return Array.isArray(list) ? list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

function parseRdap(text: string, server: string, status: number): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw MESSAGES.error('invalidJson', { server, status }, { cause: error });
  }
}

/** The whois relations an RDAP object gives, in upstream's order. */
function whoisRelations(rdap: RdapObject, lookup: Lookup) {
  const registrar = entityWithRole(rdap.entities, 'registrar');
  const registrant = entityWithRole(rdap.entities, 'registrant');
  const phone = registrant && vcardValue(registrant, 'tel')?.replace(/^tel:/i, '');
  const events = records(rdap.events).flatMap((event) => {
    const relation = EVENT_RELATIONS[String(event['eventAction'])];
    return relation && typeof event['eventDate'] === 'string' && event['eventDate'] !== '' ? [[relation, event['eventDate']] as const] : [];
  });
  const nameservers = records(rdap.nameservers).flatMap((ns) => (typeof ns['ldhName'] === 'string' ? [ns['ldhName']] : []));
  const status = Array.isArray(rdap.status) && rdap.status.length > 0 ? `status: ${rdap.status.map(String).join(', ')}` : undefined;
  return [
    [lookup.isIp ? 'ip-address' : 'domain', lookup.value] as const,
    ['registrar', registrar && vcardValue(registrar, 'fn')] as const,
    ['registrant-name', registrant && vcardValue(registrant, 'fn')] as const,
    ['registrant-org', registrant && vcardValue(registrant, 'org')] as const,
    ['registrant-email', registrant && vcardValue(registrant, 'email')] as const,
    ['registrant-phone', phone] as const,
    ...events,
    ['nameserver', nameservers] as const,
    ['text', status] as const,
  ];
}

export default defineModule({
  name: 'rdap',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Ali Bhutto',
    description:
      'An expansion module to query the public RDAP bootstrap (rdap.org) for registration data of a domain, hostname, IP ' +
      'address or URL. RDAP (Registration Data Access Protocol, RFC 9082/9083) is the free, unauthenticated and structured ' +
      'successor to WHOIS.',
    name: 'RDAP Lookup',
    logo: '',
    requirements: [],
    features:
      'The module takes a domain, hostname, IP address or URL attribute as input, resolves a URL to its host, and queries the ' +
      'rdap.org bootstrap which redirects to the authoritative RDAP server for the object. The registrar, registration and ' +
      'expiration dates, name servers, status and registrant information are parsed into a MISP whois object.',
    references: ['https://about.rdap.org/', 'https://rdap.org/'],
    input: 'A domain, hostname, IP address or URL attribute.',
    output: 'A whois object holding the registration data returned by RDAP.',
  },
  config: {},
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, INPUT_TYPES);
    let value = attribute.value.trim();
    if (attribute.type === 'url') {
      const host = urlHost(value);
      if (host === undefined) throw MESSAGES.error('noHost', { value: attribute.value });
      value = host;
    }
    const lookup = lookupFor(value);
    if (lookup === undefined) throw MESSAGES.error('notAName', { value });

    // Upstream's 15 s per request (the query's own timeout still applies).
    const rdapOrg = ctx.vendor({ name: 'rdap.org', baseUrl: RDAP_ORG, headers: { Accept: 'application/rdap+json' }, defaults: { timeoutMs: 15_000 } });
    const response = await rdapOrg.request(lookup.path);
    if (response.status === 404) throw MESSAGES.error('notFound', { value });
    // After a redirect, failures and answers are the registry's: name it.
    const answeredBy = new URL(response.url).host;
    const server = answeredBy === 'rdap.org' ? rdapOrg : ctx.vendor({ name: `RDAP server ${answeredBy} (via rdap.org)`, baseUrl: `https://${answeredBy}` });
    if (response.status < 200 || response.status > 299) throw server.statusError(response);
    const rdap = parseRdap(response.text(), server.spec.name, response.status);
    if (typeof rdap !== 'object' || rdap === null || Array.isArray(rdap)) throw MESSAGES.error('notRdap', { server: server.spec.name });

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const whois = result.addObject('whois', whoisRelations(rdap as RdapObject, lookup));
    result.addReference(whois.uuid, attribute.uuid, 'related-to');
    return result.toResults();
  },
});
