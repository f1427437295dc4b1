/**
 * onyphe_full: one ONYPHE Query Language search per category for an IP, a
 * domain or a hostname, as upstream runs them through pyonyphe's
 * `search_iter`: `GET https://www.onyphe.io/api/v2/search/?q=category:{c} {ip|domain|hostname}:{value}&page=N&size=100`,
 * `Authorization: bearer KEY`, pages walked until `limit` documents (default
 * 100), an empty page or ONYPHE's `max_page`.
 * Categories: datascan, vulnscan (IPs only), resolver, ctl, pastries, threatlist.
 * - datascan: an `ip-port` object per ip/port/transport (protocol, AS,
 *   country, last seen, a text of protocol/product/version/organisation), its
 *   CVEs as `vulnerability` objects that `affects` it, its certificate as `x509`;
 * - vulnscan: `vulnerability` objects; ctl: `x509` objects;
 * - resolver: ip-dst, domain and hostname attributes, a `domain-ip` object per ip/domain pair;
 * - pastries: the pastebin URL and the routable IPs and plausible names
 *   mined from the paste, never for detection (to_ids false);
 * - threatlist: a comment "seen {date} on {list}".
 * Objects are `related-to` the input; each attribute and object once.
 *
 * Kept from upstream: the name, `apikey` and `limit` (not a positive whole
 * number: 100), "Onyphe authentication is missing", the categories and their
 * order, the parsers above, and its rule that a category the key is not
 * entitled to is skipped and listed in one comment attribute
 * ("Onyphe categories not returned: …") so a partial event does not read as clean.
 * Fixed: when every category fails (a wrong key, the spent quota, ONYPHE
 * down), that is an error ("Onyphe error: …" with ONYPHE's HTTP status and
 * `text`) instead of an event holding only the comment; a category's failure
 * in the comment says what ONYPHE answered.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder, type AttributeInput } from '../../misp/standard-result.js';
import type { ResultObject } from '../../misp/types.js';
import type { JsonRecord } from '../_shared/json-fields.js';
import { onypheApi, searchAll } from './_onyphe/api.js';
import { asList, certificateKey, certificateRelations, isRoutable, looksLikeHost } from './_onyphe/documents.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'hostname', 'domain'] as const;
const IP_CATEGORIES = ['datascan', 'vulnscan', 'resolver', 'ctl', 'pastries', 'threatlist'] as const;
const ASSET_CATEGORIES = ['datascan', 'resolver', 'ctl', 'pastries', 'threatlist'] as const;
type Category = (typeof IP_CATEGORIES)[number];

/** Results per category unless `limit` says otherwise, and per page. */
const DEFAULT_LIMIT = 100;
const PAGE_SIZE = 100;

const MESSAGES = defineMessages({
  noKey: 'Onyphe authentication is missing',
  onypheError: 'Onyphe error: {error}',
  skipped: 'Onyphe categories not returned: {categories}',
});

function limitSetting(value: string | undefined): number {
  const number = /^\s*\d+\s*$/.test(value ?? '') ? Number(value) : NaN;
  return number >= 1 ? number : DEFAULT_LIMIT;
}

/** The answer being built; each attribute and object once (ONYPHE repeats observations). */
class FullResult {
  readonly result = new MispResultBuilder();
  private readonly seen = new Set<string>();

  constructor(readonly input: InputAttribute) {
    this.result.echoInputAttribute(input);
  }

  already(type: string, value: string): boolean {
    return this.seen.has(`attribute|${type}|${value}`);
  }

  attribute(input: AttributeInput): void {
    const key = `attribute|${input.type}|${String(input.value)}`;
    if (input.value === '' || this.seen.has(key)) return;
    this.seen.add(key);
    this.result.addAttribute(input);
  }

  /** Adds the object unless one with the same signature is there; undefined when it was. */
  object(signature: string, add: () => ResultObject): ResultObject | undefined {
    const key = `object|${signature}`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    const object = add();
    this.result.addReference(object.uuid, this.input.uuid, 'related-to');
    return object;
  }

