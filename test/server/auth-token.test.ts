/** --auth-token: every route but /healthcheck needs the bearer token; the token never reaches the log. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
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

test('the scheme name in any case, followed by spaces or tabs, is accepted (RFC 9110); other schemes are not', async () => {
  const anyCase = fc
    .array(fc.boolean(), { minLength: 6, maxLength: 6 })
    .map((upper) => [...'bearer'].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));
  const blanks = fc.string({ unit: fc.constantFrom(' ', '\t'), minLength: 1, maxLength: 3 });
  const accepted = fc.sample(fc.tuple(anyCase, blanks, fc.constantFrom('', ' ')).map(([scheme, gap, tail]) => `${scheme}${gap}${TOKEN}${tail}`), { numRuns: 25, seed: 8 });
  for (const header of ['bearer ' + TOKEN, 'BEARER ' + TOKEN, ...accepted]) {
    assert.equal((await t.get('/modules', { authorization: header })).status, 200, JSON.stringify(header));
  }
  const refused = fc.sample(fc.tuple(anyCase, fc.constantFrom('x', 's', ':', '')).map(([scheme, glued]) => `${scheme}${glued}${TOKEN}`), { numRuns: 15, seed: 9 });
  for (const header of [...refused, `bearer ${TOKEN} extra`, `bearer ${TOKEN.toUpperCase()}`, `Basic ${TOKEN}`, `bearer`]) {
    assert.equal((await t.get('/modules', { authorization: header })).status, 401, JSON.stringify(header));
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
