/**
 * whisper: infrastructure and threat context of an IP, domain or AS from the
 * Whisper graph (`POST {api_url}/api/query`, `X-API-Key`, a Cypher query in
 * `{"query", "params"}`; answers `{"success", "columns", "rows"}`), as the
 * whisper-misp package does: the seed's one-hop neighbours (all relations but
 * LINKS_TO), its threat context (score, level, flags, feed listings) for IPs
 * and domains, and the announcing AS and prefixes for IPs. MISP's hover
 * (a query without `event_id`) gets the threat verdict only.
 *
 * Kept from upstream: the name, the config names (`api_url`, default
 * https://graph.whisper.security, the admin's self-hosted graph reached as
 * configured, TLS verified; `api_key`; `max_tlp`, default tlp:amber+strict,
 * checked before the value leaves; `timeout` in seconds, invalid values
 * ignored), no retries within a query, the messages (not configured, TLP
 * refusal, key rejected, unavailable, query failed, unsupported type) and an
 * honest note when the graph has nothing.
 * Differs: whisper-misp's converter is not published; the results here are
 * plain MISP: neighbours as attributes typed by node label (IPV4/IPV6 and
 * prefixes ip-dst, HOSTNAME domain, ASN AS, others text) commented with the
 * relation, the threat context as a text attribute tagged with Whisper's
 * flags, the announcing AS as an `asn` object related to the input.
 */
import { isIP } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { AttributeType } from '../../misp/attribute-types.js';
import { networkQuery, oneHopQuery, THREAT_FLAGS, threatQuery, type SeedLabel } from './_whisper/cypher.js';
import { DEFAULT_MAX_TLP, tagsAboveCeiling, tlpRank } from './_whisper/tlp.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'domain', 'hostname', 'AS'] as const;
const DEFAULT_API_URL = 'https://graph.whisper.security';
const DETAIL_MAX = 200;

const MESSAGES = defineMessages({
  noKey: 'Whisper module is not configured: set the api_key module setting (Administration -> Server Settings -> Plugin -> Enrichment).',
  tlp: 'Refusing to enrich: the attribute is marked {tags}, above the max_tlp setting ({ceiling}).',
  badTlp: 'Refusing to enrich: max_tlp {ceiling} is not a TLP level (tlp:clear, tlp:green, tlp:amber, tlp:amber+strict, tlp:red).',
  rejected: 'Whisper API rejected the API key - check the api_key module setting.',
  unavailable: 'Whisper API unavailable - retry later: {detail}',
  failed: 'Whisper query failed: {detail}',
  unsupported: 'Attribute type {type} is not supported by the Whisper module.',
  nothing: 'Whisper graph has no data for {value}.',
});

type Row = Record<string, unknown>;
type Node = { label?: unknown; name?: unknown };

const obj = (value: unknown): Row => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : {});
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
const trimDetail = (detail: string): string => (detail.length > DETAIL_MAX ? `${detail.slice(0, DETAIL_MAX)}…` : detail);

/** The seed node's label and name for an attribute. */
export function seedOf(type: string, value: string): { label: SeedLabel; name: string } | undefined {
  const v = value.trim();
  if (type === 'ip-src' || type === 'ip-dst') {
    const version = isIP(v);
    return version === 4 ? { label: 'IPV4', name: v } : version === 6 ? { label: 'IPV6', name: v.toLowerCase() } : undefined;
  }
  if (type === 'domain' || type === 'hostname') return v ? { label: 'HOSTNAME', name: v.toLowerCase().replace(/\.$/, '') } : undefined;
  const asn = /^(?:AS)?\s*(\d{1,10})$/i.exec(v);
  return asn ? { label: 'ASN', name: `AS${asn[1]}` } : undefined;
}

