import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModuleError } from '../../src/base/errors.js';
import { HttpStatusError } from '../../src/net/http-errors.js';
import { startFakeHttp, withBasicAuth, withHeader } from '../support/fake-http.js';
import { TEST_USER_AGENT, testNetwork } from '../support/network.js';

const VENDOR = 'https://api.vendor.example';

async function setup(t: import('node:test').TestContext, routes: Parameters<typeof startFakeHttp>[0], settings = {}) {
  const fake = await startFakeHttp(routes);
  const net = testNetwork({ upstreams: { 'api.vendor.example': fake.url }, ...settings });
  t.after(async () => {
    await net.close();
    await fake.close();
  });
  return { fake, net, http: net.forQuery(new AbortController().signal).http };
}

test('getJson returns the parsed answer and sends the User-Agent and Accept headers', async (t) => {
  const { fake, http } = await setup(t, {
    'GET /api/vulnerability/:id': (req) => ({ json: { id: req.params.id, summary: 'x' } }),
  });
  const result = await http.getJson<{ id: string }>(`${VENDOR}/api/vulnerability/CVE-2024-0001`);
  assert.deepEqual(result, { id: 'CVE-2024-0001', summary: 'x' });
  assert.equal(fake.requests.length, 1);
  assert.equal(fake.requests[0]?.headers['user-agent'], TEST_USER_AGENT);
  assert.equal(fake.requests[0]?.headers.accept, 'application/json');
});

test('a module can set its own User-Agent and headers', async (t) => {
  const { fake, http } = await setup(t, { 'GET /x': { json: {} } });
  await http.getJson(`${VENDOR}/x`, { headers: { 'User-Agent': 'Custom/1', 'PT-INTEGRATION': 'MISP' } });
  assert.equal(fake.requests[0]?.headers['user-agent'], 'Custom/1');
  assert.equal(fake.requests[0]?.headers['pt-integration'], 'MISP');
});

test('query parameters are appended and undefined ones skipped', async (t) => {
  const { fake, http } = await setup(t, { 'GET /search': { json: [] } });
  await http.getJson(`${VENDOR}/search?fixed=1`, { query: { q: 'a b&c', limit: 10, exact: true, skip: undefined } });
  assert.deepEqual(fake.requests[0]?.query, { fixed: '1', q: 'a b&c', limit: '10', exact: 'true' });
});

test('postJson sends a JSON body; form sends an urlencoded one', async (t) => {
  const { fake, http } = await setup(t, {
    'POST /json': (req) => ({ json: { got: req.json() } }),
    'POST /form': (req) => ({ json: { got: req.body } }),
  });
  const answer = await http.postJson<{ got: unknown }>(`${VENDOR}/json`, { a: [1, 2] });
  assert.deepEqual(answer.got, { a: [1, 2] });
  assert.equal(fake.requests[0]?.headers['content-type'], 'application/json');
  const form = await http.request(`${VENDOR}/form`, { method: 'POST', form: { q: 'x y', k: '1' } });
  assert.deepEqual(form.json(), { got: 'q=x+y&k=1' });
  assert.equal(fake.requests[1]?.headers['content-type'], 'application/x-www-form-urlencoded');
});

test('request returns any status with headers, text and the final URL', async (t) => {
  const { http } = await setup(t, { 'GET /teapot': { status: 418, body: 'short and stout', headers: { 'x-thing': 'yes' } } });
  const response = await http.request(`${VENDOR}/teapot`);
  assert.equal(response.status, 418);
  assert.equal(response.text(), 'short and stout');
  assert.equal(response.headers['x-thing'], 'yes');
  assert.equal(response.url, `${VENDOR}/teapot`);
});

