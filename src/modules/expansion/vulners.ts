/**
 * vulners: a hover text about a CVE from Vulners. The REST calls the vulners
 * library makes for upstream's `document()`, `get_ai_score()` and
 * `searchExploit()`, done directly against https://vulners.com with the
 * `X-Api-Key` header and JSON bodies, answers unwrapped from `{"data": …}`:
 * - `POST /api/v3/search/id/` `{id: [cve], fields: [...]}` → `documents[cve]`;
 * - `POST /api/v3/ai/scoretext/` `{text: cve}` → `score` (a number or
 *   `[score, vector]`);
 * - `POST /api/v3/search/lucene/` `{query: 'bulletinFamily:exploit AND "cve"',
 *   skip, size: 100, fields}` → `search[]._source` (up to 100 exploits).
 * The text: "Vulners AI Score is S ", then " ||  N Public exploits
 * available:\n  " with each exploit's "title href\n  " and "|| Vulnerability
 * Description:  ", then the description ("Non existing CVE" when Vulners has
 * no document).
 *
 * Kept from upstream: the name, hover only, `apikey`, the legacy text result
 * and the messages "Vulnerability id missing" and "A Vulners api key is
 * required for this module.".
 * Fixed: with exploits, upstream wrote the description twice (after its
 * "Vulnerability Description:" label and again at the end): once here. A
 * document without description, or a numeric AI score (upstream took
 * `len()` of it), no longer crash. Vulners' own errors (`data.error`) and
 * refused keys are reported with what Vulners said.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { statusLine } from '../../net/index.js';

const MESSAGES = defineMessages({
  noVulnerability: 'Vulnerability id missing',
  noKey: 'A Vulners api key is required for this module.',
  refused: 'Vulners refused the key (setting apikey, HTTP {status}){said}.',
  apiError: 'Vulners answered an error (HTTP {status}){said}.',
});

/** The vulners library's default fields (VulnersApi.default_fields). */
const DEFAULT_FIELDS = [
  'id', 'title', 'description', 'type', 'bulletinFamily', 'cvss', 'published', 'modified', 'lastseen', 'href', 'sourceHref',
  'sourceData', 'cvelist', 'vulnStatus', 'assigned',
];

/** searchExploit's limit and the library's batch size for it. */
const EXPLOIT_LIMIT = 100;

interface VulnersDocument {
  description?: string | null;
  enchantments?: { score?: { value?: unknown } };
}

interface Exploit {
  title?: string;
  href?: string;
}