  vulnerability(cve: string, affected?: ResultObject): void {
    const object = this.object(`vulnerability|${cve}`, () =>
      this.result.addObject('vulnerability', [
        ['id', cve],
        ['state', 'Published'],
      ]),
    );
    if (object && affected) this.result.addReference(object.uuid, affected.uuid, 'affects');
  }

  certificate(hit: JsonRecord): void {
    const key = certificateKey(hit);
    if (key === undefined) return;
    this.object(`x509|${key}`, () => this.result.addObject('x509', certificateRelations(hit)));
  }
}

const PARSERS: Record<Category, (out: FullResult, hit: JsonRecord) => void> = {
  datascan(out, hit) {
    const ips = asList(hit['ip']);
    const domains = asList(hit['domain']);
    const hostnames = asList(hit['hostname']);
    const port = typeof hit['port'] === 'number' || typeof hit['port'] === 'string' ? hit['port'] : undefined;
    if (!ips.length && !domains.length && !hostnames.length && !port) return;
    const description = (['protocol', 'product', 'productversion', 'organization'] as const)
      .flatMap((field) => (hit[field] !== undefined && hit[field] !== null && hit[field] !== '' ? [String(hit[field])] : []))
      .join(' ');
    const signature = `ip-port|${String(hit['ip'])}|${String(port)}|${String(hit['transport'])}`;
    const object = out.object(signature, () =>
      out.result.addObject('ip-port', [
        ['ip', ips],
        ['domain', domains],
        ['hostname', hostnames],
        ['dst-port', port || undefined],
        ['protocol', typeof hit['transport'] === 'string' ? hit['transport'] : undefined],
        ['AS', typeof hit['asn'] === 'string' ? hit['asn'] : undefined],
        ['country-code', typeof hit['country'] === 'string' ? hit['country'] : undefined],
        ['last-seen', typeof hit['seen_date'] === 'string' ? hit['seen_date'] : undefined],
        ['text', description || undefined],
      ]),
    );
    if (!object) return;
    for (const cve of asList(hit['cve'])) out.vulnerability(cve, object);
    if ('issuer' in hit) out.certificate(hit);
  },
  vulnscan(out, hit) {
    for (const cve of asList(hit['cve'])) out.vulnerability(cve);
  },
  resolver(out, hit) {
    const ips = asList(hit['ip']);
    const domains = asList(hit['domain']);
    for (const ip of ips) out.attribute({ type: 'ip-dst', value: ip, category: 'Network activity' });
    for (const domain of domains) out.attribute({ type: 'domain', value: domain, category: 'Network activity' });
    // `reverse` and `forward` hold fully qualified names, not registrable domains.
    for (const name of [...asList(hit['hostname']), ...asList(hit['reverse']), ...asList(hit['forward'])]) {
      if (!out.already('domain', name)) out.attribute({ type: 'hostname', value: name, category: 'Network activity' });
    }
    const recordType = typeof hit['type'] === 'string' && hit['type'] ? `${hit['type']} record seen by Onyphe` : undefined;
    for (const ip of ips) {
      for (const domain of domains) {
        out.object(`domain-ip|${ip}|${domain}`, () =>
          out.result.addObject('domain-ip', [
            ['ip', ip],
            ['domain', domain],
            ['text', recordType],
          ]),
        );
      }
    }
  },
  ctl(out, hit) {
    out.certificate(hit);
  },
  pastries(out, hit) {
    // Values mined from a paste are context, never for detection.
    if (hit['source'] === 'pastebin' && typeof hit['key'] === 'string' && hit['key']) {
      out.attribute({
        type: 'url',
        value: `https://pastebin.com/raw/${hit['key']}`,
        category: 'External analysis',
        to_ids: false,
        comment: `Paste where ${out.input.value} was found by Onyphe`,
      });
    }
    const comment = 'Found in a paste indexed by Onyphe';
    for (const domain of asList(hit['domain'])) {
      if (looksLikeHost(domain)) out.attribute({ type: 'domain', value: domain, category: 'Network activity', to_ids: false, comment });
    }
    for (const hostname of asList(hit['hostname'])) {
      if (looksLikeHost(hostname) && !out.already('domain', hostname)) out.attribute({ type: 'hostname', value: hostname, category: 'Network activity', to_ids: false, comment });
    }
    for (const ip of asList(hit['ip'])) {
      if (isRoutable(ip)) out.attribute({ type: 'ip-dst', value: ip, category: 'Network activity', to_ids: false, comment });
    }
  },
  threatlist(out, hit) {
    const list = typeof hit['threatlist'] === 'string' ? hit['threatlist'] : asList(hit['threatlist']).join(', ');
    if (!list) return;
    const date = typeof hit['seen_date'] === 'string' && hit['seen_date'] ? hit['seen_date'] : 'at an unknown date';
    out.attribute({ type: 'comment', value: `seen ${date} on ${list}`, category: 'Other', comment: `${out.input.value} is present in an Onyphe threatlist` });
  },
};

