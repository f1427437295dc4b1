import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import passivetotalModule from '../../../src/modules/expansion/passivetotal.js';
import { startFakeHttp, withBasicAuth, type FakeHttp, type FakeRequest, type FakeResponse } from '../../support/fake-http.js';
import { waitFor } from '../../support/wait.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const USERNAME = 'analyst@example.org';
const API_KEY = 'pt-test-key-0123456789abcdef';
const CONFIG = { username: USERNAME, api_key: API_KEY };

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`fixtures/passivetotal/${name}.json`, import.meta.url), 'utf8'));
}

/** What a test wants the fake to answer, per path; the default is the realistic fixture. */
let override: ((req: FakeRequest) => FakeResponse | undefined) | undefined;

function route(answer: (req: FakeRequest) => FakeResponse) {
  return withBasicAuth(USERNAME, API_KEY, (req) => override?.(req) ?? answer(req), {
    status: 401,
    json: { error: { http_code: 401, message: 'Unauthorized', developer_message: 'Invalid credentials' } },
  });
}

let fake: FakeHttp;
let t: TestServer;

before(async () => {
  fake = await startFakeHttp({
    'GET /v2/dns/passive/unique': route((req) => ({ json: fixture(req.query.query === '192.0.2.10' ? 'pdns-unique-ip' : 'pdns-unique-domain') })),
    'GET /v2/whois': route(() => ({ json: fixture('whois') })),
    'GET /v2/whois/search': route(() => ({ json: fixture('whois-search') })),
    'GET /v2/ssl-certificate': route(() => ({ json: fixture('ssl-certificate') })),
    'GET /v2/ssl-certificate/history': route(() => ({ json: fixture('ssl-history') })),
    'GET /v2/enrichment/osint': route(() => ({ json: fixture('osint') })),
    'GET /v2/enrichment/malware': route(() => ({ json: fixture('malware') })),
  });
  t = await startTestServer({ builtins: [passivetotalModule], settings: { upstreams: [`api.passivetotal.org=${fake.url}`] } });
});
after(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  override = undefined;
  fake.requests.length = 0;
});

/** Pass NO_CONFIG to send a request without any `config` key. */
const NO_CONFIG = Symbol('no config');
const ask = (fields: Record<string, unknown>, config: unknown = CONFIG) =>
  t.query({ module: 'passivetotal', ...(config === NO_CONFIG ? {} : { config }), ...fields });

type Entry = { types: string[]; values: string[]; comment?: string };

