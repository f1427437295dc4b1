/**
 * securitytrails: SecurityTrails (api.securitytrails.com/v1, key in the
 * `apikey` header) for a domain/hostname or an IP address, as legacy results.
 * - ip-src / ip-dst: `POST /v1/search/list` `{"filter": {"ipv4": ip}}`, the
 *   hostnames on that address (comment: hosting provider and registrar);
 * - domain / hostname, in upstream's order: `GET /v1/domain/{d}` (current NS,
 *   A, AAAA, MX, SOA), `/domain/{d}/subdomains`, `/domain/{d}/whois`
 *   (registrant email, phone, name, registrar, creation date),
 *   `/history/{d}/dns/{a,aaaa,ns,soa,mx}` and `/history/{d}/whois`.
 * Only the first input present is looked up (ip-src, ip-dst, domain,
 * hostname), and only the first page of each answer is read, as upstream: the
 * module has no limit setting, and every page is one request of the account's
 * monthly allowance (50 on the free plan).
 *
 * Kept from upstream: the name, the `apikey` setting, input/output types, the
 * requests, the types, categories and comments (double spaces included), the
 * missing-key message checked before anything else (upstream's test sends a
 * swapped query), "Unsupported attributes types", the unknown-domain text,
 * and upstream's one-second spacing between requests (declared as a rate
 * limit: `--vendor-limit SecurityTrails=…` changes it).
 * Fixed: SOA emails are offered as dns-soa-email in Attribution (upstream: domain), history
 * NS/MX values as domain and SOA as dns-soa-email (upstream: a bare name as
 * domain|ip, which MISP refuses); the registrar and creation date come from
 * the whois record (upstream looked for them in the registrant contact, so
 * never found them), the date as ISO 8601 instead of epoch milliseconds; IP
 * results carry `categories` (upstream misspelt it `category`); empty lists,
 * null fields and missing record sections are skipped instead of giving
 * empty attributes or crashing; a section SecurityTrails does not have (404)
 * adds nothing instead of throwing away everything found so far. Other
 * failures name SecurityTrails, the status and its message (a 429 is its
 * "You've exceeded the usage limits for your account.").
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { legacyResults, type LegacyEntryInput } from '../../misp/legacy-result.js';
import {
  domainInfoEntries,
  historyDnsEntries,
  historyIpEntries,
  historyWhoisEntries,
  searchEntries,
  subdomainEntries,
  whoisEntries,
} from './_securitytrails/mapping.js';

const MESSAGES = defineMessages({
  noKey: 'SecurityTrails authentication is missing',
  unsupported: 'Unsupported attributes types',
  unknownDomain: 'Page Not found https://api.securitytrails.com/v1/domain/{domain} Error DNS result',
});

async function domainEntries(api: VendorApi, domain: string): Promise<LegacyEntryInput[]> {
  const path = encodeURIComponent(domain);
  const info = await api.find<unknown>(`/v1/domain/${path}`);
  if (info === undefined) throw MESSAGES.error('unknownDomain', { domain });
  const entries = domainInfoEntries(domain, info);
  entries.push(...subdomainEntries(domain, await api.find(`/v1/domain/${path}/subdomains`)));
  entries.push(...whoisEntries(domain, await api.find(`/v1/domain/${path}/whois`)));
  entries.push(...historyIpEntries(domain, await api.find(`/v1/history/${path}/dns/a`), 'ip'));
  entries.push(...historyIpEntries(domain, await api.find(`/v1/history/${path}/dns/aaaa`), 'ipv6'));
  for (const service of ['ns', 'soa', 'mx'] as const) {
    entries.push(...historyDnsEntries(domain, await api.find(`/v1/history/${path}/dns/${service}`), service));
  }
  entries.push(...historyWhoisEntries(domain, await api.find(`/v1/history/${path}/whois`)));
  return entries;
}

async function ipEntries(api: VendorApi, ip: string): Promise<LegacyEntryInput[]> {
  return searchEntries(ip, await api.post('/v1/search/list', { json: { filter: { ipv4: ip } } }));
}

export default defineModule({
  name: 'securitytrails',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Sebastien Larinier @sebdraven',
    description: 'An expansion modules for SecurityTrails.',
    name: 'SecurityTrails Lookup',
    logo: 'securitytrails.png',
    requirements: ['An access to the SecurityTrails API (apikey)'],
    features:
      'The module takes a domain, hostname or IP address attribute as input and queries the SecurityTrails API with' +
      ' it.\n\nMultiple parsing operations are then processed on the result of the query to extract a much' +
      ' information as possible.\n\nFrom this data extracted are then mapped MISP attributes.',
    references: ['https://securitytrails.com/'],
    input: 'A domain, hostname or IP address attribute.',
    output:
      'MISP attributes resulting from the query on SecurityTrails API, included in the following list:\n- hostname\n-' +
      ' domain\n- ip-src\n- ip-dst\n- dns-soa-email\n- whois-registrant-email\n- whois-registrant-phone\n-' +
      ' whois-registrant-name\n- whois-registrar\n- whois-creation-date\n- domain',
  },
  config: { apikey: { description: 'Your SecurityTrails API key, sent in the apikey header.', secret: true } },
  attributes: {
    input: ['hostname', 'domain', 'ip-src', 'ip-dst'],
    output: [
      'hostname',
      'domain',
      'ip-src',
      'ip-dst',
      'dns-soa-email',
      'whois-registrant-email',
      'whois-registrant-phone',
      'whois-registrant-name',
      'whois-registrar',
      'whois-creation-date',
      'domain',
    ],
  },
  // The key is checked before the input, as upstream (its test sends no input key).
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'SecurityTrails',
      baseUrl: 'https://api.securitytrails.com',
      auth: { in: 'header', header: 'apikey', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
      // Upstream waits one second between requests.
      rateLimit: { requests: 1, intervalMs: 1000 },
    });
    api.requireKey();
    const value = (type: string) => {
      const found = query[type];
      return typeof found === 'string' && found.trim() !== '' ? found.trim() : undefined;
    };
    const ip = value('ip-src') ?? value('ip-dst');
    if (ip !== undefined) return legacyResults(await ipEntries(api, ip));
    const domain = value('domain') ?? value('hostname');
    if (domain !== undefined) return legacyResults(await domainEntries(api, domain));
    throw MESSAGES.error('unsupported');
  },
});
