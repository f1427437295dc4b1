/**
 * xforceexchange: IBM X-Force Exchange lookups, as misp_standard objects.
 * Asks https://api.xforce.ibmcloud.com with HTTP Basic (apikey:apipassword):
 * - domain / hostname: `GET /resolve/{v}` → a `domain-ip` object (the domain,
 *   and the passive-DNS record values as ip);
 * - ip-src / ip-dst: `/resolve/{ip}` (→ `domain-ip`: the ip, the record values
 *   as domain) and `GET /ipr/malware/{ip}`;
 * - url: `/resolve/{url}` and `GET /url/malware/{url}`;
 * - md5 / sha1 / sha256: `GET /malware/{hash}` (its CnC server rows);
 * - vulnerability: `GET /vulnerabilities/search/{id}` → `vulnerability`
 *   objects (stdcode → id, title → summary, description, temporal_score →
 *   cvss-score, reference link_targets → references).
 * Each malware row gives a `file` object (filepath → filename, md5) linked
 * to the input (`related-to` for a hash, `associated-with` otherwise) and
 * `dropped-by` a `url` object (uri → url, domain), deduplicated as upstream.
 *
 * Kept from upstream: the name, `apikey` / `apipassword`, the input and
 * output types, the requests and mapping above, the messages "An API
 * authentication is required (key and password).", "No result found for
 * your query." (X-Force's 404 and nothing else found) and "No additional
 * data found on Xforce Exchange.".
 * Fixed: upstream crashes when `/resolve` fails (it reads the missing
 * answer); a 404 there is now "nothing known". The second `dropped-by`
 * reference of a file seen twice was lost (upstream adds it to a copy): it
 * is kept. A malware row without a uri no longer gives a `url` object
 * without its required url. Values from the attribute are path-encoded
 * (upstream puts a url as is in the path). Other failures name X-Force
 * Exchange, the HTTP status and what it said, instead of "An error with the
 * API has occurred.".
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'vulnerability', 'md5', 'sha1', 'sha256', 'domain', 'hostname', 'url'] as const;

const MESSAGES = defineMessages({
  noKey: 'An API authentication is required (key and password).',
  notFound: 'No result found for your query.',
  nothing: 'No additional data found on Xforce Exchange.',
});

/** One row of X-Force's malware lists (`malware[]`, `origins.CnCServers.rows[]`). */
interface MalwareRow {
  filepath?: string;
  md5?: string;
  uri?: string;
  domain?: string;
}

interface ResolveAnswer {
  Passive?: { query?: string; records?: Array<{ value?: string }> };
}

interface VulnerabilityRecord {
  title?: string;
  description?: string;
  temporal_score?: number | string;
  stdcode?: string[];
  references?: Array<{ link_target?: string }>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value.filter((item) => typeof item === 'object' && item !== null) as T[]) : []);

/** Builds the answer; remembers whether X-Force answered 404 (upstream's "No result found"). */
class XforceLookup {
  readonly result = new MispResultBuilder();
  sawNotFound = false;
  private readonly urls = new Map<string, string>();
  private readonly files = new Map<string, { uuid: string; urlUuids: Set<string> }>();

  constructor(
    private readonly api: VendorApi,
    private readonly attribute: InputAttribute,
  ) {}

  private async find<T>(path: string): Promise<T | undefined> {
    const found = await this.api.find<T>(path);
    if (found === undefined) this.sawNotFound = true;
    return found;
  }

  async resolve(value: string): Promise<void> {
    const answer = await this.find<ResolveAnswer>(`/resolve/${encodeURIComponent(value)}`);
    const records = list<{ value?: string }>(answer?.Passive?.records);
    if (records.length === 0) return;
    const isIp = this.attribute.type === 'ip-src' || this.attribute.type === 'ip-dst';
    const [own, other] = isIp ? (['ip', 'domain'] as const) : (['domain', 'ip'] as const);
    const ownValue = isIp ? this.attribute.value : text(answer?.Passive?.query);
    const object = this.result.addObject('domain-ip', [
      [own, ownValue],
      [other, records.map((record) => text(record.value))],
    ]);
    this.result.addReference(object.uuid, this.attribute.uuid, 'related-to');
  }

  async hash(value: string): Promise<void> {
    const answer = await this.find<{ malware?: { origins?: { CnCServers?: { rows?: unknown } } } }>(`/malware/${encodeURIComponent(value)}`);
    for (const row of list<MalwareRow>(answer?.malware?.origins?.CnCServers?.rows)) this.file(row, 'related-to');
  }

