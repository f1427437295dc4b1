/**
 * sophoslabs_intelix: SophosLabs Intelix reputation of a SHA-256, an IP
 * address or a URL/domain. OAuth2 client credentials first
 * (`POST https://api.labs.sophos.com/oauth2/token`, Basic client_id:client_secret,
 * `grant_type=client_credentials`), then with `Authorization: <access_token>`:
 * `GET https://{region}.api.labs.sophos.com/lookup/files/v1/{sha256}`,
 * `/lookup/ips/v1/{ip}` or `/lookup/urls/v1/{quoted url}`.
 *
 * Kept from upstream: the name, `client_id`, `client_secret`, `region` (us, de
 * or au; anything else is de), the requests and User-Agent `misp-module`, the
 * verdicts ("This file is malicious" … "This file is known good" from the
 * reputation score), "No name associated with this IoC", "No category
 * associated with IoC", and upstream's missing-credentials message.
 * Fixed: upstream puts the findings in relations no template has ("Reputation
 * Score", "Decision", "Detection Name", "IP Address Categorisation", …), which
 * MISP drops: they are `text` attributes of the file / domain-ip / url object
 * ("Reputation Score: 12", …). Upstream crashes when `region` is absent or the
 * token request fails, answers the input alone when a lookup fails, and
 * accepts type `ip` but then refuses it: an absent region is de; a refused
 * client id/secret, a failed lookup (status and Intelix's message) are said;
 * `ip` is looked up like ip-src/ip-dst; an indicator Intelix does not know
 * (404) adds nothing. Tokens are reused until shortly before they expire, and
 * a cached token Intelix refuses is renewed once.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { cachedToken, credentialKey, forgetToken, storeToken } from './_sophos/token-cache.js';

const INPUT_TYPES = ['sha256', 'ip', 'ip-src', 'ip-dst', 'uri', 'url', 'domain', 'hostname'] as const;
const REGIONS = ['us', 'de', 'au'];
const VENDOR = 'SophosLabs Intelix';
const HEADERS = { 'User-Agent': 'misp-module' };

const MESSAGES = defineMessages({
  noCredentials:
    "Missing client_id or client_secret value for SOPHOSLabs Intelix. It's free to sign up here https://aws.amazon.com/marketplace/pp/B07SLZPMCS.",
  noToken: 'SophosLabs Intelix gave no access token.',
  invalidJson: 'SophosLabs Intelix answered with invalid JSON (HTTP {status}).',
});

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
}

/** Upstream's verdict for a reputation score (0–100). */
export function decision(score: number): string | undefined {
  if (score >= 0 && score <= 19) return 'This file is malicious';
  if (score >= 20 && score <= 29) return 'This file is potentially unwanted';
  if (score >= 30 && score <= 69) return 'This file is unknown and suspicious';
  if (score >= 70 && score <= 100) return 'This file is known good';
  return undefined;
}

/** Python's `quote(value, safe="")`. */
const quoteAll = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

async function newToken(ctx: ModuleContext, key: string): Promise<string> {
  const oauth = ctx.vendor({
    name: VENDOR,
    baseUrl: 'https://api.labs.sophos.com',
    auth: { in: 'basic', username: 'client_id', password: 'client_secret' },
    missingKey: () => MESSAGES.error('noCredentials'),
  });
  const answer = await oauth.post<TokenAnswer>('/oauth2/token', { form: { grant_type: 'client_credentials' } });
  const token = typeof answer?.access_token === 'string' ? answer.access_token : '';
  if (!token) throw MESSAGES.error('noToken');
  storeToken(key, token, typeof answer?.expires_in === 'number' ? answer.expires_in : Number(answer?.expires_in), Date.now());
  return token;
}

