/** --auth-token: every route but /healthcheck needs the bearer token; the token never reaches the log. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './harness.js';

const TOKEN = 'tok-0123456789-abcdef';
let t: TestServer;
before(async () => {
  t = await startTestServer({ settings: { authToken: TOKEN } });
});
after(() => t.close());

const auth = { authorization: `Bearer ${TOKEN}` };

test('/healthcheck stays open', async () => {
  assert.equal((await t.get('/healthcheck')).status, 200);
});

test('without the token: 401 JSON on every other route', async () => {
  for (const [method, path] of [['GET', '/modules'], ['POST', '/query'], ['GET', '/version'], ['GET', '/openapi.json'], ['GET', '/nope']] as const) {
    const res = await t.send(method, path, method === 'POST' ? '{"module":"testaction"}' : undefined);
    assert.equal(res.status, 401, `${method} ${path}`);
    assert.match((res.json() as { error: string }).error, /Authorization: Bearer/);
    assert.equal(res.headers['www-authenticate'], 'Bearer');
  }
});

test('a wrong token, another scheme or a prefix of the token is refused', async () => {
  for (const header of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, 'Bearer ']) {
    assert.equal((await t.get('/modules', { authorization: header })).status, 401, header);
  }
});

test('with the token everything works', async () => {
  assert.equal((await t.get('/modules', auth)).status, 200);
  const res = await t.send('POST', '/query', '{"module":"testaction"}', auth);
  assert.deepEqual(res.json(), { data: true });
});

test('the token never appears in the log', async () => {
  await t.get('/modules', { authorization: `Bearer ${TOKEN}` });
  assert.doesNotMatch(t.logs.text, new RegExp(TOKEN));
});
