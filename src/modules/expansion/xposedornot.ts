/**
 * xposedornot: is an email address in known data breaches? Without a key,
 * the free API: `GET https://api.xposedornot.com/v1/breach-analytics?email=<email>`;
 * with `api_key`, the Plus API: `GET https://plus-api.xposedornot.com/v3/check-email/<email>?detailed=true`
 * with the key in `x-api-key`. Both with User-Agent `misp-modules`, 30 s.
 *
 * Kept from upstream: the name, the optional `api_key`, the input types, the
 * address lower-cased and trimmed (and, for the Plus API, percent-encoded as
 * Python's `quote(email, safe='')`), the answer: a summary `text` attribute
 * ("Email exposed in N data breaches (XposedOrNot), first: Y, latest: Y,
 * risk: R", comment "XposedOrNot breach exposure summary") and one `text`
 * attribute per named breach whose comment holds the date, the records
 * ("2,699,339 records"), the domain, the exposed data, the password risk and
 * "verified"; all without correlation. Upstream's messages: "No breach found
 * on XposedOrNot for this email address." (404 or no breach), its rate-limit
 * text (429), "The provided attribute value is not a valid email address.",
 * "XposedOrNot API returned HTTP status <status>.", "… an invalid JSON
 * response." and "XposedOrNot API request failed: …".
 * Fixed: an HTTP error also carries what XposedOrNot said, when it said
 * something ("XposedOrNot API returned HTTP status 401: Invalid API key.");
 * exposed data given as a list is joined like the ";"-separated text (upstream
 * writes Python's list repr); an answer that is not a JSON object gives "no
 * breach" instead of a crash. The query's own timeout answers "Timeout.".
 * It calls `ctx.http`, not `ctx.vendor`: two hosts, the key optional, and
 * upstream's own status messages (404, 429, others) kept.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { HttpResponse } from '../../net/index.js';
import { vendorErrorDetail } from '../../net/index.js';

const INPUT_TYPES = ['email', 'email-src', 'email-dst', 'target-email', 'whois-registrant-email'] as const;

const MESSAGES = defineMessages({
  invalidEmail: 'The provided attribute value is not a valid email address.',
  noBreach: 'No breach found on XposedOrNot for this email address.',
  rateLimited:
    'XposedOrNot rate limit reached (keyless: 2 requests/second, 25/hour). Retry later or configure the optional api_key to raise limits.',
  httpStatus: 'XposedOrNot API returned HTTP status {status}.',
  httpStatusSaid: 'XposedOrNot API returned HTTP status {status}: {detail}.',
  invalidJson: 'XposedOrNot API returned an invalid JSON response.',
  requestFailed: 'XposedOrNot API request failed: {reason}.',
});

/** One breach, whichever API it came from. */
interface Breach {
  name: unknown;
  date: unknown;
  records: unknown;
  domain: unknown;
  dataClasses: unknown;
  passwordRisk: unknown;
  verified: unknown;
}

type Json = Record<string, unknown>;

const record = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(record) : []);

/** Python's truthiness for the JSON values a breach holds. */
const truthy = (value: unknown): boolean =>
  !(value === null || value === undefined || value === false || value === 0 || value === '' || (Array.isArray(value) && value.length === 0));

/** Python's `str()` for JSON scalars (True/False, not true/false). */
const pyStr = (value: unknown): string => (typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value));

function freeBreaches(data: Json): Breach[] {
  return list(record(data['ExposedBreaches'])['breaches_details']).map((entry) => ({
    name: entry['breach'],
    date: entry['xposed_date'],
    records: entry['xposed_records'],
    domain: entry['domain'],
    dataClasses: entry['xposed_data'],
    passwordRisk: entry['password_risk'],
    verified: entry['verified'],
  }));
}

function plusBreaches(data: Json): Breach[] {
  return list(data['breaches']).map((entry) => ({
    name: entry['breach_id'],
    date: entry['breached_date'],
    records: entry['xposed_records'],
    domain: entry['domain'],
    dataClasses: entry['xposed_data'],
    passwordRisk: entry['password_risk'],
    verified: entry['verified'],
  }));
}

function riskLabel(data: Json): string | undefined {
  const [first] = list(record(data['BreachMetrics'])['risk']);
  const label = first?.['risk_label'];
  return typeof label === 'string' || typeof label === 'number' ? String(label) : undefined;
}

/** Python's `int()` of a value: integers, integral floats truncated, digit strings with spaces around. */
function pyInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value.trim());
  return undefined;
}

