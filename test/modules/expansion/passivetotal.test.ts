/**
 * passivetotal against a loopback PassiveTotal API (api.passivetotal.org):
 * `GET /v2/...` with HTTP Basic credentials (username, api_key), answered
 * from recorded fixtures; wrong credentials are HTTP 401 with an error object.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import passivetotalModule from '../../../src/modules/expansion/passivetotal.js';
import { withBasicAuth, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, type Answer, type ModuleTestRow, type VendorRequest } from '../../support/module-tester.js';
import { waitFor } from '../../support/wait.js';

const USERNAME = 'analyst@example.org';
const API_KEY = 'pt-test-key-0123456789abcdef';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`fixtures/passivetotal/${name}.json`, import.meta.url), 'utf8'));
}

function route(answer: (req: FakeRequest) => FakeResponse) {
  return withBasicAuth(USERNAME, API_KEY, answer, {
    status: 401,
    json: { error: { http_code: 401, message: 'Unauthorized', developer_message: 'Invalid credentials' } },
  });
}

const PASSIVETOTAL: Routes = {
  'GET /v2/dns/passive/unique': route((req) => ({ json: fixture(req.query.query === '192.0.2.10' ? 'pdns-unique-ip' : 'pdns-unique-domain') })),
  'GET /v2/whois': route(() => ({ json: fixture('whois') })),
  'GET /v2/whois/search': route(() => ({ json: fixture('whois-search') })),
  'GET /v2/ssl-certificate': route(() => ({ json: fixture('ssl-certificate') })),
  'GET /v2/ssl-certificate/history': route(() => ({ json: fixture('ssl-history') })),
  'GET /v2/enrichment/osint': route(() => ({ json: fixture('osint') })),
  'GET /v2/enrichment/malware': route(() => ({ json: fixture('malware') })),
};

/** Every dataset of the vendor answers this (the credentials still checked). */
const everyRoute = (answer: (req: FakeRequest) => FakeResponse): Routes => ({ 'GET /v2/*': route(answer) });

type Entry = { types: string[]; values: string[]; comment?: string };
const entries = (answer: Answer) => answer['results'] as Entry[];
const nothingSent = (requests: VendorRequest[]) => assert.equal(requests.length, 0);
const EMAIL = { 'email-src': 'hostmaster@example.org' };

const REVERSE_WHOIS: Array<[string, string, string]> = [
  ['email-src', 'hostmaster@example.org', 'email'],
  ['target-email', 'hostmaster@example.org', 'email'],
  ['whois-registrant-email', 'hostmaster@example.org', 'email'],
  ['whois-registrant-phone', '+1.5555550100', 'phone'],
  ['whois-registrant-name', 'Jane Operator', 'name'],
];

/** Configurations upstream reads as missing: none, null, empty, a list; or without username or api_key. */
const NO_CONFIG = { error: 'Configuration is missing from the request.' };
const NO_AUTH = { error: 'PassiveTotal authentication is missing.' };
const configRows: ModuleTestRow[] = (
  [
    ['no config key at all', undefined, NO_CONFIG],
    ['config null', null, NO_CONFIG],
    ['config {}', {}, NO_CONFIG],
    ['config []', [], NO_CONFIG],
    ['only a username', { username: USERNAME }, NO_AUTH],
    ['api_key null', { username: USERNAME, api_key: null }, NO_AUTH],
    ['an empty username', { username: '', api_key: API_KEY }, NO_AUTH],
  ] as Array<[string, unknown, { error: string }]>
).map(([what, config, expected]) => ({
  name: `configuration missing or incomplete (${what}): upstream's message, nothing is sent`,
  query: { domain: 'example.org', ...(config === undefined ? {} : { config }) },
  config: null,
  error: expected.error,
  requests: nothingSent,
}));

