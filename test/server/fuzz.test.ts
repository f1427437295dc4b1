/**
 * Generated bad input: thousands of malformed requests. Every answer is JSON
 * with a clear error (4xx for a malformed request, 200 for a module-level
 * problem), the server survives all of them, and no prototype is polluted.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { startTestServer, type HttpAnswer, type TestServer } from './harness.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ settings: { logLevel: 'silent', bodyLimit: 2 * 1024 * 1024, maxJsonDepth: 64 } });
});
after(() => t.close());

const MODULES = ['eql', 'testimport', 'testexport', 'testaction', 'extract_url_components'];
const FIELDS = ['module', 'timeout', 'config', 'attribute', 'object', 'data', 'event_id', 'attribute_uuid', 'persistent', 'filename', 'params', 'filteredItems', 'matchingData', 'user', 'ip-src', 'filename', 'url'];

/** Any JSON value, including the awkward ones. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('', '0', '-1', 'NaN', '1e999', '__proto__', 'constructor', 'null', '[]', '{}', '%00', '\u0000', '\ud800'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, [], {}),
);

function checkAnswer(res: HttpAnswer, context: string): void {
  assert.match(String(res.headers['content-type']), /application\/json/, context);
  let body: unknown;
  assert.doesNotThrow(() => {
    body = res.json();
  }, context);
  if (res.status === 200) {
    assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), context);
    const error = (body as { error?: unknown }).error;
    if (error !== undefined) {
      assert.equal(typeof error, 'string', context);
      assert.doesNotMatch(error as string, /^Something went wrong/, `no module crashed: ${context} → ${error}`);
    }
  } else {
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}: ${context}`);
    assert.equal(typeof (body as { error?: unknown }).error, 'string', context);
  }
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype untouched');
}

test('random bytes as a body', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
      checkAnswer(await t.post('/query', Buffer.from(bytes)), `bytes ${Buffer.from(bytes).toString('hex').slice(0, 80)}`);
    }),
    { numRuns: 400 },
  );
});

test('any JSON value as a body', async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
      checkAnswer(await t.post('/query', JSON.stringify(value)), JSON.stringify(value).slice(0, 120));
    }),
    { numRuns: 400 },
  );
});

test('known modules with every known field of the wrong type', async () => {
  const request = fc.record(
    {
      module: fc.oneof(fc.constantFrom(...MODULES), anyValue),
      ...Object.fromEntries(FIELDS.filter((f) => f !== 'module').map((f) => [f, anyValue])),
    },
    { requiredKeys: ['module'] },
  );
  await fc.assert(
    fc.asyncProperty(request, async (body) => {
      checkAnswer(await t.post('/query', JSON.stringify(body)), JSON.stringify(body).slice(0, 160));
    }),
    { numRuns: 1200 },
  );
});

test('prototype-poisoning keys anywhere in the body', async () => {
  const key = fc.constantFrom('__proto__', 'constructor', 'prototype');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...MODULES), key, fc.constantFrom('top', 'config', 'attribute', 'data'), async (module, poison, where) => {
      const inner = `{"${poison}":{"polluted":1,"prototype":{"polluted":1}}}`;
      const body =
        where === 'top'
          ? `{"module":"${module}","${poison}":{"polluted":1,"prototype":{"polluted":1}}}`
          : `{"module":"${module}","${where}":${inner}}`;
      checkAnswer(await t.post('/query', body), body);
    }),
    { numRuns: 100 },
  );
});

test('deep nesting, huge strings, huge arrays, invalid base64 and UTF-8', async () => {
  const cases: Array<string | Buffer> = [
    '{"module":"eql","ip-src":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    JSON.stringify({ module: 'eql', 'ip-src': 'a'.repeat(1_500_000) }),
    JSON.stringify({ module: 'testexport', data: Array.from({ length: 100_000 }, (_, i) => i) }),
    JSON.stringify({ module: 'extract_url_components', attribute: { type: 'url', uuid: 'u', value: 'http://' + 'a.'.repeat(200_000) + 'com/' } }),
    JSON.stringify({ module: 'testimport', data: '!!!!' }),
    JSON.stringify({ module: 'testimport', data: 'QQ' + '='.repeat(50) }),
    Buffer.concat([Buffer.from('{"module":"eql","ip-src":"'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), Buffer.from('"}')]),
    Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('{"module":"testaction"}')]),
    '{"module":"eql","ip-src":"\\ud800"}',
    '{"module":"eql","module":"testaction"}',
  ];
  for (const body of cases) checkAnswer(await t.post('/query', body), String(body).slice(0, 80));
  const tooBig = await t.post('/query', JSON.stringify({ module: 'eql', 'ip-src': 'a'.repeat(3 * 1024 * 1024) }));
  assert.equal(tooBig.status, 413);
});

test('GET /modules with odd query strings and headers', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (query, etag) => {
      const res = await t.get(`/modules?${encodeURIComponent(query)}`, { 'if-none-match': etag.replace(/[^\x20-\x7e]/g, '') });
      assert.equal(res.status, 200);
      assert.ok(Array.isArray(res.json()));
    }),
    { numRuns: 100 },
  );
});

test('still serving afterwards', async () => {
  assert.equal((await t.get('/healthcheck')).text, '{"status":true}');
  assert.deepEqual(await t.query({ module: 'testaction' }), { data: true });
});
