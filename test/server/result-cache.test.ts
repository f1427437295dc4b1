/**
 * The result cache of one server, without Redis (`--cache-ttl`,
 * `--cache-size`): a repeated hover is answered without asking the vendor
 * again, until its TTL; the LRU stays within its size; errors, submit-like
 * modules and import/export/action modules are never kept, nor answers that
 * spell a secret; and caching is off unless asked for.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { BUILTINS, hashQuery, md5, metric, runs, startHashlookup, type CountingVendor } from './cache-fakes.js';
import { startTestServer, type TestServer } from './harness.js';

describe('with --cache-ttl 60', () => {
  let vendor: CountingVendor;
  let server: TestServer;
  before(async () => {
    vendor = await startHashlookup();
    server = await startTestServer({ builtins: BUILTINS, settings: { upstreams: [`hashlookup.circl.lu=${vendor.url}`], cacheTtlSeconds: 60 } });
  });
  after(async () => {
    await server.close();
    await vendor.close();
  });

  test('a repeated hover is answered from the cache: one vendor request, the same answer; /metrics counts the miss and the hit', async () => {
    const hash = md5(1);
    const first = await server.query(hashQuery(hash));
    const second = await server.query(hashQuery(hash));
    assert.ok(Array.isArray((first['results'] as { Object?: unknown[] }).Object), JSON.stringify(first));
    assert.deepEqual(second, first);
    assert.equal(vendor.hits(`/lookup/md5/${hash}`), 1);
    assert.equal(await metric(server, 'misp_modules_cache_hits_total{source="local"}'), 1);
    assert.equal(await metric(server, 'misp_modules_cache_misses_total'), 1);
    assert.equal(await metric(server, 'misp_modules_cache_entries'), 1);
    assert.ok((await metric(server, 'misp_modules_cache_bytes'))! > 100);
    // Both are answered queries in the usual counters.
    assert.equal(await metric(server, 'misp_modules_queries_total{module="hashlookup",outcome="ok"}'), 2);
  });

  test('`timeout` does not change the key; another attribute uuid or other settings do', async () => {
    const hash = md5(2);
    await server.query(hashQuery(hash));
    await server.query(hashQuery(hash, { timeout: 30 }));
    assert.equal(vendor.hits(`/lookup/md5/${hash}`), 1);
    const otherUuid = await server.query({ ...hashQuery(hash), attribute: { type: 'md5', value: hash, uuid: '11111111-2222-4333-8444-555555555555' } });
    assert.equal(vendor.hits(`/lookup/md5/${hash}`), 2);
    // The answer refers to the attribute it was asked for, never to another query's.
    assert.match(JSON.stringify(otherUuid), /11111111-2222-4333-8444-555555555555/);
    await server.query(hashQuery(hash, { config: { unused: 'x' } }));
    assert.equal(vendor.hits(`/lookup/md5/${hash}`), 3);
  });

  test('errors are not cached: a vendor failure and a "not found" are asked again', async () => {
    const failing = md5(3);
    vendor.failWith = 500;
    try {
      const answers = [await server.query(hashQuery(failing)), await server.query(hashQuery(failing))];
      for (const answer of answers) assert.match(String(answer['error']), /HTTP 500/);
    } finally {
      vendor.failWith = undefined;
    }
    assert.equal(vendor.hits(`/lookup/md5/${failing}`), 2);
    // Once the vendor is back, the lookup succeeds: no error was kept.
    assert.ok((await server.query(hashQuery(failing)))['results']);
    const unknown = `0000${md5(4).slice(4)}`;
    assert.deepEqual(await server.query(hashQuery(unknown)), { error: 'Non existing hash' });
    assert.deepEqual(await server.query(hashQuery(unknown)), { error: 'Non existing hash' });
    assert.equal(vendor.hits(`/lookup/md5/${unknown}`), 2);
  });

  test('submit-like modules (coalesce: false), modules that opt out (cache: false), import, export and action modules are never cached', async () => {
    const before = new Map(runs);
    const twice = async (body: Record<string, unknown>) => [await server.query(body), await server.query(body)];
    const submissions = await twice({ module: 'submit_like', domain: 'a.example' });
    assert.notDeepEqual(submissions[0], submissions[1]);
    await twice({ module: 'fresh_lookup', domain: 'a.example' });
    await twice({ module: 'test_import', data: 'aGVsbG8=' });
    await twice({ module: 'test_export', data: [] });
    await twice({ module: 'test_action', data: {} });
    for (const name of ['submit_like', 'fresh_lookup', 'test_import', 'test_export', 'test_action']) {
      assert.equal((runs.get(name) ?? 0) - (before.get(name) ?? 0), 2, name);
    }
  });

  test('an answer that spells a secret setting is not kept; the same module is cached otherwise', async () => {
    const before = runs.get('echo_key') ?? 0;
    const config = { apikey: 'echo-secret-4815162342' };
    const echoed = await server.query({ module: 'echo_key', domain: 'echo.example', config });
    await server.query({ module: 'echo_key', domain: 'echo.example', config });
    assert.match(JSON.stringify(echoed), /echo-secret-4815162342/);
    assert.equal((runs.get('echo_key') ?? 0) - before, 2);
    await server.query({ module: 'echo_key', domain: 'quiet.example', config });
    await server.query({ module: 'echo_key', domain: 'quiet.example', config });
    assert.equal((runs.get('echo_key') ?? 0) - before, 3);
  });
});

test('the TTL: an answer older than --cache-ttl is asked again', async (t) => {
  const vendor = await startHashlookup();
  const server = await startTestServer({ builtins: BUILTINS, settings: { upstreams: [`hashlookup.circl.lu=${vendor.url}`], cacheTtlSeconds: 1 } });
  t.after(async () => {
    await server.close();
    await vendor.close();
  });
  const hash = md5(10);
  await server.query(hashQuery(hash));
  await server.query(hashQuery(hash));
  assert.equal(vendor.hits(), 1);
  await sleep(1300);
  await server.query(hashQuery(hash));
  assert.equal(vendor.hits(), 2);
});

test('--cache-size bounds the LRU: the least recently used answers go first', async (t) => {
  const vendor = await startHashlookup();
  const limitBytes = 16 * 1024;
  const server = await startTestServer({ builtins: BUILTINS, settings: { upstreams: [`hashlookup.circl.lu=${vendor.url}`], cacheTtlSeconds: 60, cacheSizeMb: limitBytes / (1024 * 1024) } });
  t.after(async () => {
    await server.close();
    await vendor.close();
  });
  const size = JSON.stringify(await server.query(hashQuery(md5(100)))).length;
  const count = Math.ceil((3 * limitBytes) / size);
  for (let i = 101; i < 100 + count; i++) await server.query(hashQuery(md5(i)));
  const entries = (await metric(server, 'misp_modules_cache_entries'))!;
  const bytes = (await metric(server, 'misp_modules_cache_bytes'))!;
  assert.ok(bytes <= limitBytes, `${bytes} bytes kept`);
  assert.ok(entries > 0 && entries < count, `${entries} of ${count} answers kept`);
  // The last one is still there; the first was evicted and is asked again.
  const hitsBefore = vendor.hits();
  await server.query(hashQuery(md5(99 + count)));
  assert.equal(vendor.hits(), hitsBefore);
  await server.query(hashQuery(md5(100)));
  assert.equal(vendor.hits(), hitsBefore + 1);
});

test('off by default: every query asks the vendor, and /metrics has no cache figures', async (t) => {
  const vendor = await startHashlookup();
  const server = await startTestServer({ builtins: BUILTINS, settings: { upstreams: [`hashlookup.circl.lu=${vendor.url}`] } });
  t.after(async () => {
    await server.close();
    await vendor.close();
  });
  await server.query(hashQuery(md5(200)));
  await server.query(hashQuery(md5(200)));
  assert.equal(vendor.hits(), 2);
  assert.doesNotMatch((await server.get('/metrics')).text, /misp_modules_cache_|misp_modules_redis_/);
});

test('a module run on its own thread (--isolate) is cached by the server: the second query never reaches the thread', async (t) => {
  const vendor = await startHashlookup();
  // The built-ins are loaded from their files (a thread can import them), hashlookup on a thread of its own.
  const server = await startTestServer({ settings: { upstreams: [`hashlookup.circl.lu=${vendor.url}`], cacheTtlSeconds: 60, isolate: ['hashlookup'] } });
  t.after(async () => {
    await server.close();
    await vendor.close();
  });
  const hash = md5(300);
  const first = await server.query(hashQuery(hash));
  assert.ok(first['results'], JSON.stringify(first));
  assert.equal(server.server.isolated.aliveThreads, 1);
  assert.deepEqual(await server.query(hashQuery(hash, { timeout: 20 })), first);
  assert.equal(vendor.hits(), 1);
  assert.equal(await metric(server, 'misp_modules_cache_hits_total{source="local"}'), 1);
  // An error from the thread is not kept.
  vendor.failWith = 500;
  await server.query(hashQuery(md5(301)));
  vendor.failWith = undefined;
  assert.ok((await server.query(hashQuery(md5(301))))['results']);
  assert.equal(vendor.hits(), 3);
});