test('non-2xx answers to getJson are ModuleErrors naming the service, the status and what the vendor said', async (t) => {
  const { http } = await setup(t, {
    'GET /401': { status: 401, json: { error: 'bad key' } },
    'GET /404': { status: 404, body: 'nope' },
    'GET /500': { status: 500, body: '<html>oops</html>' },
    'GET /502': { status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad Gateway</h1>' },
  });
  await assert.rejects(http.getJson(`${VENDOR}/401`, { service: 'PassiveTotal' }), (error: unknown) => {
    assert.ok(error instanceof HttpStatusError);
    assert.ok(error instanceof ModuleError);
    assert.equal(error.message, 'PassiveTotal answered HTTP 401 Unauthorized: bad key.');
    assert.equal(error.detail, 'bad key');
    assert.equal(error.status, 401);
    assert.deepEqual(error.response.json(), { error: 'bad key' });
    return true;
  });
  await assert.rejects(http.getJson(`${VENDOR}/404`), { message: 'api.vendor.example answered HTTP 404 Not Found: nope.' });
  await assert.rejects(http.getJson(`${VENDOR}/500`), { message: 'api.vendor.example answered HTTP 500 Internal Server Error: oops.' });
  // A page that only repeats the status, or a whole HTML page without a title, adds nothing.
  await assert.rejects(http.getJson(`${VENDOR}/502`), { message: 'api.vendor.example answered HTTP 502 Bad Gateway.' });
});

test('a non-JSON or empty 2xx answer is a ModuleError naming the service and status', async (t) => {
  const { http } = await setup(t, {
    'GET /html': { body: '<html>maintenance</html>' },
    'GET /truncated': { body: '{"id": "CVE-' },
    'GET /empty': { status: 200, body: '' },
  });
  await assert.rejects(http.getJson(`${VENDOR}/html`, { service: 'cve.circl.lu' }), {
    name: 'ModuleError',
    message: 'cve.circl.lu answered with invalid JSON (HTTP 200).',
  });
  await assert.rejects(http.getJson(`${VENDOR}/truncated`), { message: 'api.vendor.example answered with invalid JSON (HTTP 200).' });
  await assert.rejects(http.getJson(`${VENDOR}/empty`), { message: 'api.vendor.example answered with an empty body (HTTP 200).' });
  const response = await http.request(`${VENDOR}/html`);
  assert.throws(() => response.json(), { message: 'api.vendor.example answered with invalid JSON (HTTP 200).' });
});

test('basic auth is sent, and never appears in error messages', async (t) => {
  const secret = 'p4ss-w0rd-SECRET';
  const { fake, http } = await setup(t, {
    'GET /v2/ok': withBasicAuth('user@example.org', secret, { json: { ok: true } }),
    'GET /v2/denied': { status: 401, json: { message: 'bad' } },
    'GET /v2/broken': { body: 'not json' },
  });
  const auth = { username: 'user@example.org', password: secret };
  assert.deepEqual(await http.getJson(`${VENDOR}/v2/ok`, { basicAuth: auth }), { ok: true });
  assert.match(String(fake.requests[0]?.headers.authorization), /^Basic /);
  for (const path of ['/v2/denied', '/v2/broken']) {
    await assert.rejects(http.getJson(`${VENDOR}${path}?api_key=${secret}`, { basicAuth: auth }), (error: Error) => {
      assert.ok(!error.message.includes(secret), error.message);
      assert.ok(!error.message.includes(Buffer.from(`user@example.org:${secret}`).toString('base64')), error.message);
      assert.ok(!error.message.includes('api_key'), error.message);
      return true;
    });
  }
});

test('credentials in the URL become basic auth and leave the URL', async (t) => {
  const { fake, http } = await setup(t, { 'GET /x': withBasicAuth('me', 's3cret', { json: { ok: 1 } }) });
  const response = await http.request(`https://me:s3cret@api.vendor.example/x`);
  assert.equal(response.status, 200);
  assert.equal(response.url, `${VENDOR}/x`);
  assert.equal(fake.requests.length, 1);
});

test('header API keys reach the upstream (withHeader fake helper)', async (t) => {
  const { http } = await setup(t, { 'GET /k': withHeader('x-api-key', 'K', { json: { ok: true } }) });
  await assert.rejects(http.getJson(`${VENDOR}/k`), { message: 'api.vendor.example answered HTTP 401 Unauthorized: Invalid API key.' });
  assert.deepEqual(await http.getJson(`${VENDOR}/k`, { headers: { 'X-Api-Key': 'K' } }), { ok: true });
});

test('upstream overrides keep the base path and the query, for http and https vendor URLs', async (t) => {
  const fake = await startFakeHttp({ 'GET /mirror/api/:id': (req) => ({ json: { id: req.params.id, q: req.query } }) });
  const net = testNetwork({ upstreams: { 'cve.circl.lu': `${fake.url}/mirror/`, 'plain.example:8080': `${fake.url}/mirror` } });
  t.after(async () => {
    await net.close();
    await fake.close();
  });
  const { http } = net.forQuery(new AbortController().signal);
  assert.deepEqual(await http.getJson('https://cve.circl.lu/api/CVE-1?a=1'), { id: 'CVE-1', q: { a: '1' } });
  assert.deepEqual(await http.getJson('http://plain.example:8080/api/two'), { id: 'two', q: {} });
  assert.deepEqual(
    fake.requests.map((r) => r.target),
    ['/mirror/api/CVE-1?a=1', '/mirror/api/two'],
  );
});

test('a host without an override is not rewritten (connection refused on a closed loopback port)', async (t) => {
  const { http } = await setup(t, {});
  const closed = await startFakeHttp({});
  const port = closed.port;
  await closed.close();
  await assert.rejects(http.getJson(`http://127.0.0.1:${port}/x`, { service: 'api.passivetotal.org' }), {
    name: 'ModuleError',
    message: 'Could not connect to api.passivetotal.org: connection refused.',
  });
});

test('429 with Retry-After is retried, then succeeds', async (t) => {
  let calls = 0;
  const { fake, http } = await setup(t, {
    'GET /limited': () => {
      calls += 1;
      if (calls === 1) return { status: 429, headers: { 'retry-after': '0' }, json: { error: 'slow down' } };
      if (calls === 2) return { status: 503, headers: { 'retry-after': new Date(Date.now() - 1000).toUTCString() } };
      return { json: { ok: true } };
    },
  });
  assert.deepEqual(await http.getJson(`${VENDOR}/limited`), { ok: true });
  assert.equal(fake.requests.length, 3);
});

test('retries are bounded: the last 429 is reported', async (t) => {
  const { fake, http } = await setup(t, { 'GET /always': { status: 429, headers: { 'retry-after': '0' } } }, { maxRetries: 2 });
  await assert.rejects(http.getJson(`${VENDOR}/always`, { service: 'Vendor' }), { message: 'Vendor answered HTTP 429 Too Many Requests.' });
  assert.equal(fake.requests.length, 3);
  await assert.rejects(http.getJson(`${VENDOR}/always`, { retries: 0 }));
  assert.equal(fake.requests.length, 4);
});

test('a Retry-After beyond the cap or the deadline is not waited for', async (t) => {
  const { fake, http } = await setup(t, { 'GET /later': { status: 429, headers: { 'retry-after': '3600' } } });
  const response = await http.request(`${VENDOR}/later`);
  assert.equal(response.status, 429);
  assert.equal(fake.requests.length, 1);
});

test('POST is not retried', async (t) => {
  const { fake, http } = await setup(t, { 'POST /p': { status: 503, headers: { 'retry-after': '0' } } });
  const response = await http.request(`${VENDOR}/p`, { method: 'POST', json: {} });
  assert.equal(response.status, 503);
  assert.equal(fake.requests.length, 1);
});

test('redirects are followed (relative, through the override) and can be turned off', async (t) => {
  const { fake, http } = await setup(t, {
    'GET /old': { status: 301, redirect: '/new?x=1' },
    'POST /form': { status: 303, redirect: '/done' },
    'GET /done': (req) => ({ json: { method: req.method, body: req.body } }),
    'GET /new': (req) => ({ json: { x: req.query.x } }),
    'GET /loop': { redirect: '/loop' },
  });
  const response = await http.request(`${VENDOR}/old`);
  assert.deepEqual(response.json(), { x: '1' });
  assert.equal(response.url, `${VENDOR}/new?x=1`);
  assert.deepEqual(await http.postJson(`${VENDOR}/form`, { a: 1 }), { method: 'GET', body: '' });
  const manual = await http.request(`${VENDOR}/old`, { followRedirects: false });
  assert.equal(manual.status, 301);
  assert.equal(manual.headers.location, '/new?x=1');
  const before = fake.requests.length;
  await assert.rejects(http.request(`${VENDOR}/loop`), { message: 'api.vendor.example redirected more than 5 times.' });
  assert.equal(fake.requests.length - before, 6);
});

test('credentials are not forwarded on a redirect to another origin', async (t) => {
  const other = await startFakeHttp({ 'GET /landing': { json: {} } });
  const { fake, http } = await setup(t, { 'GET /go': { redirect: `${other.url}/landing` } });
  t.after(() => other.close());
  await http.request(`${VENDOR}/go`, { basicAuth: { username: 'u', password: 'p' }, headers: { Cookie: 'a=b' } });
  assert.ok(fake.requests[0]?.headers.authorization);
  assert.equal(other.requests[0]?.headers.authorization, undefined);
  assert.equal(other.requests[0]?.headers.cookie, undefined);
});

test('non-http schemes are refused', async (t) => {
  const { http } = await setup(t, {});
  await assert.rejects(http.request('file:///etc/passwd'), { name: 'ModuleError', message: /only http and https/ });
  await assert.rejects(http.request('not a url'), { name: 'ModuleError', message: 'Cannot fetch an invalid URL.' });
});