testModule({
  module: passivetotalModule,
  vendors: { 'api.passivetotal.org': PASSIVETOTAL },
  config: { username: USERNAME, api_key: API_KEY },
  rows: [
    // playbooks
    {
      name: 'a domain: passive DNS, WHOIS, SSL history, OSINT and malware, with SHA-1 samples',
      query: { domain: 'example.org' },
      // Upstream's order: passive DNS, WHOIS, SSL history, OSINT, malware.
      results: [
        { types: ['ip-src', 'ip-dst'], values: ['192.0.2.10', '198.51.100.7', '2001:db8::10'] },
        { types: ['whois-registrant-email'], values: ['hostmaster@example.org'] },
        { types: ['whois-registrant-phone'], values: ['+1.5555550100', '+1.5555550199'] },
        { types: ['whois-registrant-name'], values: ['Domain Administrator', 'Jane Operator'] },
        { types: ['whois-registrar'], values: ['Example Registrar, LLC'] },
        { types: ['whois-creation-date'], values: ['2014-04-22T00:00:00.000-0700'] },
        { types: ['ip-src', 'ip-dst'], values: ['192.0.2.10', '192.0.2.11'] },
        { types: ['x509-fingerprint-sha1'], values: ['e9a6647d6aba52dc47b3838c920c9ee59bad7034', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'] },
        { types: ['domain', 'hostname'], values: ['www.example.org'] },
        { types: ['link'], values: ['https://cert.example.net/reports/2016-01-phishing-campaign.pdf', 'https://blog.example.net/2016/02/infrastructure-overlap'] },
        {
          types: ['link'],
          values: [
            'https://sandbox.example.net/report/d41d8cd98f00b204e9800998ecf8427e',
            'https://sandbox.example.net/report/da39a3ee5e6b4b0d3255bfef95601890afd80709',
            'https://feed.example.net/sample/e3b0c442',
          ],
        },
        { types: ['md5'], values: ['d41d8cd98f00b204e9800998ecf8427e'] },
        // Upstream dropped SHA-1 samples (it tested for 41 characters).
        { types: ['sha1'], values: ['da39a3ee5e6b4b0d3255bfef95601890afd80709'] },
        { types: ['sha256'], values: ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'] },
      ],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.target).sort(), [
          '/v2/dns/passive/unique?query=example.org',
          '/v2/enrichment/malware?query=example.org',
          '/v2/enrichment/osint?query=example.org',
          '/v2/ssl-certificate/history?query=example.org',
          '/v2/whois?query=example.org&compact_record=True',
        ]);
        for (const request of requests) {
          assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${USERNAME}:${API_KEY}`).toString('base64')}`);
          assert.equal(request.headers.accept, 'application/json');
          assert.equal(request.headers['pt-integration'], 'MISP');
        }
      },
    },
    {
      name: 'an IP: its passive DNS names are offered as domain/hostname',
      query: { 'ip-dst': '192.0.2.10' },
      check: (answer) => assert.deepEqual(entries(answer)[0], { types: ['domain', 'hostname'], values: ['www.example.org', 'mail.example.org'] }),
      requests: (requests) => assert.ok(requests.some((r) => r.target === '/v2/dns/passive/unique?query=192.0.2.10')),
    },
    ...REVERSE_WHOIS.map(([type, value, field]): ModuleTestRow => ({
      name: `reverse WHOIS: ${type} searches the ${field} field`,
      query: { [type]: value },
      results: [{ types: ['hostname', 'domain'], values: ['example.org', 'example-login.net'] }],
      check: (answer) => assert.deepEqual(Object.keys(answer), ['results']),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.path), ['/v2/whois/search']);
        assert.deepEqual(requests[0]!.query, { field, query: value }, type);
      },
    })),
    {
      name: 'an x509-fingerprint-sha1: the certificate (names, fields as text) and its history',
      query: { 'x509-fingerprint-sha1': 'e9a6647d6aba52dc47b3838c920c9ee59bad7034' },
      check: (answer) => {
        const found = entries(answer);
        assert.deepEqual(found[0], { types: ['x509-fingerprint-sha1'], values: ['e9a6647d6aba52dc47b3838c920c9ee59bad7034'] });
        // The wildcard SAN is not a hostname; it stays in the text lines.
        assert.deepEqual(found[1], { types: ['hostname', 'domain'], values: ['www.example.org', 'example.org'] });
        const details = found[2]!;
        assert.deepEqual(details.types, ['text']);
        assert.equal(details.comment, 'PassiveTotal SSL certificate details');
        assert.ok(details.values.includes('issuerCommonName: Example Issuing CA G3'));
        assert.ok(details.values.includes('subjectAlternativeNames: www.example.org, example.org, *.example.org'));
        assert.ok(details.values.includes('expirationDate: Apr 09 13:15:00 2019 GMT'));
        // Empty and null fields are not offered.
        assert.ok(!details.values.some((v) => v.startsWith('subjectEmailAddress') || v.startsWith('issuerStateOrProvinceName')));
        // Then the history.
        assert.deepEqual(found[3], { types: ['ip-src', 'ip-dst'], values: ['192.0.2.10', '192.0.2.11'] });
        assert.ok(!found.some((e) => e.types.includes('ssl-cert-attributes')));
      },
      requests: (requests) =>
        assert.deepEqual(requests.map((r) => r.target).sort(), [
          '/v2/ssl-certificate/history?query=e9a6647d6aba52dc47b3838c920c9ee59bad7034',
          '/v2/ssl-certificate?query=e9a6647d6aba52dc47b3838c920c9ee59bad7034',
        ]),
    },
    {
      name: 'nothing known (empty datasets) gives no entries rather than empty ones',
      query: { 'whois-registrant-name': 'Nobody' },
      routes: everyRoute(() => ({ json: { results: [] } })),
      results: [],
      requests: (requests) => assert.equal(requests.length, 1),
    },
    {
      name: 'nothing known (an empty WHOIS record, empty datasets) gives no entries rather than empty ones',
      query: { domain: 'unknown.example' },
      routes: everyRoute((req) => ({ json: req.path === '/v2/whois' ? {} : { totalRecords: 0, results: [] } })),
      results: [],
      requests: (requests) => assert.equal(requests.length, 5),
    },

    // errors
    ...configRows,
    ...['url', 'text', 'whois-registrar', 'whois-creation-date'].map((type) => ({
      name: `a type the module does not take: ${type}`,
      query: { [type]: 'x' },
      error: /^Module 'passivetotal' needs one of these attribute types in the request: hostname, domain, ip-src, ip-dst, x509-fingerprint-sha1, email-src/,
      requests: nothingSent,
    })),
    {
      name: 'wrong credentials (HTTP 401) name the settings to check and never echo the key',
      query: EMAIL,
      config: { api_key: 'wrong-key-123456' },
      error: 'PassiveTotal refused the credentials (HTTP 401): check the username and api_key settings.',
      check: (_answer, _requests, _dns, { server }) => {
        assert.ok(!server.logs.text.includes('wrong-key-123456'));
        assert.ok(!server.logs.text.includes(API_KEY));
      },
    },
    {
      name: 'quota exceeded: HTTP 429 with a quota_exceeded message',
      query: EMAIL,
      routes: everyRoute(() => ({ status: 429, headers: { 'retry-after': '3600' }, json: { message: 'quota_exceeded: monthly search quota reached' } })),
      error: 'API quota exceeded.',
    },
    {
      name: 'quota exceeded: a 200 answer with a quota_exceeded message',
      query: EMAIL,
      routes: everyRoute(() => ({ json: { message: 'quota_exceeded: daily limit', results: [] } })),
      error: 'API quota exceeded.',
    },
    {
      name: 'a 429 without a quota message, after the bounded retries',
      query: EMAIL,
      routes: everyRoute(() => ({ status: 429, headers: { 'retry-after': '0' }, json: { message: 'slow down' } })),
      error: 'PassiveTotal answered HTTP 429 Too Many Requests: slow down.',
      requests: (requests) => assert.equal(requests.length, 3),
    },
    {
      name: 'an answer carrying an error object: upstream\'s "We hit an error, time to bail!"',
      query: EMAIL,
      routes: everyRoute(() => ({ json: { error: { http_code: 400, message: 'Invalid query', developer_message: 'query is not a valid email' } } })),
      error: 'We hit an error, time to bail!',
      check: (_answer, _requests, _dns, { server }) => assert.match(server.logs.text, /Invalid query - query is not a valid email/),
    },
    {
      name: 'upstream HTTP 500',
      query: EMAIL,
      routes: everyRoute(() => ({ status: 500, body: '<html>Internal Server Error</html>' })),
      error: 'PassiveTotal answered HTTP 500 Internal Server Error.',
    },
    {
      name: 'malformed JSON',
      query: EMAIL,
      routes: everyRoute(() => ({ body: '{"results": ["example.org"', headers: { 'content-type': 'application/json' } })),
      error: 'PassiveTotal answered with invalid JSON (HTTP 200).',
    },
    {
      name: 'JSON that is not an object',
      query: EMAIL,
      routes: everyRoute(() => ({ json: ['example.org'] })),
      error: 'PassiveTotal answered with JSON that is not an object (HTTP 200).',
    },
    {
      name: 'in the generic playbook, one failing dataset fails the query with its message',
      query: { hostname: 'www.example.org' },
      routes: { 'GET /v2/enrichment/osint': route(() => ({ status: 500, json: { error: 'boom' } })) },
      error: 'PassiveTotal answered HTTP 500 Internal Server Error: boom.',
    },
    {
      name: 'an upstream that never answers: the query timeout answers "Timeout." and the connections are closed',
      query: { domain: 'example.org', timeout: 1 },
      routes: everyRoute(() => ({ hang: true })),
      error: 'Timeout.',
      requests: (requests) => assert.equal(requests.length, 5),
      check: async (_answer, _requests, _dns, { vendor }) => {
        await waitFor(() => vendor().openConnections() === 0, 'the fake sees every connection closed');
      },
    },
  ],
});
