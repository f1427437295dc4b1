/**
 * otx: related indicators from AlienVault OTX, as legacy results. The same
 * OTX indicator sections as upstream, under https://otx.alienvault.com/otxapi/indicator/:
 * - ip-src / ip-dst: `ip/malware/{ip}?limit=1000` (its `hash`es → sha256) and
 *   `ip/passive_dns/{ip}` (its `hostname`s → hostname);
 * - domain / hostname: `domain/malware/{d}?limit=1000` (hashes → sha256),
 *   `domain/whois/{d}` (`domain`s → hostname, email `value`s → email,
 *   `hostname`s with a dot → hostname) and `hostname/passive_dns/{d}`
 *   (IPv4 `address`es → ip-dst);
 * - md5 / sha1 / sha256 / sha512: `file/analysis/{hash}` (IPv4 `dst`s →
 *   ip-dst/ip-src, `hostname`s with a dot → hostname).
 * Keys are found at any depth, as upstream's findAll; every query key present
 * is looked up; the results are deduplicated; well-known noise (0.0.0.0,
 * 8.8.8.8, 255.255.255.255, 192.168.56.*, time.windows.com) is left out.
 *
 * Kept from upstream: the name, the `apikey` setting (required), the input
 * and output types, the requests and the mapping above.
 * Fixed: upstream requires `apikey` but never sends it; it is sent as OTX
 * documents, in the `X-OTX-API-KEY` header (an empty one is refused before
 * any request, with a message; upstream crashes without config). Upstream's
 * noise filter tests `value in entry` (so "192.168.56.1" passed and "8.8"
 * was dropped): here a value is noise when it equals an entry or starts with
 * the `192.168.56.` prefix. A section OTX does not have (404) adds nothing
 * instead of crashing; other failures name OTX, the HTTP status and what it
 * said. Only text values are read (upstream crashes on others), and an email
 * is taken as the address found in the whois value.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { legacyResults, type LegacyEntryInput } from '../../misp/legacy-result.js';
import type { LegacyType } from '../../misp/types.js';

const IP_TYPES = ['ip-src', 'ip-dst'];
const DOMAIN_TYPES = ['domain', 'hostname'];
const INPUT_TYPES = ['hostname', 'domain', 'ip-src', 'ip-dst', 'md5', 'sha1', 'sha256', 'sha512'] as const;

const MESSAGES = defineMessages({
  noKey: 'An AlienVault OTX API key is required: set the apikey setting of the otx module.',
  noInput: 'The request has none of {types} as text.',
});

/** Values upstream keeps out of the results; an entry ending with a dot is a prefix. */
const NOISE = ['0.0.0.0', '8.8.8.8', '255.255.255.255', '192.168.56.', 'time.windows.com'];

function isNoise(value: string): boolean {
  return NOISE.some((entry) => value === entry || (entry.endsWith('.') && value.startsWith(entry)));
}

function isIpv4(value: string): boolean {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  return parts !== null && parts.slice(1).every((part) => Number(part) <= 255);
}