function breachComment(breach: Breach): string {
  const parts: string[] = [];
  if (truthy(breach.date)) parts.push(`breached: ${pyStr(breach.date)}`);
  const records = pyInt(breach.records);
  if (records !== undefined) parts.push(`${String(records).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} records`);
  if (truthy(breach.domain)) parts.push(`domain: ${pyStr(breach.domain)}`);
  if (truthy(breach.dataClasses)) {
    const classes = Array.isArray(breach.dataClasses) ? breach.dataClasses.map(pyStr) : pyStr(breach.dataClasses).split(';');
    parts.push(`exposed: ${classes.join('; ')}`);
  }
  if (truthy(breach.passwordRisk)) parts.push(`password risk: ${pyStr(breach.passwordRisk)}`);
  if (truthy(breach.verified)) parts.push(`verified: ${pyStr(breach.verified)}`);
  return parts.join(' | ');
}

function summary(breaches: Breach[], risk: string | undefined): string {
  const years = breaches.map((b) => pyInt(b.date === null || b.date === undefined ? 'None' : pyStr(b.date).slice(0, 4))).filter((y): y is number => y !== undefined);
  let text = `Email exposed in ${breaches.length} data breach${breaches.length !== 1 ? 'es' : ''} (XposedOrNot)`;
  if (years.length > 0) text += `, first: ${Math.min(...years)}, latest: ${Math.max(...years)}`;
  if (risk) text += `, risk: ${risk}`;
  return text;
}

/** Python's `quote(text, safe='')`: everything but letters, digits and `_.-~` percent-encoded. */
function quoteAll(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function httpError(response: HttpResponse): ModuleError {
  const detail = vendorErrorDetail(response);
  return detail ? MESSAGES.error('httpStatusSaid', { status: response.status, detail }) : MESSAGES.error('httpStatus', { status: response.status });
}

async function lookup(ctx: ModuleContext, email: string, apiKey: string): Promise<HttpResponse> {
  const headers: Record<string, string> = { 'User-Agent': 'misp-modules' };
  const options = { headers, timeoutMs: 30_000, service: 'XposedOrNot' };
  try {
    if (apiKey) {
      headers['x-api-key'] = apiKey;
      return await ctx.http.request(`https://plus-api.xposedornot.com/v3/check-email/${quoteAll(email)}`, { ...options, query: { detailed: 'true' } });
    }
    return await ctx.http.request('https://api.xposedornot.com/v1/breach-analytics', { ...options, query: { email } });
  } catch (error) {
    if (ctx.signal.aborted || !(error instanceof Error)) throw error;
    throw MESSAGES.error('requestFailed', { reason: error.message.replace(/\.$/, '') }, { cause: error });
  }
}

export default defineModule({
  name: 'xposedornot',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.0',
    author: 'XposedOrNot',
    description: 'Query the XposedOrNot API to check whether an email address appears in known data breaches.',
    name: 'XposedOrNot Lookup',
    logo: 'xposedornot.png',
    requirements: ['No API key required.'],
    features:
      'The module takes an email address as input and queries the XposedOrNot API to determine whether the ' +
      'address appears in known data breaches. Each exposure is returned as a text attribute holding the breach ' +
      'name, with the breach year, number of exposed records, affected domain, exposed data classes and password ' +
      'storage risk in its comment. Without any configuration the free keyless API is used (rate limits apply: ' +
      '2 requests/second, 25/hour per IP); an optional commercial api_key switches to the higher-limit Plus API. ' +
      'The queried email address is sent over TLS to xposedornot.com; nothing else leaves the MISP instance.',
    references: ['https://xposedornot.com', 'https://api.xposedornot.com/docs'],
    input: 'An email address.',
    output: 'Breach exposure details for the email address, one text attribute per breach.',
  },
  config: {
    api_key: { description: 'Optional XposedOrNot Plus API key (sent in x-api-key); empty: the free keyless API.', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], output: ['text'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, INPUT_TYPES);
    const email = attribute.value.trim().toLowerCase();
    if (!email.includes('@') || email.length > 254) throw MESSAGES.error('invalidEmail');
    const apiKey = (ctx.config['api_key'] ?? '').trim();

    const response = await lookup(ctx, email, apiKey);
    if (response.status === 404) throw MESSAGES.error('noBreach');
    if (response.status === 429) throw MESSAGES.error('rateLimited');
    if (response.status < 200 || response.status > 299) throw httpError(response);
    let data: unknown;
    try {
      data = JSON.parse(response.text()) as unknown;
    } catch (error) {
      throw MESSAGES.error('invalidJson', {}, { cause: error });
    }

    const answer = record(data);
    const breaches = apiKey ? plusBreaches(answer) : freeBreaches(answer);
    if (breaches.length === 0) throw MESSAGES.error('noBreach');
    const result = new MispResultBuilder();
    result.addAttribute({
      type: 'text',
      value: summary(breaches, apiKey ? undefined : riskLabel(answer)),
      comment: 'XposedOrNot breach exposure summary',
      disable_correlation: true,
    });
    for (const breach of breaches) {
      if (!truthy(breach.name)) continue;
      result.addAttribute({ type: 'text', value: pyStr(breach.name), comment: breachComment(breach), disable_correlation: true });
    }
    return result.toResults();
  },
});
