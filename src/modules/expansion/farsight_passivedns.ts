/**
 * farsight_passivedns: Farsight DNSDB (API v2, `X-API-Key` header, answers
 * streamed as SAF JSON lines) for an attribute, as passive-dns objects
 * (misp_standard). The requests dnsdb2 makes, under `{server}/dnsdb/v2/`:
 * - hostname / domain: `lookup/rrset/name/{name}` then
 *   `lookup/rdata/name/{name}`;
 * - ip-src / ip-dst: `lookup/rdata/ip/{ip}`;
 * - the Flex types (btc, dkim, email…, url, whois-registrant-email), and the
 *   above too when `flex_queries` is true: Flex `regex/rdata/{v}` and
 *   `regex/rrnames/{v}`, each with the value as given and with its dots
 *   escaped, merged without duplicates (an `@` is read as a dot first);
 * each with `limit` (the setting, default 10), `offset=0`, `humantime=true`
 * and, when the attribute has a first_seen, `time_first_after`.
 * See _dnsdb/objects.ts for the results.
 *
 * Kept from upstream: the name, the settings `apikey`, `server` (default
 * https://api.dnsdb.info, the admin's choice, reached as configured),
 * `limit` and `flex_queries`, the inputs, the requests, the objects, the
 * comment, the missing-key, unsupported-type and empty-result messages;
 * a stream cut by the limit keeps its results (ignore_limited).
 * Fixed: a Flex result (no rdata, or no rrname) became a passive-dns object
 * lacking a relation the template requires; it is an attribute here. A
 * result field upstream does not map no longer crashes (it is left out);
 * an unreadable first_seen is ignored instead of crashing; a limit that is
 * not a number, or a server that is not an http(s) URL, is refused clearly; DNSDB's `failed` message, a stream cut
 * short, and HTTP failures (401/403 refused key, 429 quota, 503 concurrency)
 * name DNSDB, the status and its message (upstream: the bare exception text,
 * sometimes empty). DNSDB's quota is per key and plan (its /rate_limit
 * endpoint tells it), not one documented rate: none declared.
 */
import { domainToASCII } from 'node:url';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { addDnsdbResults } from './_dnsdb/objects.js';
import { readSaf } from './_dnsdb/saf.js';

const STANDARD_INPUT = ['hostname', 'domain', 'ip-src', 'ip-dst'];
const FLEX_INPUT = [
  'btc',
  'dkim',
  'email',
  'email-src',
  'email-dst',
  'domain|ip',
  'hex',
  'mac-address',
  'mac-eui-64',
  'other',
  'pattern-filename',
  'target-email',
  'text',
  'uri',
  'url',
  'whois-registrant-email',
];
const DEFAULT_SERVER = 'https://api.dnsdb.info';
const DEFAULT_LIMIT = '10';

/** How upstream names each input type in its comments and messages. */
const TYPE_TO_FEATURE: Record<string, string> = {
  btc: 'Bitcoin address',
  dkim: 'domainkeys identified mail',
  domain: 'domain name',
  'domain|ip': 'domain name / IP address',
  hex: 'value in hexadecimal format',
  hostname: 'hostname',
  'mac-address': 'MAC address',
  'mac-eui-64': 'MAC EUI-64 address',
  'pattern-filename': 'pattern in the name of a file',
  'target-email': 'attack target email',
  uri: 'Uniform Resource Identifier',
  url: 'Uniform Resource Locator',
  'whois-registrant-email': "email of a domain's registrant",
  'ip-src': 'IP address',
  'ip-dst': 'IP address',
  email: 'email address',
  'email-src': 'email address',
  'email-dst': 'email address',
  other: 'text',
  text: 'text',
};

const MESSAGES = defineMessages({
  noKey: 'Farsight DNSDB apikey is missing',
  unsupported: 'Unsupported attributes type',
  empty: 'Empty results on Farsight DNSDB for the {feature}: {value}.',
  badLimit: 'The limit setting of farsight_passivedns must be a whole number, not "{limit}".',
  badServer: 'The server setting of farsight_passivedns must be an http(s) URL such as {default}, not "{server}".',
  failed: 'Farsight DNSDB could not complete the query: {message}.',
  truncated: 'Farsight DNSDB ended its answer before the end of the results (truncated stream); try again.',
});

type Records = Record<string, unknown>[];
type LookupParams = Record<string, string | number | boolean>;

/** One SAF query: its results, or the module's error for a failed or cut stream. */
async function saf(api: VendorApi, path: string, params: LookupParams): Promise<Records> {
  const lines = await api.get<unknown[]>(`/dnsdb/v2/${path}`, { query: { swclient: 'misp-modules', version: '0.5', ...params }, as: 'ndjson' });
  const outcome = readSaf(lines ?? []);
  if ('failed' in outcome) throw MESSAGES.error('failed', { message: outcome.failed.replace(/\.$/, '') });
  if ('truncated' in outcome) throw MESSAGES.error('truncated');
  return outcome.results;
}

const segment = (value: string) => encodeURIComponent(value);
const idna = (name: string) => domainToASCII(name) || name;