/** The MISP type for a neighbour node, by its Whisper label. */
function typeOfNode(label: string, name: string): AttributeType {
  if (label === 'IPV4' || label === 'IPV6' || label === 'PREFIX' || label === 'ANNOUNCED_PREFIX') return isIP(name.split('/')[0] ?? '') ? 'ip-dst' : 'text';
  if (label === 'HOSTNAME') return 'domain';
  if (label === 'ASN') return /^AS\d+$/i.test(name) ? 'AS' : 'text';
  if (label === 'EMAIL') return 'email';
  return 'text';
}

async function cypher(api: VendorApi, query: string, timeoutMs: number | undefined): Promise<Row[]> {
  const response = await api.request('/api/query', { method: 'POST', json: { query, params: {} }, retries: 0, ...(timeoutMs && { timeoutMs }) });
  if (response.status === 401 || response.status === 403) throw MESSAGES.error('rejected');
  if (response.status === 429 || response.status >= 500) throw MESSAGES.error('unavailable', { detail: api.statusError(response).message });
  if (response.status >= 400) throw MESSAGES.error('failed', { detail: trimDetail(api.statusError(response).message) });
  let body: Row;
  try {
    body = obj(JSON.parse(response.text()));
  } catch {
    throw MESSAGES.error('failed', { detail: `Whisper API returned a body that is not JSON (HTTP ${response.status})` });
  }
  if (body['success'] === false) throw MESSAGES.error('failed', { detail: trimDetail(`success=false: ${str(obj(body['error'])['message']) ?? str(body['error']) ?? 'no detail'}`) });
  if (!Array.isArray(body['rows'])) throw MESSAGES.error('failed', { detail: 'Whisper API returned no rows list' });
  return body['rows'].map(obj);
}

/** Threat context rows → one summary line set and the flags raised, or undefined when there is none. */
function threatSummary(rows: Row[], value: string): { text: string; tags: string[] } | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const flags = THREAT_FLAGS.filter((flag) => first[flag] === true);
  const feeds = rows.filter((row) => str(row['feedName']));
  const score = str(first['threatScore']);
  const level = str(first['threatLevel']);
  if (!score && !level && flags.length === 0 && feeds.length === 0) return undefined;
  const lines = [`Whisper threat context for ${value}`];
  if (score) lines.push(`Threat score: ${score}`);
  if (level) lines.push(`Threat level: ${level}`);
  if (flags.length) lines.push(`Flags: ${flags.join(', ')}`);
  if (str(first['threatFirstSeen'])) lines.push(`First seen: ${str(first['threatFirstSeen'])}`);
  if (str(first['threatLastSeen'])) lines.push(`Last seen: ${str(first['threatLastSeen'])}`);
  if (feeds.length) {
    lines.push(`Listed in ${feeds.length} feed(s):`);
    for (const feed of feeds) {
      const seen = [str(feed['feedFirstSeen']), str(feed['feedLastSeen'])].filter(Boolean).join(' → ');
      lines.push(`  ${str(feed['feedName'])}${seen ? ` (${seen})` : ''}`);
    }
  }
  return { text: lines.join('\n'), tags: flags.map((flag) => `whisper:${flag.replace(/^is/, '').toLowerCase()}`) };
}

function timeoutSetting(ctx: ModuleContext): number | undefined {
  const raw = ctx.config['timeout']?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : undefined;
}

