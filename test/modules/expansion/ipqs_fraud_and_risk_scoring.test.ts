/**
 * ipqs_fraud_and_risk_scoring against a loopback IPQualityScore API: the
 * reputation endpoints (`/ip`, `/url`, `/email`, `/phone`, `/leaked/…`) and
 * the malware file scanner (`/malware/lookup/`, `/malware/scan/`,
 * `/postback/`), the `IPQS-KEY` header checked as IPQS does (HTTP 200 with
 * `{"success": false, "message": "Invalid or unauthorized key…"}`), bodies
 * shaped like IPQS's documented answers.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ipqs from '../../../src/modules/expansion/ipqs_fraud_and_risk_scoring.js';
import { flatten, pythonStr } from '../../../src/modules/expansion/_ipqs/verdict.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';
import { test } from 'node:test';

const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);
const UUID = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';
const KEY = 'ipqs-key-Zx81';
const IP = '203.0.113.5';
const EICAR = await readFile(new URL('EICAR.com', SAMPLES));
const INFECTED_ZIP = (await readFile(new URL('infected.zip', SAMPLES))).toString('base64');

const INVALID_KEY = { success: false, message: 'Invalid or unauthorized key. Please check the API key and try again.', request_id: '4DN4Lq3sYx' };
const keyed = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse => (req.headers['ipqs-key'] === KEY ? handler(req) : { json: INVALID_KEY });

const IP_ANSWER = {
  success: true, message: 'Success', fraud_score: 87, country_code: 'US', region: 'California', city: 'Los Angeles', ISP: 'Example Hosting',
  ASN: 64500, organization: 'Example Hosting', is_crawler: false, timezone: 'America/Los_Angeles', mobile: false, host: 'host5.provider.example',
  proxy: true, vpn: true, tor: false, active_vpn: false, active_tor: false, recent_abuse: true, bot_status: true, connection_type: 'Data Center',
  abuse_velocity: 'high', zip_code: 'N/A', latitude: 34.05, longitude: -118.24, request_id: '4DL0XEaYhb',
};
const URL_ANSWER = {
  message: 'Success.', success: true, unsafe: true, domain: 'bad-domain.example', root_domain: 'bad-domain.example', ip_address: IP, server: 'nginx',
  content_type: 'text/html; charset=UTF-8', status_code: 200, page_size: 5120, domain_rank: 0, dns_valid: true, parking: false, spamming: false,
  malware: false, phishing: true, suspicious: true, adult: false, risk_score: 100, country_code: 'US', category: 'Phishing',
  domain_age: { human: '2 weeks ago', timestamp: 1717200000, iso: '2024-06-01T00:00:00-04:00' }, redirected: false, language_code: 'en',
  final_url: 'https://bad-domain.example/login', scanned_url: 'https://bad-domain.example/login', a_records: [IP, '203.0.113.6'], mx_records: [],
  ns_records: ['ns1.dns-host.example'], technologies: ['Nginx'], request_id: '4DL0XEbQ2c',
};
const EMAIL_ANSWER = {
  message: 'Success.', success: true, valid: true, disposable: false, smtp_score: 3, overall_score: 4, first_name: 'Unknown', generic: false,
  common: true, dns_valid: true, honeypot: false, deliverability: 'high', frequent_complainer: false, spam_trap_score: 'none', catch_all: false,
  timed_out: false, suspect: false, recent_abuse: false, fraud_score: 90, suggested_domain: 'N/A', leaked: true,
  domain_age: { human: '10 years ago', timestamp: 1400000000, iso: '2014-05-13T12:53:20-04:00' },
  first_seen: { human: '5 years ago', timestamp: 1546300800, iso: '2019-01-01T00:00:00-05:00' }, sanitized_email: 'victim@mail.example', request_id: 'X1',
};
const LEAKED_EMAIL = {
  success: true, message: 'Success.', source: ['Collection #1', 'Combo list'], exposed: true,
  first_seen: { human: '5 years ago', timestamp: 1546300800, iso: '2019-01-01T00:00:00-05:00' }, plain_text_password: false, request_id: 'X2',
};
const PHONE_ANSWER = {
  message: 'Phone is valid.', success: true, formatted: '+18005550199', local_format: '(800) 555-0199', valid: true, fraud_score: 55,
  recent_abuse: false, VOIP: true, prepaid: null, risky: false, active: true, carrier: 'Example Carrier', line_type: 'VOIP', country: 'US',
  city: 'Los Angeles', zip_code: 'N/A', region: 'CA', dialing_code: 1, active_status: 'N/A', sms_domain: 'N/A',
  associated_email_addresses: { status: 'Enterprise Plus or higher required.', emails: [] }, user_activity: 'Enterprise L4+ required.',
  mnc: 'N/A', mcc: 'N/A', leaked: false, spammer: false, request_id: 'P1', name: 'N/A', timezone: 'America/Los_Angeles', do_not_call: false,
  accurate_country_code: true, sms_email: 'N/A', tcpa_blacklist: false,
};
const LEAKED_USER = { success: true, message: 'Success.', source: ['Forum dump'], exposed: true, first_seen: { human: '2 years ago', timestamp: 1650000000, iso: '2022-04-15T01:20:00-04:00' }, request_id: 'U1' };

/** A finished scan of the EICAR sample, as the malware scanner documents it. */
const SCAN_DONE = {
  success: true, message: 'Success.', status: 'finished', file_name: 'EICAR.com', file_hash: 'a26e5910ac0dc3a97745adfbbf7504dac7750c2e3f9e732c356a8a10d3a18ac4',
  md5: 'c096e193b3d7bd38f267af0bf2eafa91', sha1: '3395856ce81f2b7382dee72602f798b642f14140', file_size: 58, file_type: 'text/plain', detected: true,
  result: [{ name: 'Engine A', detected: true, error: '' }, { name: 'Engine B', detected: false, error: null }, { detected: false }], request_id: 'M1',
};

