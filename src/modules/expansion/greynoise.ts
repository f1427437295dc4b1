/**
 * greynoise: is an IP internet background noise or a known business service,
 * and how many scanners look for a CVE. The requests the greynoise SDK sends
 * (api.greynoise.io, header `key`, User-Agent naming the integration
 * `greynoise-misp-module-2.0`):
 * - ip-src / ip-dst (IPv4): `GET /v3/ip/{ip}` (`GreyNoise.ip()`);
 * - vulnerability: `GET /v2/experimental/gnql/stats?query=last_seen:1w cve:{id}` (`GreyNoise.stats()`).
 *
 * Kept from upstream: the name, `api_key`, the missing-key message "GreyNoise
 * API Key required, but missing" (checked first), "Not a valid IPv4 address",
 * the fields read and which are left out (an `unknown` actor, an `N/A` VPN
 * service, empty values), the viz.greynoise.io link, the `describes` reference,
 * and the hover/expansion difference (MISP's `persistent` flag: hover shows more).
 * Fixed: upstream names objects `greynoise-ip-details` and `greynoise-vuln-info`
 * that misp-objects does not have (MISP keeps them without a template): hover
 * answers the `greynoise-ip` object with the fields its template has (asn,
 * rdns, source_country, tor, vpn) and the others (tags, CVEs, VPN service,
 * spoofable, category, city, country code, organization, destination
 * countries, last update) as event-level text attributes whose comment names
 * the field; a CVE answers a `vulnerability` object (id, upstream's details
 * text as description, the counts by classification as summary). The
 * `greynoise-ip` object carries the address (its template requires `ip-src`).
 * Upstream's trust-level wording ("1 - Reasonably Ignore", "2 - Commonly Seen")
 * was applied to a misspelt key and never happened: it is applied. An address
 * GreyNoise has not seen (404, or `found: false` on both sides) crashed
 * upstream on a missing `trust_level`: it answers the object with the address
 * and its link, nothing invented. Only one `last-seen` is written (the
 * scanner's last sighting, else the business service's last update).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder, type RelationEntry } from '../../misp/standard-result.js';
import type { RelationOf } from '../../misp/templates/index.js';
import { isRecord, numeric, records, text, texts, type JsonRecord } from '../_shared/json-fields.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'vulnerability'] as const;
const VERSION = '2.0';

const MESSAGES = defineMessages({
  noKey: 'GreyNoise API Key required, but missing',
  notIpv4: 'Not a valid IPv4 address',
  vendorError: 'An error occurred while querying GreyNoise: {error}',
});

const TRUST_LEVELS: Record<string, string> = { '1': '1 - Reasonably Ignore', '2': '2 - Commonly Seen' };

function isIpv4(value: string): boolean {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  return parts !== null && parts.slice(1).every((part) => Number(part) <= 255 && !/^0\d/.test(part));
}

/** A truthy field as text, the way upstream keeps only truthy values. */
function truthy(value: unknown): string | number | undefined {
  if (value === true) return 'True';
  if (typeof value === 'number') return value !== 0 && Number.isFinite(value) ? value : undefined;
  return text(value);
}

/** The two halves of a v3 IP answer; an unseen address has `found: false` on both. */
function halves(answer: unknown): { scanner: JsonRecord; business: JsonRecord } {
  const body = isRecord(answer) ? answer : {};
  return {
    scanner: isRecord(body['internet_scanner_intelligence']) ? body['internet_scanner_intelligence'] : { found: false },
    business: isRecord(body['business_service_intelligence']) ? body['business_service_intelligence'] : { found: false },
  };
}

function addIpObject(result: MispResultBuilder, input: InputAttribute, answer: unknown, hover: boolean): void {
  const { scanner, business } = halves(answer);
  const metadata = isRecord(scanner['metadata']) ? scanner['metadata'] : {};
  const actor = text(scanner['actor']);
  const trustLevel = text(business['trust_level']) ?? (typeof business['trust_level'] === 'number' ? String(business['trust_level']) : undefined);
  const relations: Array<RelationEntry<RelationOf<'greynoise-ip'>>> = [
    ['ip-src', input.value],
    ['noise', truthy(scanner['found'])],
    ['riot', truthy(business['found'])],
    ['classification', text(scanner['classification'])],
    ['actor', actor === 'unknown' ? undefined : actor],
    ['trust-level', trustLevel ? (TRUST_LEVELS[trustLevel] ?? trustLevel) : undefined],
    ['provider', text(business['name'])],
    ['first-seen', text(scanner['first_seen'])],
    ['last-seen', text(scanner['last_seen_timestamp']) ?? text(business['last_updated'])],
    ['link', `https://viz.greynoise.io/ip/${input.value}`],
  ];
  if (hover) {
    relations.push(
      ['tor', scanner['tor'] === true ? '1' : undefined],
      ['vpn', scanner['vpn'] === true ? '1' : undefined],
      ['asn', text(metadata['asn'])],
      ['source_country', text(metadata['source_country'])],
      ['rdns', text(metadata['rdns'])],
    );
  }
  const object = result.addObject('greynoise-ip', relations);
  result.addReference(object.uuid, input.uuid, 'describes');
  if (!hover) return;

  // What upstream's hover object had beyond the greynoise-ip template, as commented text attributes.
  const vpnService = text(scanner['vpn_service']);
  const extras: Array<[string, string | undefined]> = [
    ['tags', records(scanner['tags']).flatMap((tag) => (text(tag['name']) ? [String(tag['name'])] : [])).join(', ') || undefined],
    ['cve', texts(scanner['cves']).join(', ') || undefined],
    ['vpn_service', vpnService === 'N/A' ? undefined : vpnService],
    ['spoofable', scanner['spoofable'] === true ? 'True' : undefined],
    ['category', text(business['category'])],
    ['last_updated', text(business['last_updated'])],
    ['city', text(metadata['source_city'])],
    ['country-code', text(metadata['source_country_code'])],
    ['organization', text(metadata['organization'])],
    ['destination-country-codes', texts(metadata['destination_country_codes']).join(', ') || undefined],
    ['destination-countries', texts(metadata['destination_countries']).join(', ') || undefined],
    ['metadata category', text(metadata['category'])],
  ];
  for (const [field, value] of extras) {
    if (value !== undefined) result.addAttribute({ type: 'text', value, comment: `GreyNoise ${field}` });
  }
}

