/**
 * hibp against a loopback haveibeenpwned.com answering like its API v3:
 * `GET /api/v3/breachedaccount/{account}` gives the truncated breach list
 * (`[{"Name": "Adobe"}, …]`) or 404 with no body for an account in no breach,
 * and 401 `{"statusCode": 401, "message": "Access denied due to invalid
 * hibp-api-key."}` without the right `hibp-api-key` header.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import hibp from '../../../src/modules/expansion/hibp.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { startFakeHttp, type FakeHttp, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = '0123456789abcdef0123456789abcdef';
const PWNED = 'test@example.com';

const keyed = (answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest) =>
  req.headers['hibp-api-key'] === KEY ? answer(req) : { status: 401, json: { statusCode: 401, message: 'Access denied due to invalid hibp-api-key.' } };

const ROUTES: Routes = {
  'GET /api/v3/breachedaccount/:account': keyed((req) =>
    req.params['account'] === PWNED ? { json: [{ Name: 'Adobe' }, { Name: 'Dropbox' }, { Name: 'LinkedIn' }] } : { status: 404, body: '' },
  ),
};

testModule({
  module: hibp,
  vendors: { 'haveibeenpwned.com': ROUTES },
  config: { api_key: KEY },
  // HIBP's entry plan (10 a minute) is declared; the table runs without it.
  settings: { vendorLimits: ['Have I Been Pwned=1000/1s'] },
  rows: [
    {
      name: 'a pwned address gives the breach names, the configured key in hibp-api-key',
      query: { 'email-src': PWNED },
      results: [{ types: ['text'], values: ['Adobe', 'Dropbox', 'LinkedIn'] }],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.target), [`/api/v3/breachedaccount/${encodeURIComponent(PWNED)}`]);
        assert.equal(requests[0]!.headers['hibp-api-key'], KEY);
        assert.ok(requests[0]!.headers['user-agent'], 'HIBP requires a User-Agent');
      },
    },
    { name: 'an address in no breach (404): upstream\'s "OK (Not Found)"', query: { 'email-dst': 'nobody@example.net' }, results: [{ types: ['text'], values: 'OK (Not Found)' }] },
    { name: 'an empty breach list reads the same', query: { 'email-dst': PWNED }, routes: { 'GET /api/v3/breachedaccount/:account': keyed(() => ({ json: [] })) }, results: [{ types: ['text'], values: 'OK (Not Found)' }] },
    { name: 'email-dst is read before email-src', query: { 'email-dst': PWNED, 'email-src': 'nobody@example.net' }, results: [{ types: ['text'], values: ['Adobe', 'Dropbox', 'LinkedIn'] }] },
    { name: 'no config: upstream\'s exact string', query: { 'email-src': PWNED }, config: null, error: 'Have I Been Pwned authentication is incomplete (no API key)' },
    { name: 'an empty api_key: refused before any request (upstream sent it)', query: { 'email-src': PWNED }, config: { api_key: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'an input that is not text', query: { 'email-src': 7 }, messageId: 'noInput', data: { types: 'email-dst, email-src' } },
    { name: 'none of its input types', query: { domain: 'example.com' }, error: /needs one of these attribute types/ },
    { name: 'a wrong key is refused with HIBP\'s message', query: { 'email-src': PWNED }, config: { api_key: 'wrong' }, error: 'Have I Been Pwned refused the key (setting api_key, HTTP 401 Unauthorized): Access denied due to invalid hibp-api-key.' },
    {
      name: 'HIBP\'s rate limit (429 with Retry-After)',
      query: { 'email-src': PWNED },
      routes: { 'GET /api/v3/breachedaccount/:account': { status: 429, headers: { 'retry-after': '60' }, json: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 60 seconds.' } } },
      error: 'Have I Been Pwned rate limit reached (HTTP 429 Too Many Requests: Rate limit is exceeded. Try again in 60 seconds); retry after 60 s.',
    },
    ...vendorFailureRows({ query: { 'email-src': PWNED }, route: 'GET /api/v3/breachedaccount/:account', vendorMessage: 'Service unavailable' }),
  ],
});

describe("hibp: HIBP's entry-plan limit (10 a minute) is declared", () => {
  let fake: FakeHttp;
  let server: TestServer;
  before(async () => {
    fake = await startFakeHttp({ 'GET /api/v3/breachedaccount/:account': { json: [{ Name: 'Adobe' }] } });
    server = await startTestServer({ builtins: [hibp], settings: { upstreams: [`haveibeenpwned.com=${fake.url}`] } });
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  test('12 lookups with one key: 10 answered, 2 told when the next slot is, HIBP never sees an 11th', async () => {
    const config = { api_key: 'another-key-for-the-limit-test' };
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => server.query({ module: 'hibp', 'email-src': `user${i}@example.com`, config, timeout: 5 })),
    );
    const errors = answers.map((a) => a['error']).filter((e): e is string => typeof e === 'string');
    assert.equal(answers.length - errors.length, 10);
    assert.equal(errors.length, 2);
    for (const error of errors) assert.match(error, /^Have I Been Pwned allows 10 requests a minute for this key; the next one is free in \d+ s, after this query's timeout\. Try again later\.$/);
    assert.equal(fake.requests.length, 10);
  });
});