describe('passivetotal: playbooks', () => {
  test('a domain: passive DNS, WHOIS, SSL history, OSINT and malware, with SHA-1 samples', async () => {
    const answer = await ask({ domain: 'example.org' });
    // Upstream's order: passive DNS, WHOIS, SSL history, OSINT, malware.
    assert.deepEqual(answer.results, [
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
    ]);
    assertValidResults(answer);

    const calls = fake.requests.map((r) => r.target).sort();
    assert.deepEqual(calls, [
      '/v2/dns/passive/unique?query=example.org',
      '/v2/enrichment/malware?query=example.org',
      '/v2/enrichment/osint?query=example.org',
      '/v2/ssl-certificate/history?query=example.org',
      '/v2/whois?query=example.org&compact_record=True',
    ]);
    for (const request of fake.requests) {
      assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${USERNAME}:${API_KEY}`).toString('base64')}`);
      assert.equal(request.headers.accept, 'application/json');
      assert.equal(request.headers['pt-integration'], 'MISP');
    }
  });

  test('an IP: its passive DNS names are offered as domain/hostname', async () => {
    const answer = await ask({ 'ip-dst': '192.0.2.10' });
    const first = (answer.results as Entry[])[0]!;
    assert.deepEqual(first, { types: ['domain', 'hostname'], values: ['www.example.org', 'mail.example.org'] });
    assert.ok(fake.requests.some((r) => r.target === '/v2/dns/passive/unique?query=192.0.2.10'));
    assertValidResults(answer);
  });

  test('reverse WHOIS: emails search the email field, phones the phone field, names the name field', async () => {
    const cases: Array<[string, string, string]> = [
      ['email-src', 'hostmaster@example.org', 'email'],
      ['target-email', 'hostmaster@example.org', 'email'],
      ['whois-registrant-email', 'hostmaster@example.org', 'email'],
      ['whois-registrant-phone', '+1.5555550100', 'phone'],
      ['whois-registrant-name', 'Jane Operator', 'name'],
    ];
    for (const [type, value, field] of cases) {
      fake.requests.length = 0;
      const answer = await ask({ [type]: value });
      assert.deepEqual(answer, { results: [{ types: ['hostname', 'domain'], values: ['example.org', 'example-login.net'] }] }, type);
      assertValidResults(answer);
      assert.deepEqual(fake.requests.map((r) => r.path), ['/v2/whois/search']);
      assert.deepEqual(fake.requests[0]!.query, { field, query: value }, type);
    }
  });

  test('an x509-fingerprint-sha1: the certificate (names, fields as text) and its history', async () => {
    const answer = await ask({ 'x509-fingerprint-sha1': 'e9a6647d6aba52dc47b3838c920c9ee59bad7034' });
    const entries = answer.results as Entry[];
    assert.deepEqual(entries[0], { types: ['x509-fingerprint-sha1'], values: ['e9a6647d6aba52dc47b3838c920c9ee59bad7034'] });
    // The wildcard SAN is not a hostname; it stays in the text lines.
    assert.deepEqual(entries[1], { types: ['hostname', 'domain'], values: ['www.example.org', 'example.org'] });
    const details = entries[2]!;
    assert.deepEqual(details.types, ['text']);
    assert.equal(details.comment, 'PassiveTotal SSL certificate details');
    assert.ok(details.values.includes('issuerCommonName: Example Issuing CA G3'));
    assert.ok(details.values.includes('subjectAlternativeNames: www.example.org, example.org, *.example.org'));
    assert.ok(details.values.includes('expirationDate: Apr 09 13:15:00 2019 GMT'));
    // Empty and null fields are not offered.
    assert.ok(!details.values.some((v) => v.startsWith('subjectEmailAddress') || v.startsWith('issuerStateOrProvinceName')));
    // Then the history.
    assert.deepEqual(entries[3], { types: ['ip-src', 'ip-dst'], values: ['192.0.2.10', '192.0.2.11'] });
    assert.ok(!entries.some((e) => (e.types as string[]).includes('ssl-cert-attributes')));
    assertValidResults(answer);
    assert.deepEqual(fake.requests.map((r) => r.target).sort(), [
      '/v2/ssl-certificate/history?query=e9a6647d6aba52dc47b3838c920c9ee59bad7034',
      '/v2/ssl-certificate?query=e9a6647d6aba52dc47b3838c920c9ee59bad7034',
    ]);
  });

  test('nothing known (empty datasets, an empty WHOIS record) gives no entries rather than empty ones', async () => {
    override = () => ({ json: { results: [] } });
    assert.deepEqual(await ask({ 'whois-registrant-name': 'Nobody' }), { results: [] });
    override = (req) => ({ json: req.path === '/v2/whois' ? {} : { totalRecords: 0, results: [] } });
    assert.deepEqual(await ask({ domain: 'unknown.example' }), { results: [] });
    assert.equal(fake.requests.length, 6);
  });
});