  async malware(feature: 'ipr' | 'url', value: string): Promise<void> {
    const answer = await this.find<{ malware?: unknown }>(`/${feature}/malware/${encodeURIComponent(value)}`);
    for (const row of list<MalwareRow>(answer?.malware)) this.file(row, 'associated-with');
  }

  async vulnerability(value: string): Promise<void> {
    const answer = await this.find<unknown>(`/vulnerabilities/search/${encodeURIComponent(value)}`);
    for (const record of list<VulnerabilityRecord>(answer)) {
      const score = record.temporal_score;
      const object = this.result.addObject('vulnerability', [
        ['id', (record.stdcode ?? []).map(text)],
        ['summary', text(record.title)],
        ['description', text(record.description)],
        ['cvss-score', typeof score === 'number' || text(score) ? score : undefined],
        ['references', list<{ link_target?: string }>(record.references).map((reference) => text(reference.link_target))],
      ]);
      if (object.Attribute.length === 0) continue;
      this.result.addReference(object.uuid, this.attribute.uuid, 'related-to');
    }
  }

  /** The `url` object of a malware row (one per uri/domain pair); none without a uri. */
  private url(row: MalwareRow): string | undefined {
    const uri = text(row.uri);
    if (!uri) return undefined;
    const key = JSON.stringify([uri, text(row.domain) ?? null]);
    const known = this.urls.get(key);
    if (known) return known;
    const object = this.result.addObject('url', [['url', uri], ['domain', text(row.domain)]]);
    this.urls.set(key, object.uuid);
    return object.uuid;
  }

  /** The `file` object of a malware row (one per filename/md5 pair), `dropped-by` its url. */
  private file(row: MalwareRow, relationship: string): void {
    const filename = text(row.filepath);
    const md5 = text(row.md5);
    if (!filename && !md5) return;
    const key = JSON.stringify([filename ?? null, md5 ?? null]);
    let file = this.files.get(key);
    if (!file) {
      const object = this.result.addObject('file', [['filename', filename], ['md5', md5]]);
      this.result.addReference(object.uuid, this.attribute.uuid, relationship);
      file = { uuid: object.uuid, urlUuids: new Set() };
      this.files.set(key, file);
    }
    const urlUuid = this.url(row);
    if (urlUuid && !file.urlUuids.has(urlUuid)) {
      file.urlUuids.add(urlUuid);
      this.result.addReference(file.uuid, urlUuid, 'dropped-by');
    }
  }
}

export default defineModule({
  name: 'xforceexchange',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '2',
    author: 'Joerg Stephan (@johest)',
    description: 'An expansion module for IBM X-Force Exchange.',
    name: 'IBM X-Force Exchange Lookup',
    logo: 'xforce.png',
    requirements: ['An access to the X-Force API (apikey)'],
    features:
      'This module takes a MISP attribute as input to query the X-Force API. The API returns then additional information ' +
      'known in their threats data, that is mapped into MISP attributes.',
    references: ['https://exchange.xforce.ibmcloud.com/'],
    input: 'A MISP attribute included in the following list:\n- ip-src\n- ip-dst\n- vulnerability\n- md5\n- sha1\n- sha256',
    output: 'MISP attributes mapped from the result of the query on X-Force Exchange.',
  },
  config: {
    apikey: { description: 'X-Force Exchange API key (HTTP Basic user name)', secret: true },
    apipassword: { description: 'X-Force Exchange API password (HTTP Basic password)', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], output: ['ip-src', 'ip-dst', 'text', 'domain'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'X-Force Exchange',
      baseUrl: 'https://api.xforce.ibmcloud.com',
      auth: { in: 'basic', username: 'apikey', password: 'apipassword' },
      headers: { Accept: 'application/json' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    api.requireKey(); // upstream checks the credentials before the attribute
    const attribute = requireAttribute(query, INPUT_TYPES);
    const value = attribute.value.trim();
    const lookup = new XforceLookup(api, attribute);
    switch (attribute.type) {
      case 'md5':
      case 'sha1':
      case 'sha256':
        await lookup.hash(value);
        break;
      case 'vulnerability':
        await lookup.vulnerability(value);
        break;
      case 'url':
        await lookup.resolve(value);
        await lookup.malware('url', value);
        break;
      case 'ip-src':
      case 'ip-dst':
        await lookup.resolve(value);
        await lookup.malware('ipr', value);
        break;
      default:
        await lookup.resolve(value);
    }
    if (lookup.result.isEmpty) {
      if (lookup.sawNotFound) throw MESSAGES.error('notFound');
      throw MESSAGES.error('nothing');
    }
    lookup.result.echoInputAttribute(attribute);
    return lookup.result.toResults();
  },
});
