/** Every error path of /query: each answer is JSON, clear, and the server keeps serving. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { badResultModule, sleeperModule, throwerModule, userErrorModule, type SleeperProbe } from './fixture-modules.js';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
const probe: SleeperProbe = { started: 0, aborted: 0, finished: 0 };
before(async () => {
  t = await startTestServer({ extraModules: [sleeperModule(probe), throwerModule, userErrorModule, badResultModule], settings: { bodyLimit: 64 * 1024 } });
});
after(() => t.close());

async function errorOf(body: object): Promise<string> {
  const r = await t.query(body);
  assert.equal(typeof r['error'], 'string', JSON.stringify(r));
  return r['error'] as string;
}

describe('module-level problems answer 200 with {"error"}', () => {
  test('unknown module names the module', async () => {
    assert.equal(await errorOf({ module: 'no_such_module', domain: 'x' }), "Unknown module 'no_such_module': this server has no module of that name (GET /modules lists them).");
  });

  test('missing module says what to send', async () => {
    assert.match(await errorOf({ domain: 'circl.lu' }), /no "module" field/);
    assert.match(await errorOf({ module: '' }), /no "module" field/);
  });

  test('a wrong attribute type names the accepted types', async () => {
    assert.equal(await errorOf({ module: 'eql', domain: 'circl.lu' }), "Module 'eql' needs one of these attribute types in the request: ip-src, ip-dst, filename.");
    assert.equal(
      await errorOf({ module: 'eql', attribute: { type: 'domain', value: 'circl.lu', uuid: 'u' } }),
      "Module 'eql' does not accept attributes of type 'domain'; it accepts: ip-src, ip-dst, filename.",
    );
  });

  test('a module that throws: generic message with module name and request id, stack in the log', async () => {
    const res = await t.post('/query', { module: 'test_thrower', text: 'x' });
    assert.equal(res.status, 200);
    const error = (res.json() as { error: string }).error;
    const requestId = String(res.headers['x-request-id']);
    assert.equal(error, `Something went wrong in module 'test_thrower', look in the server logs for details (request id ${requestId}).`);
    const line = t.logs.records().find((r) => r['reqId'] === requestId && r['level'] === 50);
    assert.ok(line, 'an error line with the request id');
    assert.match(String((line['err'] as { stack: string }).stack), /TypeError: Cannot read properties/);
    assert.equal(line['module'], 'test_thrower');
  });

  test('a module returning nothing or something unserialisable is reported with its name', async () => {
    for (const text of ['undefined', 'bigint', 'circular']) {
      assert.match(await errorOf({ module: 'test_bad_result', text }), /Something went wrong in module 'test_bad_result'/);
    }
  });

  test('a ModuleError reaches the client with secrets scrubbed', async () => {
    const error = await errorOf({ module: 'test_user_error', text: 'x', config: { api_key: 'sk-live-0123456789' } });
    assert.equal(error, 'Upstream refused the key [REDACTED].');
  });
});

describe('timeouts', () => {
  test('a module that runs past its timeout answers "Timeout." in time and is aborted', async () => {
    const before = { ...probe };
    const started = Date.now();
    const r = await t.query({ module: 'test_sleeper', text: '30', timeout: 0.2 });
    assert.deepEqual(r, { error: 'Timeout.' });
    assert.ok(Date.now() - started < 10_000, 'answered long before the module would have finished');
    assert.equal(probe.started, before.started + 1);
    // The abort reaches the module's work.
    for (let i = 0; i < 50 && probe.aborted === before.aborted; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(probe.aborted, before.aborted + 1);
    assert.equal(probe.finished, before.finished);
  });

  test('timeout as a numeric string, and 0 times out at once', async () => {
    assert.deepEqual(await t.query({ module: 'test_sleeper', text: '30', timeout: '0.1' }), { error: 'Timeout.' });
    assert.deepEqual(await t.query({ module: 'test_sleeper', text: '30', timeout: 0 }), { error: 'Timeout.' });
    assert.deepEqual(await t.query({ module: 'test_sleeper', text: '0', timeout: '5' }), { results: [{ types: ['text'], values: ['slept 0'] }] });
  });

  test('a bad timeout value is a 400 JSON error', async () => {
    for (const timeout of [null, 'abc', [], {}, true, '1e999']) {
      const res = await t.post('/query', { module: 'test_sleeper', text: '0', timeout });
      assert.equal(res.status, 400, JSON.stringify(timeout));
      assert.match((res.json() as { error: string }).error, /"timeout" must be/);
    }
  });

  test('a client that hangs up aborts the module', async () => {
    const before = probe.aborted;
    const { request } = await import('undici');
    const controller = new AbortController();
    const pending = request(`${t.url}/query`, { method: 'POST', body: JSON.stringify({ module: 'test_sleeper', text: '30' }), signal: controller.signal });
    for (let i = 0; i < 100 && probe.started === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await assert.rejects(pending);
    for (let i = 0; i < 100 && probe.aborted === before; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(probe.aborted, before + 1);
  });
});

describe('malformed requests get 4xx JSON', () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ['not JSON', 'module=dns', /not valid JSON/],
    ['truncated JSON', '{"module": "eql", ', /not valid JSON/],
    ['empty body', '', /empty/],
    ['an array', '[1,2]', /must be a JSON object, not an array/],
    ['a string', '"x"', /must be a JSON object, not string/],
    ['null', 'null', /must be a JSON object, not null/],
    ['NaN', '{"module": NaN}', /not valid JSON/],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x6d, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), /not valid UTF-8/],
    ['__proto__ key', '{"module":"eql","__proto__":{"polluted":1}}', /forbidden "__proto__"/],
    ['constructor.prototype', '{"module":"eql","constructor":{"prototype":{"polluted":1}}}', /forbidden/],
    ['too deep', '['.repeat(300) + ']'.repeat(300), /JSON object|deeper/],
    ['deep object', '{"a":'.repeat(300) + '1' + '}'.repeat(300), /deeper than 256/],
    ['module not a string', '{"module": 42}', /"module" must be a string/],
  ];
  for (const [name, body, message] of cases) {
    test(name, async () => {
      const res = await t.post('/query', body);
      assert.equal(res.status, 400);
      assert.match(String(res.headers['content-type']), /application\/json/);
      assert.match((res.json() as { error: string }).error, message);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    });
  }

  test('a body over the limit is a 413 JSON error', async () => {
    const res = await t.post('/query', JSON.stringify({ module: 'eql', 'ip-src': 'x'.repeat(70 * 1024) }));
    assert.equal(res.status, 413);
    assert.match((res.json() as { error: string }).error, /larger than the limit of 65536 bytes/);
  });

  test('the server still serves after all of that', async () => {
    assert.equal((await t.get('/healthcheck')).text, '{"status":true}');
    assert.deepEqual(await t.query({ module: 'testaction' }), { data: true });
  });
});
