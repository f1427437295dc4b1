/**
 * ipqs_fraud_and_risk_scoring: IPQualityScore reputation for IPs, domains
 * and URLs, emails, phone numbers, usernames and passwords, and its malware
 * file scanner for attachments and malware samples. Requests go to
 * `base_url` (default https://ipqualityscore.com/api/json) with the
 * `IPQS-KEY` header, as upstream: `GET /ip?ip=`, `/url?url=`, `/email?email=`
 * and `/leaked/email?email=`, `/phone?phone=`, `/leaked/username?username=`,
 * `/leaked/password?password=`; files: see _ipqs/malware.ts.
 *
 * Kept from upstream: the name, `apikey` / `base_url` / `poll_delay`, the
 * input types, the fields read and the names shown (_ipqs/fields.ts), the
 * values as Python writes them ("True", "None"), the verdict tag
 * `IPQS:VERDICT="…"` with upstream's thresholds (_ipqs/verdict.ts), the
 * message "IPQualityScore apikey is missing", an answer with `success` not
 * true reported with IPQS's `message`.
 * Changed: upstream answers a custom "IPQS Fraud and Risk Scoring Object"
 * that has no misp-objects template (MISP cannot check it): the same
 * fields come back as an event report (a table of "IPQS: Fraud Score | 87"
 * rows under upstream's "Results from IPQualityScore … API"), and the
 * verdict tag goes on the input attribute itself (echoed with its uuid)
 * instead of on a copy inside the object. File scans answer a `file` object
 * (md5, sha1, sha256, filename, size-in-bytes, mimetype) and the engines'
 * detections as text attributes tagged Detected:… / Error:…, as
 * misp_standard results (upstream answered a legacy list there, which MISP
 * does not read from a misp_standard module).
 * Fixed: without `base_url` upstream crashed on lookups and skipped file
 * scans: IPQS's own URL is the default. An attachment's file name is the
 * attribute value when the request has no top-level `attachment`. A
 * missing file is "No malware sample or attachment supplied" (upstream
 * uploaded an empty file). Other failures name IPQualityScore, the HTTP
 * status and what it said.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext, type Query } from '../../core/module.js';
import { decodeBase64, requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import type { VendorApi } from '../../core/vendor-api.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import {
  EMAIL_FIELDS, IP_FIELDS, LEAKED_EMAIL_FIELDS, PASSWORD_FIELDS, PHONE_FIELDS, URL_FIELDS, USERNAME_FIELDS, type FieldList,
} from './_ipqs/fields.js';
import { scanFile, type MalwareAnswer } from './_ipqs/malware.js';
import { flatten, pythonStr, score, VERDICT, verdictTag } from './_ipqs/verdict.js';

const IP_TYPES = ['ip-src', 'ip-dst'];
const URL_TYPES = ['hostname', 'domain', 'url', 'uri'];
const EMAIL_TYPES = ['email', 'email-src', 'email-dst', 'target-email', 'whois-registrant-email'];
const USERNAME_TYPES = ['first-name', 'last-name', 'middle-name', 'github-username'];
const PASSWORD_TYPES = ['text'];
const PHONE_TYPES = ['phone-number', 'whois-registrant-phone'];
const FILE_TYPES = ['attachment', 'malware-sample'];
const INPUT_TYPES = [...IP_TYPES, ...URL_TYPES, ...EMAIL_TYPES, ...USERNAME_TYPES, ...PASSWORD_TYPES, ...PHONE_TYPES, ...FILE_TYPES];

const DEFAULT_BASE_URL = 'https://ipqualityscore.com/api/json';

const MESSAGES = defineMessages({
  noKey: 'IPQualityScore apikey is missing',
  apiError: 'IPQualityScore answered an error: {message}',
  noSample: 'No malware sample or attachment supplied',
  sampleError: 'Unable to process submitted sample data',
  noScanResult: 'Unable to parse results.',
  stillPending: 'IPQualityScore has not finished scanning the file (request {requestId}); try again later.',
});

/** One section of the report: upstream's comment and the fields it shows. */
interface Section {
  comment: string;
  rows: Array<[string, string]>;
}

