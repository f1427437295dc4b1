/**
 * ismalicious: the isMalicious reputation of an IP, domain, hostname or URL.
 * Asks `GET <api_url>/check?query=<value>&enrichment=standard` (default
 * https://api.ismalicious.com) with the key in `X-API-KEY` and answers one
 * text attribute: "malicious=True score=91 categories=['c2'] sources=2".
 *
 * Kept from upstream (its offline test, tests/test_ismalicious.py, holds):
 * the name, `api_key` and `api_url` (an admin's own endpoint, reached as
 * configured), the input types and the domain side of a domain|ip, the
 * request (User-Agent misp-modules, Accept application/json, 30 s), the
 * summary text with Python's spelling of the values, its comment and
 * disable_correlation, upstream's order of checks (attribute, type, key,
 * empty value) and its messages, "isMalicious API returned HTTP status 500."
 * among them.
 * Fixed: when the API says why it failed, its words follow the status
 * ("isMalicious API returned HTTP status 401: Invalid API key."); an answer
 * that is JSON but not an object is the invalid-response error (upstream
 * crashes on it).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { STANDARD_ATTRIBUTE_ERROR } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { vendorErrorDetail } from '../../net/index.js';
import { pythonStr } from '../_shared/python-str.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'hostname', 'domain', 'url', 'domain|ip'];
const DEFAULT_API_URL = 'https://api.ismalicious.com';

const MESSAGES = defineMessages({
  noAttribute: STANDARD_ATTRIBUTE_ERROR,
  unsupported: 'Unsupported attribute type.',
  noKey: 'An isMalicious API key is required (set api_key in the module config).',
  emptyValue: 'The provided attribute value is empty.',
  httpStatus: 'isMalicious API returned HTTP status {status}{detail}.',
  invalidJson: 'isMalicious API returned an invalid JSON response.',
});

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** riskScore as upstream reads it: `{score}` or a number, truncated to an int. */
function riskScore(payload: Json): number | undefined {
  const raw = payload['riskScore'];
  const score = isRecord(raw) ? raw['score'] : raw;
  if (typeof score === 'number' && Number.isFinite(score)) return Math.trunc(score);
  if (isRecord(raw) && typeof score === 'string' && /^\s*[+-]?\d+\s*$/.test(score)) return Number.parseInt(score, 10);
  return undefined;
}

function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

function categories(payload: Json): unknown {
  if (isTruthy(payload['categories'])) return payload['categories'];
  const classification = payload['classification'];
  return isRecord(classification) ? classification['primary'] : undefined;
}

function sourceCount(payload: Json): unknown {
  const sources = isTruthy(payload['sources']) ? payload['sources'] : [];
  return Array.isArray(sources) ? sources.length : sources;
}

function summary(payload: Json): string {
  const score = riskScore(payload);
  return (
    `malicious=${pythonStr(isTruthy(payload['malicious']))} score=${score === undefined ? 'n/a' : score} ` +
    `categories=${pythonStr(categories(payload))} sources=${pythonStr(sourceCount(payload))}`
  );
}

export default defineModule({
  name: 'ismalicious',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.0',
    author: 'isMalicious',
    description: 'Query isMalicious for IP, domain, hostname, and URL reputation.',
    name: 'isMalicious Lookup',
    logo: '',
    requirements: ['An isMalicious API key.'],
    features:
      'The module takes an IP, domain, hostname or URL attribute and queries GET /check on the isMalicious API. It returns a ' +
      'text summary with the malicious flag, risk score, categories and source count. Hover and expansion share the same ' +
      'handler. The queried indicator is sent over TLS; nothing else leaves the MISP instance besides the configured API key.',
    references: ['https://ismalicious.com/integrations/misp'],
    input: 'An IP address, domain, hostname or URL.',
    output: 'Text attributes with the isMalicious reputation summary.',
  },
  config: {
    api_key: { description: 'isMalicious API key (sent as X-API-KEY)', secret: true },
    api_url: { description: `isMalicious API base URL (default ${DEFAULT_API_URL})`, default: DEFAULT_API_URL },
  },
  attributes: { input: INPUT_TYPES, output: ['text'], format: 'misp_standard' },
  // Upstream's own messages for a missing or unsupported attribute, in its order.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = query['attribute'];
    if (!isRecord(attribute) || typeof attribute['type'] !== 'string' || typeof attribute['uuid'] !== 'string' || attribute['value'] === undefined || attribute['value'] === null) {
      throw MESSAGES.error('noAttribute');
    }
    if (!INPUT_TYPES.includes(attribute['type'])) throw MESSAGES.error('unsupported');
    const api = ctx.vendor({
      name: 'isMalicious',
      baseUrl: (ctx.config['api_url']?.trim() || DEFAULT_API_URL).replace(/\/+$/, ''),
      auth: { in: 'header', header: 'X-API-KEY', setting: 'api_key' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { 'User-Agent': 'misp-modules', Accept: 'application/json' },
      defaults: { timeoutMs: 30_000 },
    });
    if (!ctx.config['api_key']?.trim()) throw MESSAGES.error('noKey');
    let value = String(attribute['value']).trim();
    if (attribute['type'] === 'domain|ip' && value.includes('|')) value = value.slice(0, value.indexOf('|'));
    if (value === '') throw MESSAGES.error('emptyValue');

    const response = await api.request('/check', { query: { query: value, enrichment: 'standard' } });
    if (response.status < 200 || response.status > 299) {
      const detail = vendorErrorDetail(response);
      throw MESSAGES.error('httpStatus', { status: response.status, detail: detail ? `: ${detail}` : '' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(response.text());
    } catch {
      throw MESSAGES.error('invalidJson');
    }
    if (!isRecord(payload)) throw MESSAGES.error('invalidJson');

    const result = new MispResultBuilder();
    result.addAttribute({ type: 'text', value: summary(payload), comment: 'isMalicious reputation summary', disable_correlation: true });
    return result.toResults();
  },
});
