/**
 * alphaMountain: the risk score alphaMountain gives an IP, domain, hostname
 * or URL, as a tag on a copy of the attribute. Asks
 * `POST https://api.alphamountain.ai/threat/uri` with the JSON body
 * `{uri, license, version: 1, type: <partner_type>, scan_depth}`.
 *
 * Kept from upstream: the name, the settings `license`, `scan_depth`
 * (default "medium") and `partner_type` (default "partner.info"), the input
 * types (an `ip|port` value is sent without its port), the request, and the
 * answer: one attribute with the input's type and value (no uuid: upstream
 * adds a new attribute), its category (or "Network activity"), to_ids and
 * disable_correlation, the comment "alphaMountain threat intelligence
 * analysis" and one tag: `alphaMountain:risk-score="<score rounded to 2, as
 * Python prints it>"`, `alphaMountain:risk-score="unknown"` (a score that is
 * not a number), `alphaMountain:api-error` (status.threat is not "Success"),
 * `alphaMountain:error` (not a JSON object) or `alphaMountain:no-data`.
 * Upstream's messages: "Configuration required", "License key required in
 * module configuration", "No data returned from alphaMountain API".
 * Fixed: an empty `license` is missing too (upstream posts it); an HTTP
 * failure names alphaMountain, the status and what it said (upstream:
 * "Processing error: HTTP 401: <body> - …"). Tag colours are left to MISP
 * (our result tags carry names only); a category the input type does not
 * allow (upstream's "Network activity" for a `link`) is left to the type's default.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { isValidCategory } from '../../misp/attribute-types.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { AttributeType, Category } from '../../misp/types.js';

const INPUT_TYPES = ['ip', 'ip-src', 'ip-dst', 'ip-src|port', 'ip-dst|port', 'domain', 'hostname', 'url', 'uri', 'link'];

const MESSAGES = defineMessages({
  noConfig: 'Configuration required',
  noLicense: 'License key required in module configuration',
  noData: 'No data returned from alphaMountain API',
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Python's `str(round(float(x), 2))`: 8 → "8.0", 7.516 → "7.52". */
function pythonRounded(score: number): string {
  const rounded = Math.round(score * 100) / 100;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

/** Python's `float()` of a JSON value; undefined where it raises. */
function pythonFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value.trim()))) return Number(value.trim());
  return undefined;
}

/** The one tag upstream puts on the attribute. */
function riskTag(answer: unknown): string {
  if (!isObject(answer)) return 'alphaMountain:error';
  const status = isObject(answer['status']) ? answer['status'] : {};
  if (status['threat'] !== 'Success') return 'alphaMountain:api-error';
  const threat = answer['threat'];
  if (!isObject(threat) || Object.keys(threat).length === 0 || !('score' in threat)) return 'alphaMountain:no-data';
  const score = pythonFloat(threat['score']);
  return score === undefined ? 'alphaMountain:risk-score="unknown"' : `alphaMountain:risk-score="${pythonRounded(score)}"`;
}

/** Python truthiness of the decoded answer. */
const isEmptyAnswer = (answer: unknown): boolean =>
  answer === null || answer === undefined || answer === false || answer === 0 || answer === '' ||
  (Array.isArray(answer) && answer.length === 0) || (isObject(answer) && Object.keys(answer).length === 0);

export default defineModule({
  name: 'alphaMountain',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.0',
    author: 'alphaMountain',
    description: 'alphaMountain threat intelligence lookup for IPs, domains, hostnames, and URLs - adds risk score tags',
    name: 'alphaMountain_risk',
    logo: '',
    requirements: [],
    features: '',
    references: [],
  },
  config: {
    license: { description: 'Your alphaMountain API license key', secret: true },
    scan_depth: { description: 'Scan depth: low, medium, or high (default: medium)', default: 'medium' },
    partner_type: { description: 'Partner type (default: partner.info)', default: 'partner.info' },
  },
  attributes: {
    input: INPUT_TYPES,
    output: ['text', 'comment'],
    format: 'misp_standard',
    userConfig: {
      license: { type: 'String', errorMessage: 'alphaMountain license key is required', message: 'Your alphaMountain API license key' },
      scan_depth: { type: 'String', message: 'Scan depth: low, medium, or high (default: medium)' },
      partner_type: { type: 'String', message: 'Partner type (default: partner.info)' },
    },
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const license = ctx.config['license'];
    if (!ctx.configProvided) throw MESSAGES.error('noConfig');
    if (!license) throw MESSAGES.error('noLicense');
    const attribute = requireAttribute(query, INPUT_TYPES);
    const uri = attribute.type.endsWith('|port') ? attribute.value.split('|')[0]! : attribute.value;

    const api = ctx.vendor({ name: 'alphaMountain', baseUrl: 'https://api.alphamountain.ai' });
    const answer = await api.post<unknown>('/threat/uri', {
      json: { uri, license, version: 1, type: ctx.config['partner_type'] ?? 'partner.info', scan_depth: ctx.config['scan_depth'] ?? 'medium' },
      timeoutMs: 30_000,
    });
    if (isEmptyAnswer(answer)) throw MESSAGES.error('noData');

    const type = attribute.type as AttributeType;
    const given = typeof attribute['category'] === 'string' ? attribute['category'] : 'Network activity';
    const result = new MispResultBuilder();
    result.addAttribute({
      type,
      value: attribute.value,
      ...(isValidCategory(type, given) ? { category: given as Category } : {}),
      to_ids: attribute['to_ids'] === true,
      disable_correlation: attribute['disable_correlation'] === true,
      comment: 'alphaMountain threat intelligence analysis',
      tags: [riskTag(answer)],
    });
    return result.toResults();
  },
});
