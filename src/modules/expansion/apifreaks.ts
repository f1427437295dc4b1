/**
 * apifreaks: WHOIS, DNS, subdomains and availability of a domain, WHOIS and
 * reverse DNS of an IP, WHOIS of an ASN, and the domains registered with an
 * email address, from the APIFreaks API (`https://api.apifreaks.com/v1.0/…`,
 * key in the `X-apiKey` header, `format=json`, 30 s).
 *
 * Kept from upstream: the name, the settings `apikey` and the toggles
 * `do_whois`, `do_dns`, `do_subdomains`, `do_availability`, `do_history`
 * (on unless set to something other than 1/true/yes/on/y) and
 * `do_reverse_dns` (off unless set), the input (the `attribute` form or the
 * legacy keys), the requests in upstream's order, the legacy rows
 * (deduplicated by type and value, with category and comment) and the summary
 * `text` row last (_apifreaks/parsers.ts). Upstream's messages: "An APIFreaks
 * API key (apikey) is required.", "Unsupported or missing input attribute.",
 * "Unsupported attribute type: <type>".
 * Fixed: an HTTP failure names APIFreaks, the status and what it said
 * (upstream: "APIFreaks API returned HTTP <status>."); an abuse contact
 * whose `email` is one string gives that address (upstream adds each of its
 * characters); a category MISP does not allow for the type (upstream offers
 * dns-soa-email in "Network activity" and email-src in "Attribution", which
 * MISP refuses) is left out, so MISP uses the type's default; a non-JSON
 * answer is a clear error instead of a crash.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleConfig } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import {
  ApifreaksResults, parseAsnWhois, parseAvailability, parseDnsHistory, parseDnsLive, parseDnsReverse, parseIpWhois,
  parseSubdomains, parseWhoisHistory, parseWhoisLive, parseWhoisReverse,
} from './_apifreaks/parsers.js';

const INPUT_TYPES = ['domain', 'hostname', 'ip-src', 'ip-dst', 'AS', 'email-src', 'email-dst', 'target-email', 'whois-registrant-email'];
const OUTPUT_TYPES = [
  'domain', 'hostname', 'ip-src', 'ip-dst', 'AS', 'whois-registrant-email', 'whois-registrant-phone', 'whois-registrant-name',
  'whois-registrar', 'whois-creation-date', 'dns-soa-email', 'email-src', 'datetime', 'text',
];
const DNS_TYPES = 'A,AAAA,MX,NS,SOA,SPF,TXT,CNAME';

const MESSAGES = defineMessages({
  noKey: 'An APIFreaks API key (apikey) is required.',
  noInput: 'Unsupported or missing input attribute.',
  unsupportedType: 'Unsupported attribute type: {type}',
});

/** A toggle setting: unset means `fallback`; otherwise 1/true/yes/on/y mean on. */
function enabled(config: ModuleConfig, name: string, fallback = true): boolean {
  const value = config[name];
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on', 'y'].includes(value.trim().toLowerCase());
}

/** The type and value asked about: the `attribute` (with a value) first, then the legacy keys. */
function inputOf(query: Record<string, unknown>): { type: string; value: string } | undefined {
  const attribute = query['attribute'];
  if (typeof attribute === 'object' && attribute !== null && !Array.isArray(attribute)) {
    const { type, value } = attribute as Record<string, unknown>;
    if ((typeof value === 'string' && value !== '') || typeof value === 'number') return { type: typeof type === 'string' ? type : String(type), value: String(value) };
  }
  return findLegacyInput(query as never, INPUT_TYPES);
}

type Lookup = (path: string, params: Record<string, string>) => Promise<unknown>;

async function domainLookups(value: string, config: ModuleConfig, get: Lookup, rb: ApifreaksResults): Promise<void> {
  if (enabled(config, 'do_whois')) parseWhoisLive(await get('/domain/whois/live', { domainName: value }), rb);
  if (enabled(config, 'do_dns')) parseDnsLive(await get('/domain/dns/live', { 'host-name': value, type: DNS_TYPES }), rb);
  if (enabled(config, 'do_availability')) parseAvailability(await get('/domain/availability', { domain: value }), rb);
  if (enabled(config, 'do_subdomains')) parseSubdomains(await get('/subdomains/lookup', { domain: value }), rb);
  if (enabled(config, 'do_history')) {
    parseWhoisHistory(await get('/domain/whois/history', { domainName: value }), rb);
    parseDnsHistory(await get('/domain/dns/history', { 'host-name': value, type: DNS_TYPES }), rb);
  }
}

