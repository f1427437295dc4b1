/**
 * reversinglabs_spectra_analyze: file hashes, domains, IPs and URLs looked
 * up in a ReversingLabs Spectra Analyze (A1000) appliance, `Authorization:
 * Token {api_token}`:
 * - file hash: `GET {api_url}/api/samples/v3/{hash}/classification/`
 *   → a `file` object (hashes, size, type, classification texts, entropy);
 * - domain / hostname: `GET {api_url}/api/network-threat-intel/domain/{domain}/`
 *   → a `domain-ip` object and a `dns-record` object of the last DNS records;
 * - IP: `GET {api_url}/api/network-threat-intel/ip/{ip}/report/` → `ip-port`;
 * - URL: `GET {api_url}/api/network-threat-intel/url/?url=` → `url`;
 * each with a `report` object (title, type "threat-intelligence", upstream's
 * unified summary text, the link to the appliance's page) that the main
 * object is `analysed-with`, and upstream's `rl:` tags
 * (`rl:classification="malicious"`, `rl:riskscore=…`, `rl:threat=…`,
 * `rl:malware-family=…`, …).
 *
 * Kept from upstream: the name, the input types, `api_url` / `api_token` /
 * `verify_ssl`, the IOC type detected from the (refanged) value as
 * upstream does, the requests above, the objects' relations and texts, the
 * tags, the summary and the messages "Missing api_url in config", "Missing
 * api_token in config", "Could not determine IOC type for: …", "API request
 * failed: …".
 * Not ported from upstream's 4.5k lines (its mapping engine and DSL): the
 * first file lookup upstream tries, `POST /api/samples/v2/list/details/`
 * (the classification endpoint, which upstream falls back to, is asked
 * directly); the child `ip-port` / `domain-ip` objects per DNS record (the
 * records stay in the `dns-record` object); the nested object fetches and
 * per-attribute comments of the mapping file; the fallbacks to the RL_API_URL
 * / RL_API_TOKEN / RL_VERIFY_SSL environment variables and a
 * `local.config.json` (the MISP setting is the one source); the extra
 * "values"/"types"/"format" keys upstream adds inside "results".
 * Fixed: TLS is always verified (`verify_ssl` is accepted and ignored; use
 * `--ca-file` for an appliance's private CA); a vendor failure names
 * ReversingLabs Spectra Analyze, the HTTP status and its message.
 */
import { isIP } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder, type RelationEntry } from '../../misp/standard-result.js';
import { unifiedSummary } from './_reversinglabs/summary.js';

const INPUT_TYPES = ['md5', 'sha1', 'sha256', 'domain', 'hostname', 'ip', 'ip-src', 'ip-dst', 'url'] as const;
const SERVICE = 'ReversingLabs Spectra Analyze';

const MESSAGES = defineMessages({
  missingUrl: 'Missing api_url in config',
  missingToken: 'Missing api_token in config',
  noValue: 'No attribute value provided',
  unknownType: 'Could not determine IOC type for: {value}',
  requestFailed: 'API request failed: {detail}',
});

type Json = Record<string, unknown>;
type IocType = 'file' | 'domain' | 'ip' | 'url';
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const arr = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const scalar = (value: unknown): string | number | undefined =>
  typeof value === 'string' || typeof value === 'number' ? value : typeof value === 'boolean' ? (value ? 'True' : 'False') : undefined;

/** Upstream's `refang_ioc`. */
function refang(value: string): string {
  return value.trim().replace(/^hxxp/i, 'http').replace(/^fxp/i, 'ftp').replaceAll('[.]', '.').replaceAll('[://]', '://').replaceAll('[:]', ':').replaceAll('[/]', '/');
}

/** Upstream's `detect_ioc_type`: from the value, not the attribute type. */
function detectIocType(value: string): IocType | undefined {
  if (/^[a-fA-F0-9]{64}$|^[a-fA-F0-9]{40}$|^[a-fA-F0-9]{32}$/.test(value)) return 'file';
  if (value.startsWith('http://') || value.startsWith('https://')) return 'url';
  if (isIP(value) !== 0) return 'ip';
  if (value.includes('.') && !/^\d/.test(value)) return 'domain';
  return undefined;
}