async function lookupIp(api: VendorApi, input: InputAttribute, hover: boolean): Promise<ReturnType<MispResultBuilder['toResults']>> {
  // The SDK reads a 404 as "not seen" (found: false on both sides).
  const answer = await api.find<unknown>(`/v3/ip/${encodeURIComponent(input.value)}`);
  if (isRecord(answer) && text(answer['error'])) throw MESSAGES.error('vendorError', { error: String(answer['error']) });
  const result = new MispResultBuilder();
  result.echoInputAttribute(input);
  addIpObject(result, input, answer, hover);
  return result.toResults();
}

async function cveStats(api: VendorApi, input: InputAttribute): Promise<ReturnType<MispResultBuilder['toResults']>> {
  const answer = await api.get<unknown>('/v2/experimental/gnql/stats', { query: { query: `last_seen:1w cve:${input.value}` } });
  const result = new MispResultBuilder();
  result.echoInputAttribute(input);
  if (isRecord(answer) && isRecord(answer['stats'])) {
    const counts = new Map<string, number>();
    for (const item of records(answer['stats']['classifications'])) {
      const classification = text(item['classification']);
      const count = numeric(item['count']);
      if (classification && count !== undefined) counts.set(classification, count);
    }
    const total = numeric(answer['count']);
    const summary = [
      ['total-count', total],
      ...['benign', 'malicious', 'suspicious', 'unknown'].map((name) => [`${name}-count`, counts.get(name)] as const),
    ]
      .filter(([, count]) => count) // upstream keeps non-zero counts only
      .map(([name, count]) => `${name}: ${count}`)
      .join(', ');
    const object = result.addObject('vulnerability', [
      ['id', input.value],
      ['description', 'The IP count below reflects the number of IPs seen by GreyNoise in the last 7 days scanning for this CVE.'],
      ['summary', summary || undefined],
    ]);
    result.addReference(object.uuid, input.uuid, 'describes');
  }
  return result.toResults();
}

export default defineModule({
  name: 'greynoise',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: VERSION,
    author: 'Brad Chiappetta <brad@greynoise.io>',
    description: 'Module to query IP and CVE information from GreyNoise',
    name: 'GreyNoise Lookup',
    logo: 'greynoise.png',
    requirements: [
      'A Greynoise API key. Both Enterprise (Paid) and Community (Free) API keys are supported, however Community API' +
        ' users will only be able to perform IP lookups.',
    ],
    features:
      'This module supports: 1) Query an IP from GreyNoise to see if it is internet background noise or a common' +
      ' business service 2) Query a CVE from GreyNoise to see the total number of internet scanners looking for the' +
      ' CVE in the last 7 days.',
    references: ['https://greynoise.io/', 'https://docs.greyniose.io/', 'https://www.greynoise.io/viz/account/'],
    input: 'An IP address or CVE ID',
    output: 'IP Lookup information or CVE scanning profile for past 7 days',
  },
  config: { api_key: { description: 'Your GreyNoise API key, sent in the key header.', secret: true } },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'GreyNoise',
      baseUrl: 'https://api.greynoise.io',
      auth: { in: 'header', header: 'key', setting: 'api_key' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { 'User-Agent': `misp-modules (greynoise-misp-module-${VERSION})`, Accept: 'application/json' },
    });
    api.requireKey();
    const input = requireAttribute(query, INPUT_TYPES);
    if (input.type === 'vulnerability') return cveStats(api, { ...input, value: input.value.trim() });
    const ip = input.value.trim();
    if (!isIpv4(ip)) throw MESSAGES.error('notIpv4');
    return lookupIp(api, { ...input, value: ip }, 'persistent' in query);
  },
});