async function enrich(ctx: ModuleContext, attribute: InputAttribute, hover: boolean): Promise<MispResultBuilder> {
  const seed = seedOf(attribute.type, attribute.value);
  if (!seed) throw MESSAGES.error('unsupported', { type: `'${attribute.type}' with value '${attribute.value}'` });
  const api = ctx.vendor({
    name: 'Whisper',
    baseUrl: (ctx.config['api_url']?.trim() || DEFAULT_API_URL).replace(/\/+$/, ''),
    auth: { in: 'header', header: 'X-API-Key', setting: 'api_key' },
    missingKey: () => MESSAGES.error('noKey'),
    headers: { Accept: 'application/json' },
  });
  const timeoutMs = timeoutSetting(ctx);
  const result = new MispResultBuilder();

  if (seed.label !== 'ASN') {
    const threat = threatSummary(await cypher(api, threatQuery(seed.label, seed.name), timeoutMs), seed.name);
    if (threat) result.addAttribute({ type: 'text', value: threat.text, category: 'External analysis', comment: 'Whisper threat context', tags: threat.tags });
    if (hover) return result;
  }

  const seen = new Set<string>();
  for (const row of await cypher(api, oneHopQuery(seed.label, seed.name), timeoutMs)) {
    const node = obj(row['m']) as Node;
    const label = str(node.label);
    const name = str(node.name);
    const relation = str(obj(row['r'])['type']) ?? 'RELATED';
    if (!label || !name || name === seed.name) continue;
    const type = typeOfNode(label, name);
    const key = `${type}|${name}|${relation}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.addAttribute({ type, value: name, comment: `Whisper: ${relation} (${label})`, ...(type === 'text' && { category: 'External analysis' }) });
  }

  if (seed.label === 'IPV4' || seed.label === 'IPV6') {
    for (const row of await cypher(api, networkQuery(seed.label, seed.name), timeoutMs)) {
      const asn = str(obj(row['asn'])['name']);
      if (!asn || !/^AS\d+$/i.test(asn)) continue;
      const prefix = str(row['announcedPrefix']);
      const network = result.addObject(
        'asn',
        [
          ['asn', asn],
          ['description', str(row['asnDescription'])],
          ['subnet-announced', prefix && isIP(prefix.split('/')[0] ?? '') ? [prefix] : []],
        ],
        { comment: [row['isAnycast'] === true && 'anycast', row['isMoas'] === true && 'MOAS', row['isWithdrawn'] === true && 'withdrawn'].filter(Boolean).join(', ') || undefined },
      );
      result.addReference(network.uuid, attribute.uuid, 'announced-by');
    }
  }
  return result;
}

export default defineModule({
  name: 'whisper',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.0.1',
    author: 'Whisper',
    description: 'Enrich IPs, domains, and ASNs with threat intelligence and infrastructure context from the Whisper graph.',
    name: 'Whisper',
    logo: 'whisper.png',
    requirements: ['An access to the Whisper graph API (api_url + api_key)'],
    features:
      'The module queries the Whisper graph for the input attribute and returns related infrastructure (DNS, ASN/BGP, WHOIS) and threat ' +
      'intelligence context as MISP attributes and objects.',
    references: ['https://whisper.security'],
    input: 'An IP address, domain, hostname or AS MISP attribute.',
    output: 'MISP attributes and objects with the related infrastructure and threat intelligence context from the Whisper graph.',
  },
  config: {
    api_url: { description: 'Whisper graph API URL (default https://graph.whisper.security)' },
    api_key: { description: 'Whisper API key', secret: true },
    max_tlp: { description: 'Highest TLP of an attribute sent to Whisper (default tlp:amber+strict)' },
    timeout: { description: 'Seconds each graph query may take (keep it under MISP\'s Plugin.Enrichment_timeout)' },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query);
    if (!(INPUT_TYPES as readonly string[]).includes(attribute.type)) throw MESSAGES.error('unsupported', { type: `'${attribute.type}'` });
    const ceiling = ctx.config['max_tlp']?.trim() || DEFAULT_MAX_TLP;
    if (tlpRank(ceiling) === undefined) throw MESSAGES.error('badTlp', { ceiling });
    const above = tagsAboveCeiling(attribute['Tag'], ceiling);
    if (above.length) throw MESSAGES.error('tlp', { tags: above.join(', '), ceiling });
    if (!ctx.config['api_key']) throw MESSAGES.error('noKey');

    const result = await enrich(ctx, attribute, !('event_id' in query));
    if (result.isEmpty) result.addAttribute({ type: 'text', value: MESSAGES.format('nothing', { value: attribute.value.trim() }), category: 'Other', comment: 'Whisper' });
    return result.toResults();
  },
});
