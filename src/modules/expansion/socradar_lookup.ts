/**
 * socradar_lookup: SOCRadar IoC enrichment of an IP, domain, URL, hash or
 * email. `POST {socradar_api_url}/ioc_enrichment/get/indicator_details`
 * (full mode: fields indicator_details, indicator_history,
 * indicator_relations, plus indicator_ai_insight when asked) or
 * `/ioc_enrichment/get/indicator_details_stix` (STIX mode), with the key in
 * the `API-Key` header.
 *
 * Kept from upstream: the name, the config names (`socradar_api_key`,
 * `socradar_api_url` (an admin's endpoint, reached as configured),
 * `socradar_mode` full|stix, `socradar_ai_insight`), the requests, the text
 * report and tags line for line (_socradar/format.ts), and the messages for a
 * missing key, no value, a refused key (401) and a bad request (400).
 * Fixed: upstream declares misp_standard but answers a legacy list, which
 * MISP cannot read as misp_standard: the report is a misp_standard `text`
 * attribute carrying the tags. Answers wrapped in SOCRadar's
 * `{"is_success", "data", …}` envelope are read inside it (upstream reads
 * the top level only, and would report nothing). Other vendor errors name
 * SOCRadar, the HTTP status and its message.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { formatFull, formatStix } from './_socradar/format.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'domain', 'hostname', 'url', 'md5', 'sha1', 'sha256', 'email-src', 'email-dst'] as const;
const DEFAULT_API_URL = 'https://platform.socradar.com/api';

const MESSAGES = defineMessages({
  noKey: 'SOCRadar API key is required. Get your Advanced Threat Intelligence API key at https://platform.socradar.com → API Management',
  noValue: 'No attribute value provided for enrichment',
  refused:
    'SOCRadar API authentication failed. Please check your API key. A valid Advanced Threat Intelligence API key is required. ' +
    'Get yours at https://platform.socradar.com → API Management',
  badRequest: 'SOCRadar API bad request for indicator: {indicator}',
  invalidJson: 'SOCRadar answered with invalid JSON (HTTP {status}).',
});

type Json = Record<string, unknown>;

/** The answer itself, or what SOCRadar's `{is_success, data}` envelope holds. */
function unwrap(body: unknown): Json {
  const answer = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Json) : {};
  const data = answer['data'];
  const wrapped = 'is_success' in answer || 'response_code' in answer;
  return wrapped && typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Json) : answer;
}

export default defineModule({
  name: 'socradar_lookup',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.0',
    author: 'SOCRadar',
    description:
      'Enrich MISP attributes with SOCRadar threat intelligence. Queries SOCRadar IoC Enrichment API for categorization, malware families, ' +
      'threat actors, confidence scores, feed source history, and geographic attribution.',
    name: 'SOCRadar Threat Intelligence',
    logo: 'socradar.png',
    requirements: [],
    features:
      'Query SOCRadar IoC Enrichment API to enrich MISP attributes with threat intelligence context. Supports IP, domain, URL, hash, and email ' +
      'lookups. Two modes: STIX (fast) and Full (detailed with categorization, history, and optional AI insight). Requires a SOCRadar Advanced ' +
      'Threat Intelligence API key.',
    references: ['https://socradar.io', 'https://platform.socradar.com'],
    input: 'A MISP attribute of type ip-src, ip-dst, domain, hostname, url, md5, sha1, sha256, email-src, or email-dst.',
    output:
      'Enrichment data including categorization, malware families, threat actors, confidence score, SOCRadar threat score, feed source history, and country attribution.',
  },
  config: {
    socradar_api_key: { description: 'SOCRadar Advanced Threat Intelligence API key', secret: true },
    socradar_api_url: { description: 'API base URL (default https://platform.socradar.com/api)' },
    socradar_mode: { description: '"full" (detailed, default) or "stix" (fast)' },
    socradar_ai_insight: { description: 'Include the AI insight in full mode (slower): true/false, default false' },
  },
  attributes: { input: [...INPUT_TYPES], output: ['text'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const key = ctx.config['socradar_api_key']?.trim();
    if (!key) throw MESSAGES.error('noKey');
    const apiUrl = (ctx.config['socradar_api_url']?.trim() || DEFAULT_API_URL).replace(/\/+$/, '');
    const mode = (ctx.config['socradar_mode']?.trim() || 'full').toLowerCase();
    const includeAi = ['true', '1', 'yes'].includes((ctx.config['socradar_ai_insight'] ?? 'false').trim().toLowerCase());

    const indicator = requireAttribute(query, INPUT_TYPES).value.trim();
    if (!indicator) throw MESSAGES.error('noValue');

    const api = ctx.vendor({
      name: 'SOCRadar',
      baseUrl: apiUrl,
      auth: { in: 'header', header: 'API-Key', setting: 'socradar_api_key' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    const stix = mode === 'stix';
    const fields = ['indicator_details', 'indicator_history', 'indicator_relations', ...(includeAi ? ['indicator_ai_insight'] : [])];
    const response = await api.request(stix ? '/ioc_enrichment/get/indicator_details_stix' : '/ioc_enrichment/get/indicator_details', {
      method: 'POST',
      json: stix ? { indicator, show_credit_details: false } : { indicator, fields },
    });
    if (response.status === 401) throw MESSAGES.error('refused');
    if (response.status === 400) throw MESSAGES.error('badRequest', { indicator });
    if (response.status < 200 || response.status >= 300) throw api.statusError(response);
    let body: unknown;
    try {
      body = JSON.parse(response.text());
    } catch {
      throw MESSAGES.error('invalidJson', { status: response.status });
    }
    const data = unwrap(body);
    const { text, tags } = stix ? formatStix(data, indicator) : formatFull(data, indicator);

    const result = new MispResultBuilder();
    result.addAttribute({ type: 'text', value: text, category: 'External analysis', comment: `SOCRadar enrichment of ${indicator}`, tags });
    return result.toResults();
  },
});