function rows(answer: Record<string, unknown>, fields: FieldList): Array<[string, string]> {
  return fields.flatMap(([field, name]) => {
    if (!(field in answer)) return [];
    const value = pythonStr(answer[field]);
    return value.length > 0 ? [[name, value] as [string, string]] : [];
  });
}

/** A lookup answer; `success` not true is IPQS's error (its `message`). */
async function lookup(api: VendorApi, path: string, kind: string, value: string): Promise<Record<string, unknown>> {
  const answer = await api.get<Record<string, unknown>>(path, { query: { [kind]: value } });
  if (typeof answer !== 'object' || answer === null || answer['success'] !== true) {
    const message = typeof answer === 'object' && answer !== null ? pythonStr(answer['message']) : 'no answer';
    throw MESSAGES.error('apiError', { message });
  }
  return flatten(answer);
}

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function reportContent(title: string, verdict: string | undefined, sections: Section[]): string {
  const lines = [`# ${title}`, ''];
  if (verdict) lines.push(`Verdict: **${verdict}** (tag \`${verdictTag(verdict)}\`)`, '');
  for (const section of sections) {
    if (!section.rows.length) continue;
    lines.push(section.comment, '', '| Field | Value |', '| --- | --- |', ...section.rows.map(([name, value]) => `| ${cell(name)} | ${cell(value)} |`), '');
  }
  return lines.join('\n');
}

/** The reputation lookups: sections of the report and the verdict. */
async function reputation(api: VendorApi, attribute: InputAttribute): Promise<{ api: string; sections: Section[]; verdict?: string }> {
  const { type, value } = attribute;
  if (IP_TYPES.includes(type)) {
    const answer = await lookup(api, '/ip', 'ip', value);
    const comment = 'Results from IPQualityScore IP Reputation API';
    const fraud = 'fraud_score' in answer ? score(answer['fraud_score']) : undefined;
    return { api: 'IP Reputation', sections: [{ comment, rows: rows(answer, IP_FIELDS) }], ...(fraud !== undefined ? { verdict: VERDICT.ip(fraud) } : {}) };
  }
  if (URL_TYPES.includes(type)) {
    const answer = await lookup(api, '/url', 'url', value);
    const comment = 'Results from IPQualityScore Malicious URL Scanner API';
    const risk = 'risk_score' in answer ? score(answer['risk_score']) : 0;
    const verdict = VERDICT.url(risk, 'malware' in answer ? pythonStr(answer['malware']) : '', 'phishing' in answer ? pythonStr(answer['phishing']) : '');
    return { api: 'Malicious URL Scanner', sections: [{ comment, rows: rows(answer, URL_FIELDS) }], verdict };
  }
  if (EMAIL_TYPES.includes(type)) {
    const answer = await lookup(api, '/email', 'email', value);
    const leaked = await lookup(api, '/leaked/email', 'email', value);
    const comment = 'Results from IPQualityScore Email Verification API';
    const fraud = 'fraud_score' in answer ? score(answer['fraud_score']) : 0;
    const verdict = VERDICT.email(fraud, 'disposable' in answer ? pythonStr(answer['disposable']) : '', 'valid' in answer ? pythonStr(answer['valid']) : '');
    return { api: 'Email Verification', sections: [{ comment, rows: rows(answer, EMAIL_FIELDS) }, { comment: 'Results from IPQualityScore Darkweb Leak API', rows: rows(leaked, LEAKED_EMAIL_FIELDS) }], verdict };
  }
  if (PHONE_TYPES.includes(type)) {
    const answer = await lookup(api, '/phone', 'phone', value);
    const comment = 'Results from IPQualityScore Phone Number Validation API';
    const fraud = 'fraud_score' in answer ? score(answer['fraud_score']) : 0;
    const verdict = VERDICT.phone(fraud, 'valid' in answer ? pythonStr(answer['valid']) : '', 'active' in answer ? pythonStr(answer['active']) : '');
    return { api: 'Phone Number Validation', sections: [{ comment, rows: rows(answer, PHONE_FIELDS) }], verdict };
  }
  if (USERNAME_TYPES.includes(type)) {
    const answer = await lookup(api, '/leaked/username', 'username', value);
    return { api: 'Username Exposure', sections: [{ comment: 'Results from IPQualityScore Username Exposure API', rows: rows(answer, USERNAME_FIELDS) }] };
  }
  const answer = await lookup(api, '/leaked/password', 'password', value);
  return { api: 'Password Exposure', sections: [{ comment: 'Results from IPQualityScore Password Exposure API', rows: rows(answer, PASSWORD_FIELDS) }] };
}

