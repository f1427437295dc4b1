/**
 * flowtriq: has Flowtriq seen an IP as a DDoS attack source? POSTs
 * `{"ip": <ip>}` to `<api_url>/api/ip-lookup.php` (default
 * https://flowtriq.com) with `Authorization: Bearer <api_key>` and answers
 * the summary, reputation, incident history and threat-intel texts, the ASN,
 * first/last seen and up to 10 co-attacking IPs.
 *
 * Kept from upstream: the name, `api_key` and `api_url` (an admin's own
 * endpoint, reached as configured), the IP read from `ip-src`/`ip-dst` or the
 * attribute's value, the request (Accept and Content-Type JSON, User-Agent
 * MISP-Flowtriq/1.0, 15 s), the texts word for word with their comments,
 * the tag flowtriq:related-attacker, an empty result when the IP was not
 * seen (`found` false), and the messages "Flowtriq API key is required. Set
 * it in the module configuration.", "No IP address provided in the
 * request.", "Flowtriq API returned HTTP <status>", "Flowtriq API returned
 * invalid JSON" and the API's own `error` when `ok` is false.
 * Fixed: upstream declares misp_standard yet answers legacy entries, which
 * MISP cannot read as such: the same values come as misp_standard attributes;
 * first/last seen are in the category Other (MISP refuses datetime in Network
 * activity); an HTTP error also carries what the API said; an `ok` answer
 * that is not a JSON object is the invalid-JSON error (upstream crashes).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { vendorErrorDetail } from '../../net/index.js';
import { pythonStr } from '../_shared/python-str.js';
import { incidentsText, isRecord, reputationText, summaryText, threatIntelText, truthy, type Json } from './_flowtriq/texts.js';

const DEFAULT_API_URL = 'https://flowtriq.com';

const MESSAGES = defineMessages({
  noKey: 'Flowtriq API key is required. Set it in the module configuration.',
  noIp: 'No IP address provided in the request.',
  httpStatus: 'Flowtriq API returned HTTP {status}{detail}',
  invalidJson: 'Flowtriq API returned invalid JSON',
  apiError: '{error}',
});

/** The IP as upstream finds it: a legacy ip-src/ip-dst key, else the attribute's value. */
function ipOf(query: Record<string, unknown>): string | undefined {
  for (const key of ['ip-src', 'ip-dst']) {
    const value = query[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  const attribute = query['attribute'];
  const value = isRecord(attribute) ? attribute['value'] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);

export default defineModule({
  name: 'flowtriq',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1.0',
    author: 'Flowtriq',
    description: 'Query Flowtriq for DDoS attack intelligence on IP addresses',
    name: 'Flowtriq DDoS Intelligence',
    logo: 'flowtriq.png',
    requirements: ['Flowtriq API key and API URL'],
    features:
      'Queries the Flowtriq IP threat lookup API to check whether an IP has been observed as a DDoS attack source. Returns ' +
      'structured enrichment data including attack families, severity breakdown, peak PPS, ASN, country, risk score, and ' +
      'related attacker IPs.',
    references: ['https://flowtriq.com'],
    input: 'An IP address attribute (ip-src or ip-dst).',
    output:
      'MISP attributes and objects describing DDoS attack activity associated with the queried IP: attack types, timestamps, ' +
      'severity, peak traffic, related IPs, and threat intel matches.',
  },
  config: {
    api_key: { description: 'Flowtriq API key (sent as a Bearer token)', secret: true },
    api_url: { description: `Flowtriq base URL (default ${DEFAULT_API_URL})`, default: DEFAULT_API_URL },
  },
  attributes: { input: ['ip-src', 'ip-dst'], format: 'misp_standard' },
  // Upstream checks the key first and also reads legacy ip-src/ip-dst keys: the module checks its input itself.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'Flowtriq',
      baseUrl: (ctx.config['api_url']?.trim() || DEFAULT_API_URL).replace(/\/+$/, ''),
      auth: { in: 'bearer', setting: 'api_key' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { Accept: 'application/json', 'User-Agent': 'MISP-Flowtriq/1.0' },
      defaults: { timeoutMs: 15_000 },
    });
    if (!ctx.config['api_key']?.trim()) throw MESSAGES.error('noKey');
    const ip = ipOf(query);
    if (ip === undefined) throw MESSAGES.error('noIp');

    const response = await api.request('/api/ip-lookup.php', { method: 'POST', json: { ip } });
    if (response.status !== 200) {
      const detail = vendorErrorDetail(response);
      throw MESSAGES.error('httpStatus', { status: response.status, detail: detail ? `: ${detail}` : '' });
    }
    let data: unknown;
    try {
      data = JSON.parse(response.text());
    } catch {
      throw MESSAGES.error('invalidJson');
    }
    if (!isRecord(data)) throw MESSAGES.error('invalidJson');
    if (!truthy(data['ok'])) throw MESSAGES.error('apiError', { error: 'error' in data ? pythonStr(data['error']) : 'Flowtriq API returned an error' });
    const result = new MispResultBuilder();
    if (!truthy(data['found'])) return result.toResults();

    const riskScore = 'risk_score' in data ? data['risk_score'] : 0;
    const reputation = isRecord(data['reputation']) && truthy(data['reputation']) ? data['reputation'] : undefined;
    const incidents = isRecord(data['incidents']) ? data['incidents'] : {};
    const threatIntel = records(data['threat_intel']);
    const parts = { riskScore, reputation, incidents, threatIntel };

    const text = (value: string, comment: string) => result.addAttribute({ type: 'text', category: 'External analysis', value, comment });
    text(summaryText(parts, data['ioc_matches']), `Flowtriq DDoS intelligence for ${ip}`);
    if (reputation) {
      text(reputationText(ip, riskScore, reputation), 'Flowtriq reputation data');
      if (truthy(reputation['asn'])) result.addAttribute({ type: 'AS', category: 'Network activity', value: pythonStr(reputation['asn']), comment: `ASN of ${ip} per Flowtriq` });
      for (const [field, word] of [['first_seen', 'first'], ['last_seen', 'last']] as const) {
        const seen = reputation[field];
        if (typeof seen === 'string' && seen.trim() !== '') result.addAttribute({ type: 'datetime', category: 'Other', value: seen, comment: `Flowtriq ${word} seen ${ip}` });
      }
    }
    const incidentRecords = records(incidents['records']);
    if (incidentRecords.length) text(incidentsText(ip, incidentRecords), 'Flowtriq incident history');
    const related = isRecord(data['related_ips']) ? Object.entries(data['related_ips']).slice(0, 10) : [];
    for (const [relatedIp, together] of related) {
      result.addAttribute({
        type: 'ip-src',
        category: 'Network activity',
        value: relatedIp,
        comment: `Co-attacker with ${ip} in ${pythonStr(together)} Flowtriq incident(s)`,
        tags: ['flowtriq:related-attacker'],
      });
    }
    if (threatIntel.length) text(threatIntelText(ip, threatIntel), 'Flowtriq threat intel feed matches');
    return result.toResults();
  },
});