/** Vulners' message in an answer: `data.error` (or a top-level `error`). */
function vulnersError(body: unknown): string | undefined {
  const record = (typeof body === 'object' && body !== null ? body : {}) as { data?: { error?: unknown }; error?: unknown };
  const error = record.data?.error ?? record.error;
  return typeof error === 'string' && error.trim() !== '' ? error.trim().replace(/\.$/, '') : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One call as the library makes it: JSON body, `{data: …}` unwrapped, `data.error` an error. */
async function call<T>(api: VendorApi, path: string, body: Record<string, unknown>): Promise<T> {
  const response = await api.request(path, { method: 'POST', json: body });
  if (response.status === 401 || response.status === 403) {
    const said = vulnersError(parseJson(response.text()));
    throw MESSAGES.error('refused', { status: statusLine(response.status), said: said ? `: ${said}` : '' });
  }
  if (response.status === 429 || response.status < 200 || response.status > 299) {
    const said = vulnersError(parseJson(response.text()));
    if (said === undefined || response.status === 429) throw api.statusError(response);
    throw MESSAGES.error('apiError', { status: statusLine(response.status), said: `: ${said}` });
  }
  const parsed = response.json<unknown>();
  const said = vulnersError(parsed);
  if (said !== undefined) throw MESSAGES.error('apiError', { status: statusLine(response.status), said: `: ${said}` });
  const record = parsed as { data?: unknown } | null;
  return (typeof record === 'object' && record !== null && 'data' in record ? record.data : parsed) as T;
}

/** The library's find_exploit_all: pages of up to 100 until the limit or the total. */
async function searchExploits(api: VendorApi, cve: string): Promise<Exploit[]> {
  const term = /^CVE-\d{4}-\d+$/i.test(cve.trim()) ? `"${cve.trim()}"` : cve.trim();
  const query = `bulletinFamily:exploit AND ${term}`;
  const exploits: Exploit[] = [];
  for (let page = 0; exploits.length < EXPLOIT_LIMIT && page < 10; page += 1) {
    const chunk = await call<{ search?: Array<{ _source?: Exploit }>; total?: number }>(api, '/api/v3/search/lucene/', {
      query,
      skip: exploits.length,
      size: EXPLOIT_LIMIT - exploits.length,
      fields: DEFAULT_FIELDS,
    });
    const found = (Array.isArray(chunk?.search) ? chunk.search : []).map((hit) => hit?._source ?? {});
    exploits.push(...found.slice(0, EXPLOIT_LIMIT - exploits.length));
    // Stop at the total (the library compares the total with the last page only).
    if (found.length === 0 || exploits.length >= (chunk?.total ?? 0)) break;
  }
  return exploits;
}

/** `score` as upstream reads it: the first of `[score, vector]`, or the number itself. */
function aiScore(score: unknown): unknown {
  return Array.isArray(score) && score.length === 2 ? score[0] : score;
}

const truthy = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== 0 && value !== '' && value !== false && !(Array.isArray(value) && value.length === 0);

export default defineModule({
  name: 'vulners',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.1',
    author: 'Igor Ivanov',
    description: 'An expansion hover module to expand information about CVE id using Vulners API.',
    name: 'Vulners Lookup',
    logo: 'vulners.png',
    requirements: ['An access to the Vulners API'],
    features:
      'This module takes a vulnerability attribute as input and queries the Vulners API in order to get some additional data ' +
      'about it.\n\nThe API then returns details about the vulnerability.',
    references: ['https://vulners.com/'],
    input: 'A vulnerability attribute.',
    output: 'Text giving additional information about the CVE in input.',
  },
  config: { apikey: { description: 'Vulners API key (https://vulners.com/userinfo), sent as X-Api-Key', secret: true } },
  attributes: { input: ['vulnerability'], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const vulnerability = typeof query['vulnerability'] === 'string' ? query['vulnerability'].trim() : '';
    if (!vulnerability) throw MESSAGES.error('noVulnerability');
    const api = ctx.vendor({
      name: 'Vulners',
      baseUrl: 'https://vulners.com',
      auth: { in: 'header', header: 'X-Api-Key', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    api.requireKey();

    const documents = await call<{ documents?: Record<string, VulnersDocument> }>(api, '/api/v3/search/id/', {
      id: [vulnerability],
      fields: DEFAULT_FIELDS,
    });
    const document = documents?.documents?.[vulnerability] ?? {};
    const score =
      document.enchantments?.score !== undefined
        ? document.enchantments.score.value
        : aiScore((await call<{ score?: unknown }>(api, '/api/v3/ai/scoretext/', { text: vulnerability }))?.score ?? 0);
    const exploits = await searchExploits(api, vulnerability);

    const description = Object.keys(document).length > 0 ? (typeof document.description === 'string' ? document.description : '') : 'Non existing CVE';
    let summary = truthy(score) ? `Vulners AI Score is ${String(score)} ` : '';
    if (exploits.length > 0) {
      summary += ` ||  ${exploits.length} Public exploits available:\n  `;
      for (const exploit of exploits) summary += `${exploit.title ?? ''} ${exploit.href ?? ''}\n  `;
      summary += '|| Vulnerability Description:  ';
    }
    summary += description;
    return legacyResults([{ types: ['text'], values: summary }]);
  },
});