describe('passivetotal: errors', () => {
  test('configuration missing, empty, or without username or api_key (upstream\'s messages); nothing is sent', async () => {
    const noConfig = { error: 'Configuration is missing from the request.' };
    assert.deepEqual(await ask({ domain: 'example.org' }, NO_CONFIG), noConfig);
    assert.deepEqual(await ask({ domain: 'example.org' }, null), noConfig);
    assert.deepEqual(await ask({ domain: 'example.org' }, {}), noConfig);
    assert.deepEqual(await ask({ domain: 'example.org' }, []), noConfig);
    const noAuth = { error: 'PassiveTotal authentication is missing.' };
    assert.deepEqual(await ask({ domain: 'example.org' }, { username: USERNAME }), noAuth);
    assert.deepEqual(await ask({ domain: 'example.org' }, { username: USERNAME, api_key: null }), noAuth);
    assert.deepEqual(await ask({ domain: 'example.org' }, { username: '', api_key: API_KEY }), noAuth);
    assert.equal(fake.requests.length, 0);
  });

  test('a type the module does not take (text, whois-registrar and whois-creation-date are not offered)', async () => {
    for (const type of ['url', 'text', 'whois-registrar', 'whois-creation-date']) {
      const answer = await ask({ [type]: 'x' });
      assert.match(String(answer.error), new RegExp(`^Module 'passivetotal' needs one of these attribute types in the request: hostname, domain, ip-src, ip-dst, x509-fingerprint-sha1, email-src`), type);
    }
    assert.equal(fake.requests.length, 0);
  });

  test('wrong credentials (HTTP 401) name the settings to check and never echo the key', async () => {
    const answer = await ask({ 'email-src': 'hostmaster@example.org' }, { username: USERNAME, api_key: 'wrong-key-123456' });
    assert.deepEqual(answer, { error: 'PassiveTotal refused the credentials (HTTP 401): check the username and api_key settings.' });
    assert.ok(!t.logs.text.includes('wrong-key-123456'));
    assert.ok(!t.logs.text.includes(API_KEY));
  });

  test('quota exceeded: HTTP 429 or a 200 answer with a quota_exceeded message', async () => {
    override = () => ({ status: 429, headers: { 'retry-after': '3600' }, json: { message: 'quota_exceeded: monthly search quota reached' } });
    assert.deepEqual(await ask({ 'email-src': 'hostmaster@example.org' }), { error: 'API quota exceeded.' });
    override = () => ({ json: { message: 'quota_exceeded: daily limit', results: [] } });
    assert.deepEqual(await ask({ 'email-src': 'hostmaster@example.org' }), { error: 'API quota exceeded.' });
  });

  test('a 429 without a quota message, after the bounded retries', async () => {
    override = () => ({ status: 429, headers: { 'retry-after': '0' }, json: { message: 'slow down' } });
    assert.deepEqual(await ask({ 'email-src': 'hostmaster@example.org' }), { error: 'PassiveTotal answered HTTP 429 Too Many Requests: slow down.' });
    assert.equal(fake.requests.length, 3);
  });

  test('an answer carrying an error object: upstream\'s "We hit an error, time to bail!"', async () => {
    override = () => ({ json: { error: { http_code: 400, message: 'Invalid query', developer_message: 'query is not a valid email' } } });
    assert.deepEqual(await ask({ 'email-src': 'hostmaster@example.org' }), { error: 'We hit an error, time to bail!' });
    assert.match(t.logs.text, /Invalid query - query is not a valid email/);
  });

  test('upstream HTTP 500 and malformed JSON', async () => {
    override = () => ({ status: 500, body: '<html>Internal Server Error</html>' });
    assert.deepEqual(await ask({ 'email-src': 'hostmaster@example.org' }), { error: 'PassiveTotal answered HTTP 500 Internal Server Error.' });
    override = () => ({ body: '{"results": ["example.org"', headers: { 'content-type': 'application/json' } });
    assert.deepEqual(await ask({ 'email-src': 'hostmaster@example.org' }), { error: 'PassiveTotal answered with invalid JSON (HTTP 200).' });
    override = () => ({ json: ['example.org'] });
    assert.deepEqual(await ask({ 'email-src': 'hostmaster@example.org' }), { error: 'PassiveTotal answered with JSON that is not an object (HTTP 200).' });
  });

  test('in the generic playbook, one failing dataset fails the query with its message', async () => {
    override = (req) => (req.path === '/v2/enrichment/osint' ? { status: 500, json: { error: 'boom' } } : undefined);
    assert.deepEqual(await ask({ hostname: 'www.example.org' }), { error: 'PassiveTotal answered HTTP 500 Internal Server Error: boom.' });
  });

  test('an upstream that never answers: the query timeout answers "Timeout." and the connections are closed', async () => {
    override = () => ({ hang: true });
    assert.deepEqual(await ask({ domain: 'example.org', timeout: 1 }), { error: 'Timeout.' });
    assert.equal(fake.requests.length, 5);
    await waitFor(() => fake.openConnections() === 0, 'the fake sees every connection closed');
  });
});