/** The uploaded file of a multipart body (the fake checks the bytes sent). */
function uploaded(req: FakeRequest): { filename: string; data: Buffer } | undefined {
  const boundary = /boundary=(.+)$/.exec(String(req.headers['content-type']))?.[1];
  if (!boundary) return undefined;
  const raw = req.rawBody;
  const start = raw.indexOf('\r\n\r\n') + 4;
  const end = raw.indexOf(Buffer.from(`\r\n--${boundary}--`));
  const filename = /filename="([^"]*)"/.exec(raw.subarray(0, start).toString())?.[1] ?? '';
  return { filename, data: raw.subarray(start, end) };
}

const fileScan = (status: 'cached' | 'pending') =>
  keyed((req) => {
    const file = uploaded(req);
    if (!file || !file.data.equals(EICAR)) return { status: 400, json: { success: false, message: 'No file uploaded.' } };
    return { json: status === 'cached' ? { ...SCAN_DONE, status: 'cached' } : { success: true, message: 'Success.', status: 'pending', request_id: 'M1' } };
  });

let polls = 0;
const IPQS = {
  'GET /api/json/ip': keyed((req) => ({ json: req.query['ip'] === IP ? IP_ANSWER : { ...IP_ANSWER, fraud_score: 0, proxy: false } })),
  'GET /api/json/url': keyed(() => ({ json: URL_ANSWER })),
  'GET /api/json/email': keyed(() => ({ json: EMAIL_ANSWER })),
  'GET /api/json/leaked/email': keyed(() => ({ json: LEAKED_EMAIL })),
  'GET /api/json/phone': keyed(() => ({ json: PHONE_ANSWER })),
  'GET /api/json/leaked/username': keyed(() => ({ json: LEAKED_USER })),
  'GET /api/json/leaked/password': keyed(() => ({ json: { success: true, message: 'Success.', source: [], exposed: false, request_id: 'W1' } })),
  'POST /api/json/malware/lookup/': keyed(() => ({ json: { success: false, message: 'File not found in cache.', request_id: 'M0' } })),
  'POST /api/json/malware/scan/': fileScan('pending'),
  'GET /api/json/postback/': keyed((req) => ({ json: req.query['request_id'] === 'M1' && ++polls >= 2 ? SCAN_DONE : { success: true, status: 'pending', request_id: 'M1' } })),
} satisfies Routes;

const attribute = (type: string, value: string, extra: Record<string, unknown> = {}) => ({ attribute: { type, value, uuid: UUID, ...extra } });
type Echoed = { uuid: string; type: string; value: string; Tag?: Array<{ name: string }> };
const results = (answer: Answer) => answer['results'] as { Attribute?: Echoed[]; EventReport?: Array<{ name: string; content: string }>; Object?: unknown[] };

test('pythonStr and flatten write values as upstream does', () => {
  assert.deepEqual([pythonStr(true), pythonStr(false), pythonStr(null), pythonStr(87), pythonStr('x')], ['True', 'False', 'None', '87', 'x']);
  assert.deepEqual(flatten({ a: { b: 1, c: [true, 'x'] }, d: null }), { 'a.b': 1, 'a.c': 'True, x', d: null });
});