/** The file to scan: a malware-sample's zip opened with "infected", an attachment as is. */
async function sampleFile(query: Query, attribute: InputAttribute): Promise<{ filename: string; data: Uint8Array }> {
  const raw = attribute['data'];
  if (typeof raw !== 'string' || raw.trim() === '') throw MESSAGES.error('noSample');
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(raw, 'not base64');
  } catch {
    throw MESSAGES.error('sampleError');
  }
  if (attribute.type === 'attachment') {
    const name = typeof query['attachment'] === 'string' && query['attachment'] ? query['attachment'] : attribute.value;
    return { filename: name, data: bytes };
  }
  try {
    const { ZipArchive } = await import('../_shared/archives/index.js');
    const archive = await ZipArchive.open(bytes, {}, 'The malware-sample zip');
    const first = archive.entries.find((entry) => !entry.directory);
    if (!first) throw new Error('empty archive');
    return { filename: attribute.value.split('|')[0] ?? attribute.value, data: await archive.read(first.name, { password: 'infected' }) };
  } catch {
    throw MESSAGES.error('sampleError');
  }
}

function scanResults(attribute: InputAttribute, answer: MalwareAnswer): ReturnType<MispResultBuilder['toResults']> {
  if (typeof answer !== 'object' || answer === null || Object.keys(answer).length === 0) throw MESSAGES.error('noScanResult');
  if (answer.success === false) throw MESSAGES.error('apiError', { message: pythonStr(answer.message) });
  const result = new MispResultBuilder();
  const text = (value: unknown) => (value === undefined || value === null || value === '' || value === false || value === 0 ? undefined : pythonStr(value));
  const fields = [
    ['md5', text(answer.md5)], ['sha1', text(answer.sha1)], ['filename', text(answer.file_name)], ['sha256', text(answer.file_hash)],
    ['size-in-bytes', text(answer.file_size)], ['mimetype', text(answer.file_type)],
  ] as const;
  if (fields.some(([, value]) => value !== undefined)) {
    const file = result.addObject('file', fields);
    result.addReference(file.uuid, attribute.uuid, 'related-to');
  }
  for (const entry of Array.isArray(answer.result) ? answer.result : []) {
    const engine = (typeof entry === 'object' && entry !== null ? entry : {}) as { name?: unknown; detected?: unknown; error?: unknown };
    if (!engine.name) continue;
    const tags = [`Detected:${'detected' in engine ? pythonStr(engine.detected) : 'none'}`, `Error:${'error' in engine ? pythonStr(engine.error) : ''}`];
    result.addAttribute({ type: 'text', value: pythonStr(engine.name), tags });
  }
  if (result.isEmpty && answer.status === 'pending') throw MESSAGES.error('stillPending', { requestId: pythonStr(answer.request_id) });
  if (result.isEmpty) throw MESSAGES.error('noScanResult');
  return result.toResults();
}

function pollDelay(raw: string | undefined): number {
  const parsed = raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : 1;
  return Math.min(parsed, 60);
}

