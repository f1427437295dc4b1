/**
 * crowdstrike_falcon: CrowdStrike Falcon Intelligence indicators related to
 * an attribute, as misp_standard attributes. The REST calls falconpy's
 * `Intel.query_indicator_entities(q=value)` makes, done directly:
 * `POST https://api.crowdstrike.com/oauth2/token` (form `client_id` =
 * api_id, `client_secret` = apikey) for a bearer token, then
 * `GET /intel/combined/indicators/v1?q={value}` with it.
 * For every indicator found: its related indicators (`relations[]`, mapped
 * by CrowdStrike type: domain → hostname, hash_md5 → md5, ip_address → ip-dst…),
 * actors (threat-actor), malware families, IP address types, malicious
 * confidence, labels, reports and threat types (text), and last_updated
 * (datetime); the input attribute is echoed.
 *
 * Kept from upstream: the name, `api_id` / `apikey`, the input types (with
 * upstream's "ip"), the mapping and texts above ("Label: … (created_on: …Z,
 * last_valid_on: …Z)", "Malicious_Confidence: …"), the messages "CrowdStrike
 * apikey is missing" and "CrowdStrike api_id is missing" (checked before the
 * attribute, as upstream).
 * Fixed: upstream's input type "ip" (no MISP type) crashed; it is asked
 * and its answer given without echoing the input. An empty setting is missing too (upstream passed "" to falconpy);
 * an indicator without `relations` or `actors` no longer crashes; errors in
 * the body are objects (`{code, message}`), which upstream's join crashed
 * on; a refused credential (token or indicators) names the settings, the
 * status and CrowdStrike's message instead of "HTTP Error: 401". The token
 * is not cached between queries (neither does upstream, which builds a new
 * falconpy client per query).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { isAttributeType } from '../../misp/attribute-types.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { AttributeType, Category } from '../../misp/types.js';
import { statusLine, vendorErrorDetail, type HttpResponse } from '../../net/index.js';

const INPUT_TYPES = [
  'domain', 'email-attachment', 'email-dst', 'email-reply-to', 'email-src', 'email-subject', 'filename', 'hostname', 'ip',
  'ip-src', 'ip-dst', 'md5', 'mutex', 'regkey', 'sha1', 'sha256', 'uri', 'url', 'user-agent', 'whois-registrant-email',
  'x509-fingerprint-md5',
] as const;

const MESSAGES = defineMessages({
  noKey: 'CrowdStrike apikey is missing',
  noId: 'CrowdStrike api_id is missing',
  refused: 'CrowdStrike Falcon refused the key (settings api_id/apikey, HTTP {status}){said}.',
  noToken: 'CrowdStrike Falcon issued no access token (HTTP {status}).',
  apiError: 'CrowdStrike Falcon API Error: {errors}',
});

/** CrowdStrike indicator type → MISP attribute type of a related indicator (upstream's mapping_out). */
const RELATION_TYPES: Record<string, AttributeType> = {
  domain: 'hostname',
  email_address: 'email-src',
  email_subject: 'email-subject',
  file_name: 'filename',
  hash_md5: 'md5',
  hash_sha1: 'sha1',
  hash_sha256: 'sha256',
  ip_address: 'ip-dst',
  ip_address_block: 'ip-dst',
  mutex_name: 'mutex',
  registry: 'regkey',
  url: 'url',
  user_agent: 'user-agent',
  x509_serial: 'x509-fingerprint-md5',
};

/** One indicator of `/intel/combined/indicators/v1` (the fields read). */
interface Indicator {
  relations?: Array<{ indicator?: string; type?: string }>;
  actors?: string[];
  malware_families?: string[];
  ip_address_types?: string[];
  malicious_confidence?: string;
  labels?: Array<{ name?: string; created_on?: number; last_valid_on?: number }>;
  reports?: string[];
  threat_types?: string[];
  last_updated?: number;
}

interface IndicatorsAnswer {
  errors?: Array<{ code?: number; message?: string } | string> | null;
  resources?: Indicator[] | null;
}

const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : []);

/** Python's `datetime.utcfromtimestamp(ts).isoformat() + "Z"` (microseconds only when not zero). */
export function pythonUtcIso(seconds: number): string {
  const micros = Math.round(seconds * 1e6);
  const date = new Date(Math.floor(micros / 1000));
  const base = date.toISOString().slice(0, 19);
  const fraction = ((micros % 1e6) + 1e6) % 1e6;
  return `${base}${fraction === 0 ? '' : `.${String(fraction).padStart(6, '0')}`}Z`;
}

const isTimestamp = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value !== 0;