/** GET a lookup with the access token; a refused cached token is renewed once. */
async function lookup(ctx: ModuleContext, region: string, path: string): Promise<Record<string, unknown> | undefined> {
  const key = credentialKey(ctx.config['client_id'] ?? '', ctx.config['client_secret'] ?? '');
  const api = ctx.vendor({ name: VENDOR, baseUrl: `https://${region}.api.labs.sophos.com`, headers: HEADERS });
  const cached = cachedToken(key);
  for (const token of cached ? [cached, undefined] : [undefined]) {
    const response = await api.request(path, { headers: { Authorization: token ?? (await newToken(ctx, key)) } });
    if ((response.status === 401 || response.status === 403) && token !== undefined) {
      forgetToken(key);
      continue;
    }
    if (response.status === 404) return undefined;
    if (response.status < 200 || response.status >= 300) throw api.statusError(response);
    try {
      const body: unknown = JSON.parse(response.text());
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    } catch {
      throw MESSAGES.error('invalidJson', { status: response.status });
    }
  }
  return undefined;
}

export default defineModule({
  name: 'sophoslabs_intelix',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1.0',
    author: 'Ben Verschaeren',
    description:
      'An expansion module to query the Sophoslabs intelix API to get additional information about an ip address, url, domain or sha256 attribute.',
    name: 'SophosLabs Intelix Lookup',
    logo: 'sophoslabs_intelix.svg',
    requirements: ['A client_id and client_secret pair to authenticate to the SophosLabs Intelix API'],
    features:
      'The module takes an ip address, url, domain or sha256 attribute and queries the SophosLabs Intelix API with the attribute value. ' +
      'The result of this query is a SophosLabs Intelix hash report, or an ip or url lookup, that is then parsed and returned in a MISP object.',
    references: ['https://aws.amazon.com/marketplace/pp/B07SLZPMCS'],
    input: 'An ip address, url, domain or sha256 attribute.',
    output: 'SophosLabs Intelix report and lookup objects',
  },
  config: {
    client_id: { description: 'SophosLabs Intelix OAuth client id' },
    client_secret: { description: 'SophosLabs Intelix OAuth client secret', secret: true },
    region: { description: 'API region: us, de or au (anything else: de)' },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    if (!ctx.config['client_id'] || !ctx.config['client_secret']) throw MESSAGES.error('noCredentials');
    const attribute = requireAttribute(query, INPUT_TYPES);
    const configured = ctx.config['region']?.trim().toLowerCase() ?? '';
    const region = REGIONS.includes(configured) ? configured : 'de';
    const value = attribute.value.trim();
    const result = new MispResultBuilder();

    if (attribute.type === 'sha256') {
      const found = await lookup(ctx, region, `/lookup/files/v1/${quoteAll(value)}`);
      if (!found) return result.toResults();
      const lines: string[] = [];
      const score = found['reputationScore'];
      if (typeof score === 'number') {
        lines.push(`Reputation Score: ${score}`);
        const verdict = decision(score);
        if (verdict) lines.push(`Decision: ${verdict}`);
      }
      const detection = typeof found['detectionName'] === 'string' ? found['detectionName'] : 'No name associated with this IoC';
      lines.push(`Detection Name: ${detection}`);
      result.addObject('file', [{ relation: 'sha256', value, to_ids: true }, ['text', lines]]);
    } else if (attribute.type === 'ip' || attribute.type === 'ip-src' || attribute.type === 'ip-dst') {
      const found = await lookup(ctx, region, `/lookup/ips/v1/${quoteAll(value)}`);
      if (!found) return result.toResults();
      const categories = Array.isArray(found['category']) ? found['category'].filter((c): c is string => typeof c === 'string') : [];
      const categorisation = categories.length ? categories.join(', ') : 'No category associated with IoC';
      result.addObject('domain-ip', [{ relation: 'ip', value, to_ids: false }, ['text', `IP Address Categorisation: ${categorisation}`]]);
    } else {
      const found = await lookup(ctx, region, `/lookup/urls/v1/${quoteAll(value)}`);
      if (!found) return result.toResults();
      const lines = (
        [
          ['productivityCategory', 'Productivity Category'],
          ['riskLevel', 'Risk Level'],
          ['securityCategory', 'Security Category'],
        ] as const
      )
        .filter(([field]) => found[field] !== undefined && found[field] !== null)
        .map(([field, label]) => `${label}: ${String(found[field])}`);
      result.addObject('url', [{ relation: 'url', value, to_ids: false }, ['text', lines.length ? lines.join('\n') : undefined]]);
    }
    return result.toResults();
  },
});