async function handle(query: Query, ctx: ModuleContext) {
  if (!ctx.config['apikey']) throw MESSAGES.error('noKey');
  const attribute = requireAttribute(query, INPUT_TYPES);
  const api = ctx.vendor({
    name: 'IPQualityScore',
    baseUrl: (ctx.config['base_url']?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, ''),
    auth: { in: 'header', header: 'IPQS-KEY', setting: 'apikey' },
    missingKey: () => MESSAGES.error('noKey'),
  });

  if (FILE_TYPES.includes(attribute.type)) {
    const { filename, data } = await sampleFile(query, attribute);
    return scanResults(attribute, await scanFile(api, filename, data, pollDelay(ctx.config['poll_delay']), ctx.signal));
  }

  const found = await reputation(api, { ...attribute, value: attribute.value.trim() });
  const result = new MispResultBuilder();
  const echoed = result.echoInputAttribute(attribute);
  if (found.verdict) {
    const tag = verdictTag(found.verdict);
    if (!(echoed.Tag ?? []).some((t) => t.name === tag)) echoed.Tag = [...(echoed.Tag ?? []), { name: tag }];
  }
  if (found.sections.some((section) => section.rows.length > 0)) {
    // A password is not written into the report's title.
    const subject = PASSWORD_TYPES.includes(attribute.type) ? 'a password' : `${attribute.type} ${attribute.value.trim()}`;
    const title = `IPQualityScore ${found.api}: ${subject}`;
    result.addEventReport(title, reportContent(title, found.verdict, found.sections));
  }
  return result.toResults();
}

export default defineModule({
  name: 'ipqs_fraud_and_risk_scoring',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'David Mackler',
    description:
      'IPQualityScore MISP Expansion Module for IP reputation,        Email Validation, Phone Number Validation, Malicious ' +
      'Domain,Malicious URL Scanner,Malicious File Scanner & Compromised username, Password, Email  ',
    name: 'IPQualityScore Lookup',
    logo: 'ipqualityscore.png',
    requirements: ['A IPQualityScore API Key.'],
    features:
      'This Module takes the IP Address, Domain, URL, Email, Phone Number,\n        Username,Password, and MISP Attributes as input ' +
      'to query the\n        IPQualityScore API.\n        The results of the IPQualityScore API are then returned as an\n        ' +
      'IPQS Fraud, Risk,and Exposure Scoring Object.\n        The object contains a copy of the enriched attribute with added tags\n' +
      '        presenting the verdict based on fraud score, risk score,\n        darkweb exposure status, and other attributes from ' +
      'IPQualityScore.\n        This module also contains IPQS Darkweb Leak, IPQS Malware\n        File Scanner API\'s\n        IPQS ' +
      'Darkweb Leak - Monitor Dark Web Activity &\n        Compromised User Accounts,\n        IPQS Malware File Scanner - Detect ' +
      'malicious files.\n        ',
    references: ['https://www.ipqualityscore.com/'],
    input:
      'A MISP attribute of type IP Address(ip-src, ip-dst),Domain(hostname, domain), URL(url, uri), Email Address(email, ' +
      'email-src, email-dst, target-email, whois-registrant-email) and Phone Number(phone-number, whois-registrant-phone), ' +
      'Username(first-name, last-name, middle-name, github-username), Password(text).',
    output: 'IPQualityScore object, resulting from the query on the IPQualityScore API.',
  },
  config: {
    apikey: { description: 'IPQualityScore API key (sent as the IPQS-KEY header)', secret: true },
    base_url: { description: 'IPQualityScore API base URL (default https://ipqualityscore.com/api/json/)' },
    poll_delay: { description: 'Seconds between polls of a pending file scan (default 1, at most 60)' },
  },
  attributes: { input: INPUT_TYPES, format: 'misp_standard' },
  messages: MESSAGES,
  handle,
});
