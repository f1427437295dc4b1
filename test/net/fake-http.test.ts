import assert from 'node:assert/strict';
import { test } from 'node:test';
import { request } from 'undici';
import { parseBasicAuth, startFakeHttp } from '../support/fake-http.js';

test('the fake HTTP service routes by method and path, with params, wildcards and recorded requests', async (t) => {
  const fake = await startFakeHttp({
    'GET /api/vulnerability/:id': (req) => ({ json: { id: req.params.id, q: req.query } }),
    'GET /files/*': (req) => ({ body: req.params['*'] ?? '' }),
    'POST /echo': (req) => ({ status: 201, headers: { 'x-len': String(req.rawBody.length) }, body: req.body }),
    '* /any': (req) => ({ json: { method: req.method } }),
    'GET /boom': () => {
      throw new Error('handler bug');
    },
    'GET /late': { delayMs: 20, json: { late: true } },
  });
  t.after(() => fake.close());
  assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);

  const get = async (path: string, init: Parameters<typeof request>[1] = {}) => {
    const answer = await request(`${fake.url}${path}`, init);
    return { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
  };
  assert.deepEqual(JSON.parse((await get('/api/vulnerability/GHSA%2Fx?a=1&b=2')).text), { id: 'GHSA/x', q: { a: '1', b: '2' } });
  assert.equal((await get('/files/a/b/c.txt')).text, 'a/b/c.txt');
  const echo = await get('/echo', { method: 'POST', body: 'héllo' });
  assert.equal(echo.status, 201);
  assert.equal(echo.text, 'héllo');
  assert.equal(echo.headers['x-len'], '6');
  assert.deepEqual(JSON.parse((await get('/any', { method: 'DELETE' })).text), { method: 'DELETE' });
  assert.equal((await get('/api/vulnerability/x', { method: 'HEAD' })).status, 200);
  assert.equal((await get('/nowhere')).status, 404);
  const boom = await get('/boom');
  assert.equal(boom.status, 500);
  assert.match(boom.text, /handler bug/);
  assert.deepEqual(JSON.parse((await get('/late')).text), { late: true });

  assert.equal(fake.requests[0]?.path, '/api/vulnerability/GHSA%2Fx');
  assert.equal(fake.requests[0]?.target, '/api/vulnerability/GHSA%2Fx?a=1&b=2');
  assert.equal(fake.requests[2]?.method, 'POST');
  assert.equal(fake.requests[2]?.body, 'héllo');
});

test('parseBasicAuth decodes credentials with colons in the password', () => {
  const header = `Basic ${Buffer.from('user:pa:ss').toString('base64')}`;
  assert.deepEqual(parseBasicAuth(header), { username: 'user', password: 'pa:ss' });
  assert.equal(parseBasicAuth('Bearer x'), undefined);
  assert.equal(parseBasicAuth(undefined), undefined);
});

test('close() force-closes connections held by a hanging route', async () => {
  const fake = await startFakeHttp({ 'GET /never': { hang: true } });
  const pending = request(`${fake.url}/never`).then(
    () => 'answered',
    () => 'failed',
  );
  while (fake.openConnections() === 0) await new Promise((r) => setTimeout(r, 5));
  await fake.close();
  assert.equal(await pending, 'failed');
});
