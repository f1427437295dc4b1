/**
 * urlscan against a loopback urlscan.io: `POST /api/v1/scan/` answers like the
 * Submission API (`{message: "Submission successful", uuid, result, api,
 * visibility, url}`), `GET /api/v1/result/{uuid}` answers 404
 * `{"message": "Scan is not finished yet", "status": 404}` until the scan is
 * "done", then a Result API document (task, page, lists, data, meta, stats,
 * verdicts; trimmed). Both refuse a request without the right `API-Key`
 * header with 401, as urlscan does.
 */
import assert from 'node:assert/strict';
import urlscan from '../../../src/modules/expansion/urlscan.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = '5c3b8d2e-1f4a-4c6e-9b7d-0a1e2f3c4d5e';
const UUID = '0196d976-07f6-7aae-8a57-aa019145f31c';
const URL_INPUT = 'https://login-office365.example.net/owa/';

const UNAUTHORIZED: FakeResponse = { status: 401, json: { message: 'API key supplied but not found in database!', status: 401 } };
const NOT_FINISHED: FakeResponse = { status: 404, json: { message: 'Scan is not finished yet', status: 404 } };

const keyed = (answer: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>) => (req: FakeRequest) =>
  req.headers['api-key'] === KEY ? answer(req) : UNAUTHORIZED;

