/**
 * hyasinsight: what HYAS Insight knows of an IP, domain, e-mail, phone number
 * or hash. POSTs `{"applied_filters": {<filter>: <value>}}` to
 * `https://insight.hyas.com/api/ext/<endpoint>` (current WHOIS:
 * `https://api.hyas.com/whois/v1` with `"current": true`) with the key in
 * `X-API-Key`, endpoint by endpoint in upstream's order, and answers one
 * object per record found, linked `related-to` the input.
 *
 * Kept from upstream: the name, `apikey`, the input types, the endpoints,
 * filters and their order (including the `hash` filter upstream keeps for
 * os_indicators after sample/information), the fields shown with their
 * labels and object titles, distribution 0 ("your organisation only") on
 * what it adds, and the messages "HYAS Insight apikey is missing",
 * "Unsupported attributes type for HYAS Insight Enrichment" and "No records
 * found in HYAS Insight for the provided attribute.".
 * Fixed: upstream builds objects named after the endpoint ("Passive DNS
 * Information") that no MISP template defines, so MISP cannot store them:
 * each record becomes an `annotation` object (type: that title, text: one
 * "Label: value" line per field, comment "HYAS INSIGHT <title> for <value>");
 * upstream silently drops an endpoint that answers 401/429/500 and ends with
 * "No records found": a vendor failure now says so (HYAS Insight, the HTTP
 * status and its message); null fields are left out instead of "None".
 */
import { isIP } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { HYAS_LABELS, HYAS_TITLES, hyasPlan, type HyasEndpoint } from './_hyas/fields.js';

const MESSAGES = defineMessages({
  noKey: 'HYAS Insight apikey is missing',
  unsupported: 'Unsupported attributes type for HYAS Insight Enrichment',
  noRecords: 'No records found in HYAS Insight for the provided attribute.',
});

const INPUT_TYPES = [
  'ip-src', 'ip-dst', 'hostname', 'domain', 'email', 'email-src', 'email-dst', 'target-email', 'whois-registrant-email',
  'phone-number', 'whois-registrant-phone', 'md5', 'x509-fingerprint-md5', 'ja3-fingerprint-md5', 'hassh-md5',
  'hasshserver-md5', 'sha1', 'x509-fingerprint-sha1', 'sha256', 'x509-fingerprint-sha256', 'sha512',
];