/** Both Flex regex searches, as given and with dots escaped, merged without duplicates. */
async function flexQueries(api: VendorApi, params: LookupParams, value: string): Promise<Array<[string, Records]>> {
  const name = value.replaceAll('@', '.');
  const found: Array<[string, Records]> = [];
  for (const key of ['rdata', 'rrnames']) {
    const results: Records = [];
    const seen = new Set<string>();
    for (const pattern of [name, name.replaceAll('.', '\\.')]) {
      for (const record of await saf(api, `regex/${key}/${segment(pattern)}`, params)) {
        const id = JSON.stringify(record);
        if (!seen.has(id)) {
          seen.add(id);
          results.push(record);
        }
      }
    }
    if (results.length) found.push([`flex_${key}`, results]);
  }
  return found;
}

/** Upstream's `time_first_after`: the attribute's first_seen in epoch seconds. */
function firstSeenAfter(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : String(Math.floor(time / 1000));
}

export default defineModule({
  name: 'farsight_passivedns',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.5',
    author: 'Christophe Vandeplas',
    description: 'Module to access Farsight DNSDB Passive DNS.',
    name: 'Farsight DNSDB Lookup',
    logo: 'farsight.png',
    requirements: ['An access to the Farsight Passive DNS API (apikey)'],
    features:
      'This module takes a domain, hostname or IP address MISP attribute as input to query the Farsight Passive DNS' +
      ' API.\n  The results of rdata and rrset lookups are then returned and parsed into passive-dns objects.\n\nAn' +
      ' API key is required to submit queries to the API.\n  It is also possible to define a custom server URL, and' +
      ' to set a limit of results to get.\n  This limit is set for each lookup, which means we can have an up to the' +
      ' limit number of passive-dns objects resulting from an rdata query about an IP address, but an up to the limit' +
      ' number of passive-dns objects for each lookup queries about a domain or a hostname (== twice the limit).',
    references: ['https://www.farsightsecurity.com/', 'https://docs.dnsdb.info/dnsdb-api/'],
    input: 'A domain, hostname or IP address MISP attribute.',
    output: 'Passive-dns objects, resulting from the query on the Farsight Passive DNS API.',
  },
  config: {
    apikey: { description: 'Your DNSDB API key, sent in the X-API-Key header.', secret: true },
    server: { description: `The DNSDB API server (default ${DEFAULT_SERVER}).` },
    limit: { description: `At most this many results per lookup (default ${DEFAULT_LIMIT}; 0 asks DNSDB for its maximum).` },
    flex_queries: { description: 'true to add Flex regex searches to the lookups of hostnames, domains and IP addresses.' },
  },
  attributes: { input: [...STANDARD_INPUT, ...FLEX_INPUT], format: 'misp_standard' },
  // The key is checked before the attribute, as upstream.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const server = (ctx.config['server'] || DEFAULT_SERVER).trim().replace(/\/+$/, '');
    const api = ctx.vendor({
      name: 'Farsight DNSDB',
      baseUrl: server,
      auth: { in: 'header', header: 'X-API-Key', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { Accept: 'application/x-ndjson' },
    });
    api.requireKey();
    if (!/^https?:\/\/[^/\s]+/i.test(server)) throw MESSAGES.error('badServer', { default: DEFAULT_SERVER, server });
    const attribute = requireAttribute(query);
    if (!STANDARD_INPUT.includes(attribute.type) && !FLEX_INPUT.includes(attribute.type)) throw MESSAGES.error('unsupported');
    const limit = (ctx.config['limit'] || DEFAULT_LIMIT).trim();
    if (!/^\d+$/.test(limit)) throw MESSAGES.error('badLimit', { limit });
    const params: LookupParams = { limit: Number(limit), offset: 0, humantime: true };
    const after = firstSeenAfter(attribute['first_seen']);
    if (after !== undefined) params['time_first_after'] = after;

    const value = attribute.value.trim();
    const found: Array<[string, Records]> = [];
    const add = (kind: string, records: Records) => {
      if (records.length) found.push([kind, records]);
    };
    if (FLEX_INPUT.includes(attribute.type)) {
      found.push(...(await flexQueries(api, params, value)));
    } else {
      if (attribute.type.startsWith('ip-')) {
        add('rdata', await saf(api, `lookup/rdata/ip/${value.replaceAll('/', ',')}`, params));
      } else {
        add('rrset', await saf(api, `lookup/rrset/name/${segment(idna(value))}`, params));
        add('rdata', await saf(api, `lookup/rdata/name/${segment(idna(value))}`, params));
      }
      if (['true', '1'].includes((ctx.config['flex_queries'] ?? '').trim().toLowerCase())) found.push(...(await flexQueries(api, params, value)));
    }
    const feature = TYPE_TO_FEATURE[attribute.type] ?? attribute.type;
    if (found.length === 0) throw MESSAGES.error('empty', { feature, value: attribute.value });

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    for (const [kind, records] of found) {
      addDnsdbResults(result, attribute, `Result from a ${kind} lookup on DNSDB about the ${feature}: ${attribute.value}`, records);
    }
    return result.toResults();
  },
});