async function ipLookups(value: string, config: ModuleConfig, get: Lookup, rb: ApifreaksResults): Promise<void> {
  if (enabled(config, 'do_whois')) parseIpWhois(await get('/ip/whois/live', { ip: value }), rb);
  if (enabled(config, 'do_reverse_dns', false)) parseDnsReverse(await get('/domain/dns/reverse', { type: 'A', value }), rb);
}

export default defineModule({
  name: 'apifreaks',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.0',
    author: 'APIFreaks',
    description:
      'An expansion module for https://apifreaks.com/ that provides an enriched analysis of a domain, hostname, IP address,' +
      ' ASN or email address, including WHOIS, DNS, subdomains and domain-availability information.',
    name: 'APIFreaks Lookup',
    logo: 'apifreaks.png',
    requirements: ['An access to the APIFreaks API (apikey)'],
    features:
      'The module takes a domain, hostname, IP address, ASN or email attribute as input and queries the relevant APIFreaks' +
      ' WHOIS, Domain and DNS endpoints with it. The results of the queries are then parsed to extract as much information' +
      ' as possible and mapped into compatible MISP attributes.',
    references: ['https://apifreaks.com/', 'https://apifreaks.com/api'],
    input:
      'A domain, hostname, IP address (ip-src/ip-dst), ASN (AS) or email (email-src/email-dst/target-email/whois-registrant-email) attribute.',
    output:
      'MISP attributes resulting from the queries on the APIFreaks API, included in the following list:\n' +
      '- domain\n- hostname\n- ip-src\n- ip-dst\n- AS\n- whois-registrant-email\n- whois-registrant-phone\n' +
      '- whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- dns-soa-email\n- email-src\n- datetime\n- text',
  },
  config: {
    apikey: { description: 'APIFreaks API key (sent in the X-apiKey header)', secret: true },
    do_whois: { description: 'WHOIS lookups of domains and IPs (1/true/yes; on when unset)' },
    do_dns: { description: 'Live DNS lookup of domains (1/true/yes; on when unset)' },
    do_subdomains: { description: 'Subdomain lookup of domains (1/true/yes; on when unset)' },
    do_availability: { description: 'Availability check of domains (1/true/yes; on when unset)' },
    do_history: { description: 'WHOIS and DNS history of domains (1/true/yes; on when unset)' },
    do_reverse_dns: { description: 'Reverse DNS of IPs (1/true/yes; off when unset)' },
  },
  attributes: { input: INPUT_TYPES, output: OUTPUT_TYPES },
  // Upstream checks the key before the input, and reads the attribute form too.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const api: VendorApi = ctx.vendor({
      name: 'APIFreaks',
      baseUrl: 'https://api.apifreaks.com/v1.0',
      auth: { in: 'header', header: 'X-apiKey', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { Accept: 'application/json' },
      defaults: { timeoutMs: 30_000 },
    });
    api.requireKey();
    const input = inputOf(query);
    if (!input) throw MESSAGES.error('noInput');

    const get: Lookup = (path, params) => api.get<unknown>(path, { query: { ...params, format: 'json' } });
    const rb = new ApifreaksResults();
    const { type, value } = input;
    if (type === 'domain' || type === 'hostname') await domainLookups(value, ctx.config, get, rb);
    else if (type === 'ip-src' || type === 'ip-dst') await ipLookups(value, ctx.config, get, rb);
    else if (type === 'AS') parseAsnWhois(await get('/asn/whois/live', { asn: value }), rb);
    else if (['email-src', 'email-dst', 'target-email', 'whois-registrant-email'].includes(type)) {
      parseWhoisReverse(await get('/domain/whois/reverse', { email: value }), rb);
    } else throw MESSAGES.error('unsupportedType', { type });
    return rb.build();
  },
});