/** Distribution "Your organisation only", as upstream sets it. */
const YOUR_ORGANISATION_ONLY = 0;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested objects joined with `_` (upstream's flatten_json). */
function flatten(record: Json, prefix = '', out: Json = {}): Json {
  for (const [key, value] of Object.entries(record)) {
    if (isRecord(value)) flatten(value, `${prefix}${key}_`, out);
    else out[`${prefix}${key}`] = value;
  }
  return out;
}

function shown(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** sample/information answers one record with its AV scans: one row per scan (upstream's malware_info_lookup_to_markdown). */
function malwareInformationRows(info: Json): Json[] {
  const common = { avscan_score: info['avscan_score'], md5: info['md5'], scan_time: info['scan_time'], sha1: info['sha1'], sha256: info['sha256'], sha512: info['sha512'] };
  const scans = Array.isArray(info['scan_results']) ? info['scan_results'].filter(isRecord) : [];
  if (scans.length === 0) return [common];
  return scans.map((scan) => ({ ...common, av_name: scan['av_name'], def_time: scan['def_time'], threat_found: scan['threat_found'] }));
}

/** The records of one endpoint's answer (a list, or wrapped as upstream reads it). */
function recordsOf(endpoint: HyasEndpoint, answer: unknown): Json[] {
  if (endpoint === 'ssl_certificate') answer = isRecord(answer) ? answer['ssl_certs'] : undefined;
  if (endpoint === 'whois/v1') answer = isRecord(answer) ? answer['items'] : undefined;
  if (endpoint === 'sample/information') {
    if (Array.isArray(answer)) answer = answer[0];
    return isRecord(answer) && Object.keys(answer).length > 0 ? malwareInformationRows(answer) : [];
  }
  return Array.isArray(answer) ? answer.filter(isRecord) : [];
}

async function lookup(insight: VendorApi, whois: VendorApi, endpoint: HyasEndpoint, filter: string, value: string): Promise<unknown> {
  if (endpoint === 'whois/v1') {
    return whois.find('/whois/v1', { method: 'POST', json: { applied_filters: { [filter]: value, current: true } } });
  }
  return insight.find(`/${endpoint}`, { method: 'POST', json: { applied_filters: { [filter]: value } } });
}

export default defineModule({
  name: 'hyasinsight',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Mike Champ',
    description:
      'HYAS Insight integration to MISP provides direct, high volume access to HYAS Insight data. It enables investigators ' +
      'and analysts to understand and defend against cyber adversaries and their infrastructure.',
    name: 'HYAS Insight Lookup',
    logo: 'hyas.png',
    requirements: ['A HYAS Insight API Key.'],
    features:
      'This Module takes the IP Address, Domain, URL, Email, Phone Number, MD5, SHA1, Sha256, SHA512 MISP Attributes as input ' +
      'to query the HYAS Insight API.\n The results of the HYAS Insight API are than are then returned and parsed into Hyas ' +
      'Insight Objects. \n\nAn API key is required to submit queries to the HYAS Insight API.\n',
    references: ['https://www.hyas.com/hyas-insight/'],
    input:
      'A MISP attribute of type IP Address(ip-src, ip-dst), Domain(hostname, domain), Email Address(email, email-src, ' +
      'email-dst, target-email, whois-registrant-email), Phone Number(phone-number, whois-registrant-phone), MDS(md5, ' +
      'x509-fingerprint-md5, ja3-fingerprint-md5, hassh-md5, hasshserver-md5), SHA1(sha1, x509-fingerprint-sha1), ' +
      'SHA256(sha256, x509-fingerprint-sha256), SHA512(sha512)',
    output: 'Hyas Insight objects, resulting from the query on the HYAS Insight API.',
  },
  config: { apikey: { description: 'HYAS Insight API key (sent as X-API-Key)', secret: true } },
  attributes: { input: INPUT_TYPES, format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const vendor = (baseUrl: string) =>
      ctx.vendor({
        name: 'HYAS Insight',
        baseUrl,
        auth: { in: 'header', header: 'X-API-Key', setting: 'apikey' },
        missingKey: () => MESSAGES.error('noKey'),
        headers: { 'User-Agent': 'Misp Modules' },
      });
    const insight = vendor('https://insight.hyas.com/api/ext');
    const whois = vendor('https://api.hyas.com');
    insight.requireKey();
    const attribute = requireAttribute(query);
    const value = attribute.value.trim();
    const version = isIP(value);
    const plan = hyasPlan(attribute.type, version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : 'ip');
    if (!plan) throw MESSAGES.error('unsupported');

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    let found = false;
    for (const [endpoint, filter] of plan) {
      const labels = HYAS_LABELS[endpoint];
      const title = HYAS_TITLES[endpoint];
      for (const record of recordsOf(endpoint, await lookup(insight, whois, endpoint, filter, value))) {
        const fields = flatten(record);
        const lines = Object.entries(labels).flatMap(([field, label]) => {
          const text = shown(fields[field]);
          return text === undefined ? [] : [`${label}: ${text}`];
        });
        if (lines.length === 0) continue;
        found = true;
        const object = result.addObject(
          'annotation',
          [['type', title], ['format', 'text'], ['text', lines.join('\n')]],
          { comment: `HYAS INSIGHT ${title} for ${value}`, distribution: YOUR_ORGANISATION_ONLY },
        );
        result.addReference(object.uuid, attribute.uuid, 'related-to');
      }
    }
    if (!found) throw MESSAGES.error('noRecords');
    return result.toResults();
  },
});