function field(type: string): 'ip' | 'domain' | 'hostname' {
  return type === 'domain' ? 'domain' : type === 'hostname' ? 'hostname' : 'ip';
}

async function searchCategory(api: VendorApi, category: Category, input: InputAttribute, limit: number): Promise<JsonRecord[]> {
  return searchAll(api, `category:${category} ${field(input.type)}:${input.value}`, limit, PAGE_SIZE);
}

export default defineModule({
  name: 'onyphe_full',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '2',
    author: 'Sebastien Larinier @sebdraven',
    description: 'Module to process a full query on Onyphe.',
    name: 'Onyphe Full Lookup',
    logo: 'onyphe.jpg',
    requirements: ['An access to the Onyphe API (apikey)'],
    features:
      'This module takes a domain, hostname, or IP address attribute as input and runs one ONYPHE Query Language' +
      ' search per category (datascan, vulnscan, resolver, ctl, pastries, threatlist). The parsing is here more' +
      ' advanced than the one of the onyphe module, and returns more attributes, since more categories and more' +
      ' fields of the query results are watched and parsed.\n\nCategories the API key is not entitled to are' +
      ' skipped rather than failing the whole query, and are listed in a comment attribute so the analyst knows' +
      ' the event is partial.',
    references: ['https://www.onyphe.io/', 'https://github.com/onyphe/pyonyphe'],
    input: 'A domain, hostname or IP address MISP attribute.',
    output: 'MISP attributes and objects fetched from the Onyphe queries.',
  },
  config: {
    apikey: { description: 'Your ONYPHE API key, sent as "Authorization: bearer KEY".', secret: true },
    limit: { description: `Documents read per category (default ${DEFAULT_LIMIT}, ${PAGE_SIZE} a page; ONYPHE serves at most 10000).` },
  },
  attributes: { input: [...INPUT_TYPES], output: ['hostname', 'domain', 'ip-src', 'ip-dst', 'url', 'port', 'comment'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, INPUT_TYPES);
    const api = onypheApi(ctx, () => MESSAGES.error('noKey'));
    api.requireKey();
    const input = { ...attribute, value: attribute.value.trim() };
    const limit = limitSetting(ctx.config['limit']);
    const categories = input.type === 'ip-src' || input.type === 'ip-dst' ? IP_CATEGORIES : ASSET_CATEGORIES;

    const out = new FullResult(input);
    const skipped: Array<{ category: Category; error: ModuleError }> = [];
    for (const category of categories) {
      let hits: JsonRecord[];
      try {
        hits = await searchCategory(api, category, input, limit);
      } catch (error) {
        // A licence may not cover every category: not a reason to fail the lookup.
        if (!(error instanceof ModuleError)) throw error;
        skipped.push({ category, error });
        continue;
      }
      for (const hit of hits) PARSERS[category](out, hit);
    }
    if (skipped.length === categories.length) throw MESSAGES.error('onypheError', { error: skipped[0]!.error.message });
    if (skipped.length) {
      out.attribute({
        type: 'comment',
        value: MESSAGES.format('skipped', { categories: skipped.map(({ category, error }) => `${category}: ${error.message}`).join('; ') }),
        category: 'Other',
        to_ids: false,
        comment: 'These Onyphe categories were not queried successfully, the event is partial',
      });
    }
    return out.result.toResults();
  },
});