export default defineModule({
  name: 'reversinglabs_spectra_analyze',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1.0.0',
    author: 'ReversingLabs',
    description: 'Module to enrich file hashes, domains, IPs and URLs with ReversingLabs Spectra Analyze threat intelligence.',
    name: 'ReversingLabs Spectra Analyze',
    logo: 'reversinglabs.png',
    requirements: ['A ReversingLabs Spectra Analyze API token.'],
    features:
      'This module enriches MISP attributes with threat intelligence from ReversingLabs Spectra Analyze. ' +
      'It supports file hashes (MD5, SHA1, SHA256), domains, hostnames, IP addresses, and URLs. ' +
      'The module returns detailed file analysis including classification, threat indicators, and related network infrastructure as MISP objects.',
    references: ['https://github.com/reversinglabs/reversinglabs-misp'],
    input: 'A MISP attribute of one of the following types: md5, sha1, sha256, domain, hostname, ip, ip-src, ip-dst, url.',
    output: 'MISP objects including file objects, domain-ip mappings, DNS records, URL objects, and IP-port objects with detailed threat intelligence.',
  },
  config: {
    api_url: { description: 'URL of your Spectra Analyze appliance (e.g. https://a1000.example.org).' },
    api_token: { description: 'Spectra Analyze API token (sent as "Authorization: Token …").', secret: true },
    verify_ssl: { description: 'Accepted and ignored: TLS is always verified (use --ca-file for a private CA).' },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    let apiUrl = (ctx.config['api_url'] ?? '').trim().replace(/\/+$/, '');
    if (apiUrl.endsWith('/api')) apiUrl = apiUrl.slice(0, -4);
    if (!apiUrl) throw MESSAGES.error('missingUrl');
    const token = ctx.config['api_token'];
    if (!token) throw MESSAGES.error('missingToken');
    const attribute = obj(query['attribute']);
    const raw = typeof attribute['value'] === 'string' ? attribute['value'] : '';
    if (!raw) throw MESSAGES.error('noValue');
    let value = refang(raw);
    const iocType = detectIocType(value);
    if (!iocType) throw MESSAGES.error('unknownType', { value });
    if (iocType === 'file') value = value.toLowerCase();

    const api = ctx.vendor({
      name: SERVICE,
      baseUrl: apiUrl,
      auth: { in: 'header', header: 'Authorization', prefix: 'Token ', setting: 'api_token' },
      missingKey: () => MESSAGES.error('missingToken'),
      headers: { 'User-Agent': 'ReversingLabs MISP Module version 1.0.0', 'Content-Type': 'application/json' },
    });
    const path =
      iocType === 'file' ? `/api/samples/v3/${value}/classification/`
      : iocType === 'domain' ? `/api/network-threat-intel/domain/${encodeURIComponent(value)}/`
      : iocType === 'ip' ? `/api/network-threat-intel/ip/${encodeURIComponent(value)}/report/`
      : '/api/network-threat-intel/url/';
    const response = await api.request(path, iocType === 'url' ? { query: { url: value } } : {});
    if (response.status < 200 || response.status > 299) throw MESSAGES.error('requestFailed', { detail: api.statusError(response).message });
    const answer = obj(response.json<unknown>());
    // Upstream's normalisation of the v3 classification answer.
    const data: Json = iocType === 'file' ? { sample_summary: 'rl' in answer ? obj(answer['rl']) : answer } : answer;

    const result = new MispResultBuilder();
    const tag = (key: string, tagValue: unknown) => {
      const text = scalar(tagValue);
      if (text !== undefined && text !== '') result.addTag(`rl:${key}="${text}"`);
    };
    const threats = arr(data['top_threats']);
    let main;
    let reportTitle: string;
    let link: string | undefined;
    let dnsRecords: Json[] = [];
    if (iocType === 'file') {
      const s = obj(data['sample_summary']);
      main = result.addObject('file', [
        ['sha1', scalar(s['sha1'])],
        ['md5', scalar(s['md5'])],
        ['sha256', scalar(s['sha256'])],
        ['sha512', scalar(s['sha512'])],
        ['ssdeep', scalar(s['ssdeep'])],
        ['imphash', scalar(s['imphash'])],
        ['tlsh', scalar(s['tlsh'])],
        ['size-in-bytes', scalar(s['file_size'])],
        ['text', [s['file_type'], s['classification'], s['riskscore'], s['modified_time'], s['classification_result']].map(scalar)],
        ['entropy', scalar(s['entropy'])],
      ]);
      for (const key of ['extracted_file_count', 'classification', 'riskscore', 'threat_level', 'trust_factor', 'classification_result', 'classification_source']) tag(key, s[key]);
      tag('data_source', data['data_source'] ?? s['data_source'] ?? 'LOCAL');
      tag('classification_reason', s['classification_reason']);
      tag('file_type', s['file_type']);
      reportTitle = 'ReversingLabs File Analysis';
      const sha1 = scalar(s['sha1']);
      link = sha1 === undefined ? undefined : `${apiUrl}/${sha1}/`;
    } else if (iocType === 'domain') {
      const domain = scalar(data['requested_domain']) ?? value;
      const names = threats.map((t) => scalar(t['threat_name'])).filter((n) => n !== undefined);
      main = result.addObject('domain-ip', [
        ['domain', domain],
        ['first-seen', scalar(data['first_seen'])],
        ['last-seen', scalar(data['last_seen'])],
        ['text', names.length > 0 ? names.map((n) => `${n}, `).join('') : undefined],
      ]);
      tag('classification', data['classification']);
      tag('riskscore', data['riskscore']);
      for (const t of threats) tag('threat', t['threat_name']);
      for (const t of threats) tag('malware-family', t['threat_family']);
      reportTitle = 'ReversingLabs Domain Report';
      link = `${apiUrl}/domain/${domain}/analysis/domain/`;
      dnsRecords = arr(data['last_dns_records']);
    } else if (iocType === 'ip') {
      const ip = scalar(data['requested_ip']) ?? value;
      main = result.addObject('ip-port', [
        ['ip', ip],
        ['text', [scalar(data['modified_time']), scalar(threats[0]?.['risk_score'])]],
      ]);
      for (const t of threats) tag('riskscore', t['risk_score']);
      for (const t of threats) tag('threat', t['threat_name']);
      reportTitle = 'ReversingLabs IP Report';
      link = `${apiUrl}/ip/${ip}/analysis/ip/`;
    } else {
      const url = scalar(data['requested_url']) ?? value;
      main = result.addObject('url', [
        ['url', url],
        ['first-seen', scalar(data['first_seen'])],
        ['last-seen', scalar(data['last_seen'])],
        ['text', [scalar(data['threat_name'] ?? data['classification']), scalar(data['classification']), scalar(data['riskscore']), scalar(data['reason'])]],
        ['host', scalar(data['domain'])],
        ['scheme', scalar(data['scheme'])],
        ['port', scalar(data['port'])],
        ['fragment', scalar(data['fragment'])],
      ]);
      for (const key of ['classification', 'riskscore', 'threat_level', 'trust_factor', 'threat_name', 'reason']) tag(key, data[key]);
      for (const t of threats) tag('threat', t['threat_name']);
      for (const t of threats) tag('malware-family', t['threat_family']);
      reportTitle = 'ReversingLabs URL Report';
      link = `${apiUrl}/url/${encodeURIComponent(String(url))}/analysis/url/`;
    }

    const report = result.addObject('report', [
      ['title', reportTitle],
      ['type', 'threat-intelligence'],
      ['summary', unifiedSummary(data, iocType, value)],
      ['link', link],
    ]);
    result.addReference(main.uuid, report.uuid, 'analysed-with');

    const recordsOf = (type: string) => dnsRecords.filter((r) => r['type'] === type).map((r) => scalar(r['value']));
    if (recordsOf('A').length > 0) {
      const relations: Array<RelationEntry<'queried-domain' | 'a-record' | 'aaaa-record' | 'cname-record' | 'mx-record' | 'ns-record' | 'txt-record' | 'soa-record' | 'srv-record' | 'ptr-record'>> = [
        ['queried-domain', scalar(data['requested_domain']) ?? value],
        ['a-record', recordsOf('A')],
        ['aaaa-record', recordsOf('AAAA')],
        ['cname-record', recordsOf('CNAME')],
        ['mx-record', recordsOf('MX')],
        ['ns-record', recordsOf('NS')],
        ['txt-record', recordsOf('TXT')],
        ['soa-record', recordsOf('SOA')],
        ['srv-record', recordsOf('SRV')],
        ['ptr-record', recordsOf('PTR')],
      ];
      const dns = result.addObject('dns-record', relations);
      result.addReference(report.uuid, dns.uuid, 'related-to');
    }
    return result.toResults();
  },
});