/** Adds the attributes upstream makes of one indicator. */
function addIndicator(result: MispResultBuilder, item: Indicator): void {
  const other = (value: string, type: AttributeType = 'text', category: Category = 'Other') =>
    result.addAttribute({ type, category, value, to_ids: false });
  for (const relation of Array.isArray(item.relations) ? item.relations : []) {
    const type = RELATION_TYPES[relation?.type ?? ''];
    if (type && typeof relation.indicator === 'string' && relation.indicator !== '') {
      result.addAttribute({ type, value: relation.indicator, to_ids: true });
    }
  }
  for (const actor of texts(item.actors)) result.addAttribute({ type: 'threat-actor', category: 'Attribution', value: actor });
  const families = texts(item.malware_families);
  if (families.length) result.addAttribute({ type: 'text', category: 'Attribution', value: `malware_families: ${families.join(' | ')}` });
  for (const ipType of texts(item.ip_address_types)) other(`IP_Type: ${ipType}`);
  if (typeof item.malicious_confidence === 'string' && item.malicious_confidence) other(`Malicious_Confidence: ${item.malicious_confidence}`);
  for (const label of Array.isArray(item.labels) ? item.labels : []) {
    let value = `Label: ${label?.name ?? 'None'}`;
    if (isTimestamp(label?.created_on) && isTimestamp(label.last_valid_on)) {
      value += ` (created_on: ${pythonUtcIso(label.created_on)}, last_valid_on: ${pythonUtcIso(label.last_valid_on)})`;
    }
    other(value);
  }
  for (const report of texts(item.reports)) other(`Report: ${report}`);
  for (const threat of texts(item.threat_types)) other(`Threat_Type: ${threat}`);
  if (isTimestamp(item.last_updated)) other(pythonUtcIso(item.last_updated), 'datetime');
}

/** A 2xx body as JSON; a refused credential or another failure as the error it means. */
function checked<T>(falcon: VendorApi, response: HttpResponse): T {
  if (response.status === 401 || response.status === 403) {
    const detail = vendorErrorDetail(response);
    throw MESSAGES.error('refused', { status: statusLine(response.status), said: detail ? `: ${detail}` : '' });
  }
  if (response.status < 200 || response.status > 299) throw falcon.statusError(response);
  return response.json<T>();
}

export default defineModule({
  name: 'crowdstrike_falcon',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.3',
    author: 'Christophe Vandeplas',
    description: 'Module to query CrowdStrike Falcon.',
    name: 'CrowdStrike Falcon',
    logo: 'crowdstrike.png',
    requirements: ['A CrowdStrike API access (API id & key)'],
    features:
      'This module takes a MISP attribute as input to query a CrowdStrike Falcon API. The API returns then the result of ' +
      'the query with some types we map into compatible types we add as MISP attributes.\n\nPlease note that composite ' +
      'attributes composed by at least one of the input types mentionned below (domains, IPs, hostnames) are also supported.',
    references: ['https://www.crowdstrike.com/products/crowdstrike-falcon-faq/'],
    input:
      'A MISP attribute included in the following list:\n- domain\n- email-attachment\n- email-dst\n- email-reply-to\n- ' +
      'email-src\n- email-subject\n- filename\n- hostname\n- ip-src\n- ip-dst\n- md5\n- mutex\n- regkey\n- sha1\n- sha256\n- ' +
      'uri\n- url\n- user-agent\n- whois-registrant-email\n- x509-fingerprint-md5',
    output:
      'MISP attributes mapped after the CrowdStrike API has been queried, included in the following list:\n- hostname\n- ' +
      'email-src\n- email-subject\n- filename\n- md5\n- sha1\n- sha256\n- ip-dst\n- ip-dst\n- mutex\n- regkey\n- url\n- ' +
      'user-agent\n- x509-fingerprint-md5',
  },
  config: {
    api_id: { description: 'CrowdStrike API client id (OAuth2 client_id)' },
    apikey: { description: 'CrowdStrike API client secret (OAuth2 client_secret)', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const apikey = ctx.config['apikey'];
    const apiId = ctx.config['api_id'];
    if (!apikey) throw MESSAGES.error('noKey');
    if (!apiId) throw MESSAGES.error('noId');
    const attribute = requireAttribute(query, INPUT_TYPES);
    const falcon = ctx.vendor({ name: 'CrowdStrike Falcon', baseUrl: 'https://api.crowdstrike.com', headers: { Accept: 'application/json' } });

    const grant = await falcon.request('/oauth2/token', { method: 'POST', form: { client_id: apiId, client_secret: apikey } });
    const token = checked<{ access_token?: unknown }>(falcon, grant)?.access_token;
    if (typeof token !== 'string' || token === '') throw MESSAGES.error('noToken', { status: statusLine(grant.status) });

    const answer = checked<IndicatorsAnswer>(
      falcon,
      await falcon.request('/intel/combined/indicators/v1', { query: { q: attribute.value }, headers: { Authorization: `Bearer ${token}` } }),
    );
    const errors = Array.isArray(answer?.errors) ? answer.errors : [];
    if (errors.length) {
      throw MESSAGES.error('apiError', {
        errors: errors.map((e) => (typeof e === 'string' ? e : `${e?.code ?? ''} ${e?.message ?? ''}`.trim())).join(' | '),
      });
    }

    const result = new MispResultBuilder();
    // "ip" is in upstream's input list but is no MISP type: asked, not echoed (upstream crashed on it).
    if (isAttributeType(attribute.type)) result.echoInputAttribute(attribute);
    for (const item of Array.isArray(answer?.resources) ? answer.resources : []) {
      if (typeof item === 'object' && item !== null) addIndicator(result, item);
    }
    return result.toResults();
  },
});