const submission = (url: string) => ({
  message: 'Submission successful',
  uuid: UUID,
  result: `https://urlscan.io/result/${UUID}/`,
  api: `https://urlscan.io/api/v1/result/${UUID}/`,
  visibility: 'public',
  options: { useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' },
  url,
  country: 'de',
});

function result(overrides: Record<string, unknown> = {}) {
  return {
    data: {
      requests: [
        {
          request: { requestId: '1', documentURL: URL_INPUT, request: { url: URL_INPUT, method: 'GET' } },
          response: { encodedDataLength: 5120, dataLength: 15360, response: { url: URL_INPUT, status: 200, mimeType: 'text/html' }, hash: 'a1b2c3' },
        },
        {
          request: { requestId: '2', request: { url: 'https://login-office365.example.net/favicon.ico', method: 'GET' } },
          response: { failed: { requestId: '2', type: 'Other', errorText: 'net::ERR_ABORTED', canceled: false } },
        },
      ],
      cookies: [],
      console: [],
      links: [],
      timing: { beginNavigation: '2024-05-14T10:01:02.123Z', frameNavigated: '2024-05-14T10:01:04.456Z' },
      globals: [],
    },
    meta: {
      processors: {
        gsb: { data: { matches: [{ threatType: 'SOCIAL_ENGINEERING', platformType: 'ANY_PLATFORM', threat: { url: URL_INPUT }, cacheDuration: '300s', threatEntryType: 'URL' }] } },
        asn: { data: [{ ip: '203.0.113.45', asn: '64500', country: 'DE', registrar: 'ripencc', date: '2012-03-01', description: 'EXAMPLE-HOSTING, DE', route: '203.0.113.0/24', name: 'EXAMPLE-HOSTING' }] },
      },
    },
    task: {
      uuid: UUID,
      time: '2024-05-14T10:01:00.000Z',
      url: URL_INPUT,
      visibility: 'public',
      method: 'api',
      source: 'a1b2c3d4',
      tags: [],
      reportURL: `https://urlscan.io/result/${UUID}/`,
      screenshotURL: `https://urlscan.io/screenshots/${UUID}.png`,
      domURL: `https://urlscan.io/dom/${UUID}/`,
    },
    page: {
      url: URL_INPUT,
      domain: 'login-office365.example.net',
      country: 'DE',
      city: 'Frankfurt am Main',
      server: 'nginx/1.18.0 (Ubuntu)',
      ip: '203.0.113.45',
      ptr: 'static.45.113.0.203.clients.example-hosting.de',
      asn: 'AS64500',
      asnname: 'EXAMPLE-HOSTING, DE',
      title: 'Sign in to your account',
      tlsIssuer: "R3",
      status: '200',
      mimeType: 'text/html',
    },
    lists: {
      ips: ['203.0.113.45'],
      countries: ['DE'],
      asns: ['64500'],
      domains: ['login-office365.example.net'],
      servers: ['nginx/1.18.0 (Ubuntu)'],
      urls: [URL_INPUT, 'https://login-office365.example.net/owa/auth.js', 'https://cdn.example.org/paypal-logo.png'],
      linkDomains: [],
      certificates: [{ subjectName: 'login-office365.example.net', issuer: 'R3', validFrom: 1715644800, validTo: 1723420800 }],
      hashes: ['a1b2c3'],
    },
    stats: { malicious: 1, uniqIPs: 1, uniqCountries: 1, dataLength: 15360, encodedDataLength: 5120, requests: 2 },
    verdicts: { overall: { score: 100, categories: ['phishing'], brands: ['Microsoft'], tags: [], malicious: true, hasVerdicts: true } },
    ...overrides,
  };
}

const comment = (what?: string) => `${URL_INPUT}: Enriched via the urlscan module${what ? ` - ${what}` : ''}`;
const HIT_RESULTS = [
  { types: ['domain'], categories: ['Network activity'], values: 'login-office365.example.net', comment: comment('Domain') },
  { types: ['ip-dst'], categories: ['Network activity'], values: '203.0.113.45', comment: comment('IP') },
  { types: ['hostname'], categories: ['Network activity'], values: 'static.45.113.0.203.clients.example-hosting.de', comment: comment('PTR') },
  { types: ['text'], categories: ['External analysis'], values: 'country: DE, city: Frankfurt am Main', comment: comment('Country/City') },
  { types: ['AS'], categories: ['External analysis'], values: 'AS64500', comment: comment('ASN') },
  { types: ['text'], categories: ['External analysis'], values: 'EXAMPLE-HOSTING, DE', comment: comment('ASN name') },
  { types: ['text'], categories: ['External analysis'], values: 'R3', comment: comment('TLS Issuer') },
  { types: ['text'], categories: ['External analysis'], values: 'Sign in to your account', comment: comment('Page title') },
  { types: ['text'], categories: ['External analysis'], values: 'nginx/1.18.0 (Ubuntu)', comment: comment('Server') },
  { types: ['text'], categories: ['External analysis'], values: 'SOCIAL_ENGINEERING threat(s) detected', comment: comment() },
  { types: ['text'], categories: ['External analysis'], values: 'Possible Office-themed phishing', comment: comment() },
  { types: ['text'], categories: ['External analysis'], values: 'Possible PayPal-themed phishing', comment: comment() },
  { types: ['link'], categories: ['External analysis'], values: `https://urlscan.io/result/${UUID}/`, comment: comment() },
  { types: ['link'], categories: ['External analysis'], values: `https://urlscan.io/screenshots/${UUID}.png`, comment: comment() },
];

/** A result route answering "not finished" `pending` times, then the result. */
function resultAfter(pending: number, body: unknown = result()) {
  let polls = 0;
  return keyed((req) => {
    if (req.params['uuid'] !== UUID) return { status: 404, json: { message: 'Not Found', status: 404 } };
    polls += 1;
    return polls <= pending ? NOT_FINISHED : { json: body };
  });
}

const URLSCAN: Routes = {
  'POST /api/v1/scan/': keyed((req) => ({ json: submission(req.json<{ url: string }>().url) })),
  'GET /api/v1/result/:uuid': resultAfter(0),
};

testModule({
  module: urlscan,
  vendors: { 'urlscan.io': URLSCAN },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a url is submitted, its result polled and mapped (key in API-Key on both)',
      query: { url: URL_INPUT },
      results: HIT_RESULTS,
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), ['POST /api/v1/scan/', `GET /api/v1/result/${UUID}`]);
        assert.deepEqual(JSON.parse(requests[0]!.body), { url: URL_INPUT });
        assert.match(String(requests[0]!.headers['content-type']), /application\/json/);
        for (const request of requests) assert.equal(request.headers['api-key'], KEY);
      },
    },
    {
      name: 'a scan not finished yet is polled again until its result comes',
      query: { url: URL_INPUT },
      routes: { 'GET /api/v1/result/:uuid': resultAfter(1) },
      results: HIT_RESULTS,
      requests: (requests) => assert.deepEqual(requests.map((r) => r.method), ['POST', 'GET', 'GET']),
    },
    {
      name: 'a domain: the same mapping, commented with the domain, duplicates removed',
      query: { domain: 'example.net' },
      routes: {
        'GET /api/v1/result/:uuid': resultAfter(0, result({ stats: { malicious: 0 }, lists: { urls: ['https://example.net/', 'https://example.net/'] }, page: { domain: 'example.net', ip: '198.51.100.7' } })),
      },
      results: [
        { types: ['domain'], categories: ['Network activity'], values: 'example.net', comment: 'example.net: Enriched via the urlscan module - Domain' },
        { types: ['ip-dst'], categories: ['Network activity'], values: '198.51.100.7', comment: 'example.net: Enriched via the urlscan module - IP' },
        { types: ['link'], categories: ['External analysis'], values: `https://urlscan.io/result/${UUID}/`, comment: 'example.net: Enriched via the urlscan module' },
        { types: ['link'], categories: ['External analysis'], values: `https://urlscan.io/screenshots/${UUID}.png`, comment: 'example.net: Enriched via the urlscan module' },
      ],
    },
    {
      name: 'a malicious verdict without a Safe Browsing processor adds no threat text (upstream crashes)',
      query: { hostname: 'www.example.net' },
      routes: { 'GET /api/v1/result/:uuid': resultAfter(0, { page: { domain: 'www.example.net' }, stats: { malicious: 2 }, meta: { processors: {} } }) },
      results: [{ types: ['domain'], categories: ['Network activity'], values: 'www.example.net', comment: 'www.example.net: Enriched via the urlscan module - Domain' }],
    },
    {
      name: 'a result with nothing in it gives no results, nothing invented',
      query: { 'ip-dst': '198.51.100.7' },
      routes: { 'GET /api/v1/result/:uuid': resultAfter(0, { task: {}, page: {}, lists: {}, data: { requests: [] }, stats: {} }) },
      results: [],
    },
    {
      name: 'a page that failed to load gives upstream\'s error',
      query: { url: URL_INPUT },
      routes: {
        'GET /api/v1/result/:uuid': resultAfter(0, result({ data: { requests: [{ response: { failed: { errorText: 'net::ERR_NAME_NOT_RESOLVED' } } }] } })),
      },
      messageId: 'notResolved',
      data: { errorText: 'net::ERR_NAME_NOT_RESOLVED' },
    },
    {
      name: 'a submission urlscan refuses (400) names urlscan and what it said',
      query: { domain: 'unresolvable.invalid' },
      routes: {
        'POST /api/v1/scan/': {
          status: 400,
          json: { message: 'DNS Error - Could not resolve domain', description: "The domain unresolvable.invalid could not be resolved to a valid IPv4/IPv6 address. We won't try to load it in the browser.", status: 400 },
        },
      },
      error: 'urlscan.io answered HTTP 400 Bad Request: DNS Error - Could not resolve domain.',
    },
    {
      name: 'a scan that never finishes within the query timeout',
      query: { url: URL_INPUT, timeout: 3 },
      routes: { 'GET /api/v1/result/:uuid': keyed(() => NOT_FINISHED) },
      error: 'Timeout.',
    },
    { name: 'no apikey: upstream\'s message, nothing sent', query: { url: URL_INPUT }, config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: upstream\'s exact string', query: { url: URL_INPUT }, config: null, error: 'Urlscan apikey is missing' },
    { name: 'none of its input types', query: { md5: '616eff3e9a7575ae73821b4668d2801c' }, error: /needs one of these attribute types/ },
    { name: 'a wrong key is refused by urlscan with its message', query: { url: URL_INPUT }, config: { apikey: 'wrong' }, error: 'urlscan.io refused the key (setting apikey, HTTP 401 Unauthorized): API key supplied but not found in database!.' },
    ...vendorFailureRows({ query: { url: URL_INPUT }, route: 'POST /api/v1/scan/', vendorMessage: 'Service temporarily unavailable' }),
    {
      name: 'the result API fails (500) after the submission',
      query: { url: URL_INPUT },
      routes: { 'GET /api/v1/result/:uuid': { status: 500, json: { message: 'Internal Server Error', status: 500 } } },
      error: 'urlscan.io answered HTTP 500 Internal Server Error.',
    },
  ],
});