const EMAIL = /[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?/;

/** Every text value of `key` at any depth (a matching key is not searched further, as upstream's findAll). */
function findAll(data: unknown, key: string, found: string[] = []): string[] {
  if (Array.isArray(data)) {
    for (const item of data) findAll(item, key, found);
  } else if (typeof data === 'object' && data !== null) {
    for (const [name, value] of Object.entries(data)) {
      if (name === key) {
        if (typeof value === 'string' && value.trim() !== '') found.push(value.trim());
      } else if (typeof value === 'object' && value !== null) findAll(value, key, found);
    }
  }
  return found;
}

type Entry = { types: LegacyType[]; value: string };
const entry = (types: LegacyType[], value: string): Entry => ({ types, value });

/** One OTX indicator section; a section OTX does not have (404) is empty. */
function section(api: VendorApi, path: string, withLimit = false): Promise<unknown> {
  return api.find<unknown>(`/otxapi/indicator/${path}`, withLimit ? { query: { limit: 1000 } } : {});
}

async function ipEntries(api: VendorApi, ip: string): Promise<Entry[]> {
  const value = encodeURIComponent(ip);
  const [malware, passiveDns] = await Promise.all([section(api, `ip/malware/${value}`, true), section(api, `ip/passive_dns/${value}`)]);
  return [
    ...findAll(malware, 'hash').map((hash) => entry(['sha256'], hash)),
    ...findAll(passiveDns, 'hostname').filter((name) => !isNoise(name)).map((name) => entry(['hostname'], name)),
  ];
}

async function domainEntries(api: VendorApi, domain: string): Promise<Entry[]> {
  const value = encodeURIComponent(domain);
  const [malware, whois, passiveDns] = await Promise.all([
    section(api, `domain/malware/${value}`, true),
    section(api, `domain/whois/${value}`),
    section(api, `hostname/passive_dns/${value}`),
  ]);
  return [
    ...findAll(malware, 'hash').map((hash) => entry(['sha256'], hash)),
    ...findAll(whois, 'domain').map((name) => entry(['hostname'], name)),
    ...findAll(whois, 'value').flatMap((text) => {
      const email = EMAIL.exec(text)?.[0];
      return email ? [entry(['email'], email)] : [];
    }),
    ...findAll(whois, 'hostname').filter((name) => name.includes('.') && !isNoise(name)).map((name) => entry(['hostname'], name)),
    ...findAll(passiveDns, 'address').filter(isIpv4).map((ip) => entry(['ip-dst'], ip)),
  ];
}

async function hashEntries(api: VendorApi, hash: string): Promise<Entry[]> {
  const analysis = await section(api, `file/analysis/${encodeURIComponent(hash)}`);
  return [
    ...findAll(analysis, 'dst').filter((ip) => isIpv4(ip) && !isNoise(ip)).map((ip) => entry(['ip-dst', 'ip-src'], ip)),
    ...findAll(analysis, 'hostname').filter((name) => name.includes('.') && !isNoise(name)).map((name) => entry(['hostname'], name)),
  ];
}

export default defineModule({
  name: 'otx',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1',
    author: 'chrisdoman',
    description: 'Module to get information from AlienVault OTX.',
    name: 'AlienVault OTX Lookup',
    logo: 'otx.png',
    requirements: ['An access to the OTX API (apikey)'],
    features:
      'This module takes a MISP attribute as input to query the OTX Alienvault API. The API returns then the result ' +
      'of the query with some types we map into compatible types we add as MISP attributes.',
    references: ['https://www.alienvault.com/open-threat-exchange'],
    input: 'A MISP attribute included in the following list:\n- hostname\n- domain\n- ip-src\n- ip-dst\n- md5\n- sha1\n- sha256\n- sha512',
    output:
      'MISP attributes mapped from the result of the query on OTX, included in the following list:\n- domain\n- ip-src\n- ip-dst\n' +
      '- text\n- md5\n- sha1\n- sha256\n- sha512\n- email',
  },
  config: { apikey: { description: 'Your OTX API key (https://otx.alienvault.com/api), sent in the X-OTX-API-KEY header.', secret: true } },
  attributes: { input: [...INPUT_TYPES], output: ['domain', 'ip-src', 'ip-dst', 'text', 'md5', 'sha1', 'sha256', 'sha512', 'email'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'AlienVault OTX',
      baseUrl: 'https://otx.alienvault.com',
      auth: { in: 'header', header: 'X-OTX-API-KEY', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    api.requireKey();
    // Upstream's order: ip-src, ip-dst, domain, hostname, then the hashes.
    const order = ['ip-src', 'ip-dst', 'domain', 'hostname', 'md5', 'sha1', 'sha256', 'sha512'];
    const inputs = order.flatMap((type) => {
      const value = query[type];
      return typeof value === 'string' && value.trim() !== '' ? [{ type, value: value.trim() }] : [];
    });
    if (inputs.length === 0) throw MESSAGES.error('noInput', { types: INPUT_TYPES.join(', ') });

    const found = await Promise.all(
      inputs.map(({ type, value }) =>
        IP_TYPES.includes(type) ? ipEntries(api, value) : DOMAIN_TYPES.includes(type) ? domainEntries(api, value) : hashEntries(api, value),
      ),
    );
    const seen = new Set<string>();
    const entries: LegacyEntryInput[] = [];
    for (const { types, value } of found.flat()) {
      const id = `${types.join(',')}\n${value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      entries.push({ types, values: [value] });
    }
    return legacyResults(entries);
  },
});
