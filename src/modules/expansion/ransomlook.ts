/**
 * ransomlook: ransomware leak-site posts that mention a value, from
 * RansomLook. `GET https://www.ransomlook.io/api/search?q=<value>` (User-Agent
 * `misp-modules`, 30 s), each post a `ransomware-group-post` object
 * `related-to` the input attribute.
 *
 * Kept from upstream: the name, no settings, every MISP attribute type (and
 * freetext) as input, the request, the answer read as a list or as the list
 * in `results` / `data` / `hits` / `posts`, the fields read for each relation
 * (first non-empty of several names: post_title/title/… → title, group_name
 * → ransomware-group, discovered/published/… → date-published, post_url →
 * leak-site-url and link, …; lists joined with ", ", records as sorted JSON),
 * posts without title, description, link, website or leak-site-url skipped,
 * and the messages "No results found on RansomLook for this <type>
 * attribute.", "RansomLook API returned HTTP status <status>.", "RansomLook
 * API returned an invalid JSON response." and "RansomLook API request failed: …".
 * Fixed: an HTTP error also carries what RansomLook said, when it said
 * something ("RansomLook API returned HTTP status 500: <message>."); the
 * query's own timeout still answers "Timeout." like every module.
 * It calls `ctx.http`, not `ctx.vendor`: there is no key, and upstream's own
 * status messages are kept.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { ATTRIBUTE_TYPE_NAMES } from '../../misp/attribute-types.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { HttpResponse } from '../../net/index.js';
import { vendorErrorDetail } from '../../net/index.js';
import { pythonJsonDumps, sortKeys, type PyJson } from '../_shared/python-json.js';

const INPUT_TYPES: readonly string[] = ATTRIBUTE_TYPE_NAMES.includes('freetext' as never) ? ATTRIBUTE_TYPE_NAMES : [...ATTRIBUTE_TYPE_NAMES, 'freetext'];

const MESSAGES = defineMessages({
  noResults: 'No results found on RansomLook for this {type} attribute.',
  httpStatus: 'RansomLook API returned HTTP status {status}.',
  httpStatusSaid: 'RansomLook API returned HTTP status {status}: {detail}.',
  invalidJson: 'RansomLook API returned an invalid JSON response.',
  requestFailed: 'RansomLook API request failed: {reason}.',
});

/** Relation → the post fields that may hold it, first non-empty wins (upstream's mapping). */
const OBJECT_MAPPING = [
  ['title', ['post_title', 'title', 'name', 'victim', 'victim_name']],
  ['entity-name', ['victim', 'victim_name', 'entity_name', 'post_title', 'title']],
  ['ransomware-group', ['group_name', 'group', 'group_slug', 'ransomware_group']],
  ['description', ['description', 'post_body', 'body', 'content', 'summary']],
  ['date', ['date', 'updated', 'last_seen', 'last_update']],
  ['date-published', ['published', 'date_published', 'discovered', 'first_seen', 'created']],
  ['geo', ['country', 'country_name', 'country_code', 'location', 'geo']],
  ['sector', ['sector', 'industry', 'activity']],
  ['severity', ['severity']],
  ['website', ['website', 'domain', 'fqdn']],
  ['link', ['url', 'link', 'post_url', 'source_url']],
  ['leak-site-url', ['leak_site_url', 'leak_url', 'post_url', 'url', 'link']],
] as const;

/** One of these relations makes a post worth an object (the template's requiredOneOf). */
const REQUIRED = new Set(['title', 'description', 'link', 'website', 'leak-site-url']);

/** A record as Python's `json.dumps(value, sort_keys=True)` writes it. */
function sortedJson(value: unknown): string {
  return pythonJsonDumps(sortKeys(value as PyJson));
}

/** A field value as text, the way upstream's _normalise writes it (Python's str, ", "-joined lists, sorted JSON). */
function normalise(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const parts = value.map(normalise).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  if (typeof value === 'object') return sortedJson(value);
  return undefined;
}

/** The posts of an answer: the answer itself when it is a list, else its first list of results/data/hits/posts. */
function extractHits(answer: unknown): unknown[] {
  if (Array.isArray(answer)) return answer;
  if (typeof answer === 'object' && answer !== null) {
    for (const key of ['results', 'data', 'hits', 'posts']) {
      const value = (answer as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value;
    }
  }
  return [];
}

function httpError(response: HttpResponse): ModuleError {
  const detail = vendorErrorDetail(response);
  return detail ? MESSAGES.error('httpStatusSaid', { status: response.status, detail }) : MESSAGES.error('httpStatus', { status: response.status });
}

export default defineModule({
  name: 'ransomlook',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.0',
    author: 'MISP Project',
    description: 'Query the RansomLook API and return matching ransomware leak-site posts as MISP objects.',
    name: 'RansomLook Lookup',
    logo: '',
    requirements: ['No API key required.'],
    features:
      'The module accepts any MISP attribute value, including text and free-text attributes, and searches across ' +
      'RansomLook posts using the /api/search endpoint. Matching posts are converted to the MISP ransomware-group-post object format.',
    references: [
      'https://www.ransomlook.io/',
      'https://www.ransomlook.io/doc/',
      'https://github.com/MISP/misp-objects/blob/main/objects/ransomware-group-post/definition.json',
    ],
    input: 'Any MISP attribute value to search in RansomLook posts.',
    output: 'RansomLook hits represented as ransomware-group-post MISP objects.',
  },
  config: {},
  attributes: { input: [...INPUT_TYPES], output: ['MISP objects'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query);
    let response: HttpResponse;
    try {
      response = await ctx.http.request('https://www.ransomlook.io/api/search', {
        query: { q: attribute.value },
        headers: { 'User-Agent': 'misp-modules' },
        timeoutMs: 30_000,
        service: 'RansomLook',
      });
    } catch (error) {
      if (ctx.signal.aborted || !(error instanceof Error)) throw error;
      throw MESSAGES.error('requestFailed', { reason: error.message.replace(/\.$/, '') }, { cause: error });
    }
    if (response.status < 200 || response.status > 299) throw httpError(response);
    let answer: unknown;
    try {
      answer = JSON.parse(response.text()) as unknown;
    } catch (error) {
      throw MESSAGES.error('invalidJson', {}, { cause: error });
    }

    const result = new MispResultBuilder();
    for (const hit of extractHits(answer)) {
      if (typeof hit !== 'object' || hit === null || Array.isArray(hit)) continue;
      const post = hit as Record<string, unknown>;
      const relations = OBJECT_MAPPING.map(([relation, keys]) => [relation, keys.map((key) => normalise(post[key])).find((v) => v !== undefined)] as const);
      if (!relations.some(([relation, value]) => value !== undefined && REQUIRED.has(relation))) continue;
      const object = result.addObject('ransomware-group-post', relations);
      result.addReference(object.uuid, attribute.uuid, 'related-to');
    }
    if (result.isEmpty) throw MESSAGES.error('noResults', { type: attribute.type });
    return result.toResults();
  },
});