testModule({
  module: ipqs,
  vendors: { 'ipqualityscore.com': IPQS, 'ipqs.proxy.example': IPQS },
  config: { apikey: KEY },
  rows: [
    {
      name: 'an IP: the verdict tag on the input, the fields in an event report',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.target), [`/api/json/ip?ip=${IP}`]);
        assert.equal(requests[0]!.headers['ipqs-key'], KEY);
      },
      check: (answer) => {
        const { Attribute, EventReport } = results(answer);
        assert.deepEqual(Attribute!.map((a) => [a.uuid, a.value, a.Tag?.map((t) => t.name)]), [[UUID, IP, ['IPQS:VERDICT="HIGH RISK"']]]);
        assert.equal(EventReport!.length, 1);
        const { name, content } = EventReport![0]!;
        assert.equal(name, `IPQualityScore IP Reputation: ip-dst ${IP}`);
        assert.match(content, /Verdict: \*\*HIGH RISK\*\*/);
        assert.match(content, /Results from IPQualityScore IP Reputation API\n\n\| Field \| Value \|\n\| --- \| --- \|\n\| IPQS: Fraud Score \| 87 \|\n\| IPQS: Country Code \| US \|/);
        assert.match(content, /\| IPQS: Proxy \| True \|\n\| IPQS: VPN \| True \|\n\| IPQS: TOR \| False \|/);
        assert.match(content, /\| IPQS: Latitude \| 34\.05 \|\n\| IPQS: Longitude \| -118\.24 \|$/);
      },
    },
    {
      name: 'a clean IP (fraud score 0): CLEAN',
      query: attribute('ip-src', '198.51.100.1'),
      check: (answer) => assert.deepEqual(results(answer).Attribute![0]!.Tag?.map((t) => t.name), ['IPQS:VERDICT="CLEAN"']),
    },
    {
      name: 'a domain: the URL scanner, phishing is CRITICAL, flattened and list values as upstream',
      query: attribute('domain', 'bad-domain.example'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), ['/api/json/url?url=bad-domain.example']),
      check: (answer) => {
        const { Attribute, EventReport } = results(answer);
        assert.deepEqual(Attribute![0]!.Tag?.map((t) => t.name), ['IPQS:VERDICT="CRITICAL"']);
        assert.match(EventReport![0]!.content, /\| IPQS: A Records \| 203\.0\.113\.5, 203\.0\.113\.6 \|/);
        assert.match(EventReport![0]!.content, /\| IPQS: Domain Age Human \| 2 weeks ago \|/);
        assert.doesNotMatch(EventReport![0]!.content, /IPQS: MX Records/); // an empty list is an empty value: left out, as upstream
      },
    },
    {
      name: 'an email: verification and darkweb leak, fraud 90 is MODERATE RISK',
      query: attribute('email-src', 'victim@mail.example'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), ['/api/json/email?email=victim%40mail.example', '/api/json/leaked/email?email=victim%40mail.example']),
      check: (answer) => {
        const { Attribute, EventReport } = results(answer);
        assert.deepEqual(Attribute![0]!.Tag?.map((t) => t.name), ['IPQS:VERDICT="MODERATE RISK"']);
        assert.match(EventReport![0]!.content, /\| IPQS Darkweb Leak: Source \| Collection #1, Combo list \|\n\| IPQS Darkweb Leak: Exposed \| True \|/);
        assert.match(EventReport![0]!.content, /\| IPQS Darkweb Leak: Plain Text Password \| False \|/);
      },
    },
    {
      name: 'a phone number: fraud 55 is SUSPICIOUS, null written None',
      query: attribute('phone-number', '+18005550199'),
      check: (answer) => {
        const { Attribute, EventReport } = results(answer);
        assert.deepEqual(Attribute![0]!.Tag?.map((t) => t.name), ['IPQS:VERDICT="SUSPICIOUS"']);
        assert.match(EventReport![0]!.content, /\| IPQS: Prepaid \| None \|/);
      },
    },
    {
      name: 'a username: the darkweb exposure, no verdict',
      query: attribute('github-username', 'leaky'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), ['/api/json/leaked/username?username=leaky']),
      check: (answer) => {
        const { Attribute, EventReport } = results(answer);
        assert.equal(Attribute![0]!.Tag, undefined);
        assert.match(EventReport![0]!.content, /\| IPQS Darkweb Leak: Source \| Forum dump \|/);
      },
    },
    {
      name: 'a password (text): never in the report title',
      query: attribute('text', 'hunter2'),
      check: (answer) => {
        const report = results(answer).EventReport![0]!;
        assert.equal(report.name, 'IPQualityScore Password Exposure: a password');
        assert.doesNotMatch(report.content, /hunter2/);
      },
    },
    {
      name: 'a malware-sample: unzipped with "infected", not cached, scanned and polled until finished',
      query: attribute('malware-sample', 'EICAR.com|c096e193b3d7bd38f267af0bf2eafa91', { data: INFECTED_ZIP }),
      config: { poll_delay: '0' },
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [
        'POST /api/json/malware/lookup/', 'POST /api/json/malware/scan/', 'GET /api/json/postback/?request_id=M1', 'GET /api/json/postback/?request_id=M1',
      ]),
      check: (answer) => {
        const file = (answer['results'] as { Object: Array<{ name: string; Attribute: Array<{ object_relation: string; value: string }> }> }).Object[0]!;
        assert.deepEqual(Object.fromEntries(file.Attribute.map((a) => [a.object_relation, a.value])), {
          md5: SCAN_DONE.md5, sha1: SCAN_DONE.sha1, filename: 'EICAR.com', sha256: SCAN_DONE.file_hash, 'size-in-bytes': '58', mimetype: 'text/plain',
        });
        assert.deepEqual(results(answer).Attribute!.map((a) => [a.value, a.Tag?.map((t) => t.name)]), [
          ['Engine A', ['Detected:True', 'Error:']],
          ['Engine B', ['Detected:False', 'Error:None']],
        ]);
      },
    },
    {
      name: 'an attachment already in the cache: one lookup, its name from the request',
      query: { ...attribute('attachment', 'EICAR.com', { data: EICAR.toString('base64') }), attachment: 'renamed.com' },
      routes: { 'POST /api/json/malware/lookup/': (req: FakeRequest) => (uploaded(req)?.filename === 'renamed.com' ? fileScan('cached')(req) : { status: 400, json: { success: false, message: 'bad name' } }) },
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/json/malware/lookup/']),
      check: (answer) => assert.equal(results(answer).Attribute!.length, 2),
    },
    {
      name: 'a scan still pending after the polls',
      query: attribute('malware-sample', 'EICAR.com|c096e193b3d7bd38f267af0bf2eafa91', { data: INFECTED_ZIP }),
      config: { poll_delay: '0' },
      routes: { 'GET /api/json/postback/': { json: { success: true, status: 'pending', request_id: 'M1' } } },
      requests: (requests) => assert.equal(requests.filter((r) => r.path.endsWith('/postback/')).length, 4),
      messageId: 'stillPending',
      data: { requestId: 'M1' },
    },
    {
      name: 'polling stops when the query times out',
      query: { ...attribute('malware-sample', 'EICAR.com|c096e193b3d7bd38f267af0bf2eafa91', { data: INFECTED_ZIP }), timeout: 1 },
      config: { poll_delay: '5' },
      error: 'Timeout.',
    },
    { name: 'a scan answer with nothing in it', query: attribute('attachment', 'EICAR.com', { data: EICAR.toString('base64') }), routes: { 'POST /api/json/malware/lookup/': { json: { success: true, status: 'cached' } } }, messageId: 'noScanResult' },
    { name: 'a sample without data', query: attribute('attachment', 'EICAR.com'), messageId: 'noSample' },
    { name: 'a malware-sample that is not a zip', query: attribute('malware-sample', 'x.exe|0123', { data: Buffer.from('not a zip').toString('base64') }), messageId: 'sampleError' },
    { name: 'no apikey: upstream\'s exact message', query: attribute('ip-dst', IP), config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all (upstream test)', query: attribute('ip-dst', IP), config: null, error: 'IPQualityScore apikey is missing' },
    {
      name: 'a wrong key: IPQS says so in a 200 answer, its message carried',
      query: attribute('ip-dst', IP),
      config: { apikey: 'wrong' },
      error: 'IPQualityScore answered an error: Invalid or unauthorized key. Please check the API key and try again.',
    },
    {
      name: 'base_url points at another instance (trailing slash or not)',
      query: attribute('ip-dst', IP),
      config: { base_url: 'https://ipqs.proxy.example/api/json/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['ipqs.proxy.example /api/json/ip']),
      check: (answer) => assert.equal(results(answer).EventReport!.length, 1),
    },
    ...vendorFailureRows({ query: attribute('ip-dst', IP), vendorMessage: 'Service temporarily unavailable' }),
  ],
});
