/**
 * abuseipdb: how much AbuseIPDB's reporters trust an address to be abusive.
 * `GET https://api.abuseipdb.com/api/v2/check?ipAddress=&maxAgeInDays=`
 * with the key in the `Key` header and `Accept: application/json`, as
 * upstream sends it; a hostname or domain is first resolved to its first A
 * record (the server's resolver, 2 s a try, as upstream's dnspython).
 * The answer is an `abuseipdb` object (is-malicious against the
 * `abuse_threshold`, tagged `ioc:artifact-state="malicious"` or
 * `"not-malicious"`; is-whitelisted, is-tor, is-public, abuse-confidence-score)
 * that `describes` the input.
 *
 * Kept from upstream: the name, the three settings and their messages
 * ("AbuseIPDB API key is missing", "AbuseIPDB max age in days is missing",
 * "AbuseIPDB abuse threshold is missing", checked in that order before the
 * attribute), the mapping and tags, "AbuseIPDB error, check logs" for a 200
 * that carries `errors`.
 * Fixed: an empty key (MISP sends unset settings empty) is missing too
 * instead of a request AbuseIPDB refuses; a `domain|ip` is checked by its IP
 * (upstream tried to resolve the whole "domain|ip" text); a name that does not
 * resolve says so (upstream crashed indexing its error dict); a threshold or
 * age that is not a whole number is refused with a message (upstream crashed
 * on `int()`); the score uses the template's `integer` type (upstream wrote
 * `counter`); a refused key, a spent quota or a failure name AbuseIPDB, the
 * status and AbuseIPDB's own `errors[0].detail`.
 * Rate limit: AbuseIPDB documents 1,000 `check` requests a day for the free
 * plan (declared; an admin with a paid plan raises it with `--vendor-limit`).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { isRecord, numeric } from '../_shared/json-fields.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'hostname', 'domain', 'domain|ip'] as const;

const MESSAGES = defineMessages({
  noKey: 'AbuseIPDB API key is missing',
  noMaxAge: 'AbuseIPDB max age in days is missing',
  noThreshold: 'AbuseIPDB abuse threshold is missing',
  notWholeNumber: 'The AbuseIPDB setting {setting} must be a whole number (got "{value}").',
  noAddress: '{name} has no A record to check on AbuseIPDB.',
  vendorErrors: 'AbuseIPDB error, check logs',
});

/** What `/api/v2/check` answers under `data` (the fields read). */
interface CheckData {
  isWhitelisted?: boolean | null;
  isTor?: boolean;
  isPublic?: boolean;
  abuseConfidenceScore?: number | null;
}

function wholeNumber(setting: string, value: string): number {
  if (!/^\s*-?\d+\s*$/.test(value)) throw MESSAGES.error('notWholeNumber', { setting, value });
  return Number(value);
}

const flag = (value: unknown): number => (value === true ? 1 : 0);

export default defineModule({
  name: 'abuseipdb',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Stephanie S',
    description: 'AbuseIPDB MISP expansion module',
    name: 'Abuse IPDB',
    logo: '',
    requirements: [],
    features: '',
    references: [],
    input: '',
    output: '',
  },
  config: {
    api_key: { description: 'Your AbuseIPDB API v2 key, sent in the Key header.', secret: true },
    max_age_in_days: { description: 'Only reports of the last N days count (AbuseIPDB accepts 1 to 365); required.' },
    abuse_threshold: { description: 'An abuse confidence score at or above this marks the address malicious (upstream uses 70); required.' },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'AbuseIPDB',
      baseUrl: 'https://api.abuseipdb.com',
      auth: { in: 'header', header: 'Key', setting: 'api_key' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { Accept: 'application/json' },
      rateLimit: { requests: 1000, intervalMs: 86_400_000 },
    });
    api.requireKey();
    const maxAge = ctx.config['max_age_in_days']?.trim();
    if (!maxAge) throw MESSAGES.error('noMaxAge');
    const thresholdText = ctx.config['abuse_threshold']?.trim();
    if (!thresholdText) throw MESSAGES.error('noThreshold');
    const maxAgeInDays = wholeNumber('max_age_in_days', maxAge);
    const threshold = wholeNumber('abuse_threshold', thresholdText);
    const input = requireAttribute(query, INPUT_TYPES);

    const value = input.value.trim();
    let ip = value;
    if (input.type === 'domain|ip') ip = value.slice(value.indexOf('|') + 1);
    else if (input.type === 'hostname' || input.type === 'domain') {
      const [first] = await ctx.dns.resolve4(value, { timeoutMs: 2000 });
      if (first === undefined) throw MESSAGES.error('noAddress', { name: value });
      ip = first;
    }

    const answer = await api.get<unknown>('/api/v2/check', { query: { ipAddress: ip, maxAgeInDays } });
    if (isRecord(answer) && Array.isArray(answer['errors']) && answer['errors'].length > 0) throw MESSAGES.error('vendorErrors');
    const data: CheckData = isRecord(answer) && isRecord(answer['data']) ? answer['data'] : {};
    const score = numeric(data.abuseConfidenceScore) ?? 0;
    const malicious = score >= threshold;

    const result = new MispResultBuilder();
    result.echoInputAttribute(input);
    const object = result.addObject('abuseipdb', [
      { relation: 'is-malicious', value: malicious ? 1 : 0, tags: [`ioc:artifact-state="${malicious ? 'malicious' : 'not-malicious'}"`] },
      // Upstream leaves is-whitelisted out only when AbuseIPDB says null (not checked).
      ['is-whitelisted', data.isWhitelisted === null || data.isWhitelisted === undefined ? undefined : flag(data.isWhitelisted)],
      ['is-tor', flag(data.isTor)],
      ['is-public', flag(data.isPublic)],
      ['abuse-confidence-score', score],
    ]);
    result.addReference(object.uuid, input.uuid, 'describes');
    return result.toResults();
  },
});
