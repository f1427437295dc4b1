/**
 * Several instances sharing one real redis-server (`--redis`): a lookup made
 * on one is served by the other; identical lookups in flight on two instances
 * make one vendor request (and a lock left by a dead instance expires); Redis
 * holds no secret in clear and nothing of modules that are never cached.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { queryIdentity } from '../../src/core/runner.js';
import hashlookup from '../../src/modules/expansion/hashlookup.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';
import { hashQuery, md5, metric, redisContents, redisUp, startHashlookup, startInstance, startVirusTotal, VT_SECRET, vtUrlQuery, type CountingVendor } from './cache-fakes.js';
import type { TestServer } from './harness.js';

describe('two instances sharing one Redis', () => {
  let redis: TestRedis;
  let hashes: CountingVendor;
  let vt: CountingVendor;
  let a: TestServer;
  let b: TestServer;
  let client: Redis;
  before(async () => {
    redis = await startRedisServer();
    hashes = await startHashlookup();
    vt = await startVirusTotal();
    a = await startInstance(redis, [hashes, vt]);
    b = await startInstance(redis, [hashes, vt]);
    client = redis.client();
    await redisUp(a);
    await redisUp(b);
  });
  after(async () => {
    await a.close();
    await b.close();
    await hashes.close();
    await vt.close();
    await redis.close();
  });

  test('a lookup made on one instance is served by the other from Redis: the vendor is asked once', async () => {
    const hash = md5(1);
    const first = await a.query(hashQuery(hash));
    assert.ok(first['results'], JSON.stringify(first));
    assert.deepEqual(await b.query(hashQuery(hash)), first);
    assert.equal(hashes.hits(`/lookup/md5/${hash}`), 1);
    assert.equal(await metric(b, 'misp_modules_cache_hits_total{source="redis"}'), 1);
    assert.equal(await metric(a, 'misp_modules_redis_up'), 1);
    // Then from B's own LRU.
    await b.query(hashQuery(hash));
    assert.equal(await metric(b, 'misp_modules_cache_hits_total{source="local"}'), 1);
    assert.equal(hashes.hits(`/lookup/md5/${hash}`), 1);
  });

  test('identical lookups in flight on two instances make one vendor request; both get its answer', async () => {
    const hash = md5(2);
    hashes.delayMs = 500;
    try {
      const [fromA, fromB] = await Promise.all([a.query(hashQuery(hash)), b.query(hashQuery(hash))]);
      assert.ok(fromA['results'], JSON.stringify(fromA));
      assert.deepEqual(fromB, fromA);
    } finally {
      hashes.delayMs = 0;
    }
    assert.equal(hashes.hits(`/lookup/md5/${hash}`), 1);
    const joined = ((await metric(a, 'misp_modules_cache_joined_total')) ?? 0) + ((await metric(b, 'misp_modules_cache_joined_total')) ?? 0);
    assert.equal(joined, 1);
  });

  test('when the instance holding the lookup fails, the waiting one asks the vendor itself (errors are not shared)', async () => {
    const hash = md5(3);
    hashes.delayMs = 300;
    hashes.failWith = 500;
    try {
      const answers = await Promise.all([a.query(hashQuery(hash)), b.query(hashQuery(hash))]);
      for (const answer of answers) assert.match(String(answer['error']), /HTTP 500/);
    } finally {
      hashes.delayMs = 0;
      hashes.failWith = undefined;
    }
    assert.equal(hashes.hits(`/lookup/md5/${hash}`), 2);
    assert.equal(await client.exists(a.server.shared.cache!.resultKey(a.server.shared.cache!.keyOf(queryIdentity(hashlookup, hashQuery(hash))))), 0);
  });

  test('a lock left by an instance that died expires: the lookup then runs here', async () => {
    const hash = md5(4);
    const cache = a.server.shared.cache!;
    // Another host took the lock for this lookup, then died: nobody renews it.
    await client.set(cache.lockKey(cache.keyOf(queryIdentity(hashlookup, hashQuery(hash)))), 'dead-instance', 'PX', 800);
    const started = Date.now();
    const answer = await a.query(hashQuery(hash));
    assert.ok(answer['results'], JSON.stringify(answer));
    assert.ok(Date.now() - started >= 700, `answered after ${Date.now() - started} ms, before the lock expired`);
    assert.equal(hashes.hits(`/lookup/md5/${hash}`), 1);
    // And B finds the answer A stored.
    await b.query(hashQuery(hash));
    assert.equal(hashes.hits(`/lookup/md5/${hash}`), 1);
  });

  test('something else than an answer under a result key is not served: the lookup runs and replaces it', async () => {
    const hash = md5(8);
    const cache = a.server.shared.cache!;
    const resultKey = cache.resultKey(cache.keyOf(queryIdentity(hashlookup, hashQuery(hash))));
    await client.set(resultKey, 'garbage, not an answer', 'PX', 60_000);
    const answer = await a.query(hashQuery(hash));
    assert.ok(answer['results'], JSON.stringify(answer));
    assert.equal(hashes.hits(`/lookup/md5/${hash}`), 1);
    assert.equal(await client.get(resultKey), JSON.stringify(answer));
  });

  test('a waiter whose query times out stops waiting; the lock holder is not disturbed', async () => {
    const hash = md5(5);
    hashes.delayMs = 800;
    try {
      const [holder, impatient] = await Promise.all([a.query(hashQuery(hash)), (async () => {
        await new Promise((r) => setTimeout(r, 100));
        return b.query(hashQuery(hash, { timeout: 0.3 }));
      })()]);
      assert.ok(holder['results'], JSON.stringify(holder));
      assert.deepEqual(impatient, { error: 'Timeout.' });
    } finally {
      hashes.delayMs = 0;
    }
    assert.equal(hashes.hits(`/lookup/md5/${hash}`), 1);
  });

  test('Redis holds no secret in clear: keys are digests and answers spelling a key are not stored', async () => {
    const url = 'http://evil-updates.com/dl/payload.exe?n=secret-test';
    const first = await a.query(vtUrlQuery(url));
    assert.ok(first['results'], JSON.stringify(first));
    assert.deepEqual(await b.query(vtUrlQuery(url)), first);
    assert.equal(vt.hits(), 1);
    await a.query({ module: 'echo_key', domain: 'echo.example', config: { apikey: 'echo-secret-4815162342' } });
    const contents = await redisContents(client);
    assert.match(contents, /^misp-modules:[^:]+:result:[A-Za-z0-9_-]{43}$/m);
    for (const secret of [VT_SECRET, 'echo-secret-4815162342']) {
      assert.ok(!contents.includes(secret), `${secret} is in Redis`);
      assert.ok(!contents.includes(Buffer.from(secret).toString('base64')), `${secret} is in Redis in base64`);
    }
  });

  test('submit-like, import, export and action modules and errors leave no result in Redis', async () => {
    const results = async () => (await client.keys('misp-modules:*:result:*')).length;
    const before = await results();
    await a.query({ module: 'submit_like', domain: 'a.example' });
    await a.query({ module: 'fresh_lookup', domain: 'a.example' });
    await a.query({ module: 'test_import', data: 'aGVsbG8=' });
    await a.query({ module: 'test_export', data: [] });
    await a.query({ module: 'test_action', data: {} });
    assert.deepEqual(await a.query(hashQuery(`0000${md5(6).slice(4)}`)), { error: 'Non existing hash' });
    assert.equal(await results(), before);
    assert.deepEqual(await client.keys('misp-modules:*:lock:*'), []);
  });
});

test('with --cache-ttl 0 and Redis, identical lookups in flight are still made once across instances, and nothing is served afterwards', async (t) => {
  const redis = await startRedisServer();
  const hashes = await startHashlookup();
  const a = await startInstance(redis, [hashes], { cacheTtlSeconds: 0 });
  const b = await startInstance(redis, [hashes], { cacheTtlSeconds: 0 });
  t.after(async () => {
    await a.close();
    await b.close();
    await hashes.close();
    await redis.close();
  });
  await redisUp(a);
  await redisUp(b);
  const hash = md5(7);
  hashes.delayMs = 500;
  const [fromA, fromB] = await Promise.all([a.query(hashQuery(hash)), b.query(hashQuery(hash))]);
  hashes.delayMs = 0;
  assert.deepEqual(fromB, fromA);
  assert.equal(hashes.hits(), 1);
  await b.query(hashQuery(hash));
  await a.query(hashQuery(hash));
  assert.equal(hashes.hits(), 3);
});

test('an ACL user limited to misp-modules:* keys, with the rights docs/SECURITY.md lists, is enough: nothing is refused', async (t) => {
  const redis = await startRedisServer();
  const admin = redis.client();
  // The line docs/SECURITY.md gives.
  await admin.call('ACL', 'SETUSER', 'misp-modules', 'on', '>acl-pass-2718281828', '~misp-modules:*', '+@read', '+@write', '+@scripting', '+@connection', '+info', '+time');
  const url = redis.url.replace('redis://', 'redis://misp-modules:acl-pass-2718281828@');
  const hashes = await startHashlookup();
  const vt = await startVirusTotal();
  const a = await startInstance({ url }, [hashes, vt], { vendorLimits: ['VirusTotal public=2/2s'] });
  const b = await startInstance({ url }, [hashes, vt], { vendorLimits: ['VirusTotal public=2/2s'] });
  t.after(async () => {
    await a.close();
    await b.close();
    await hashes.close();
    await vt.close();
    await redis.close();
  });
  await redisUp(a);
  await redisUp(b);
  await a.query(hashQuery(md5(9)));
  await b.query(hashQuery(md5(9)));
  assert.equal(hashes.hits(), 1);
  assert.ok((await a.query(vtUrlQuery('http://acl.example/')))['results']);
  assert.equal((await admin.keys('misp-modules:limit:*')).length, 1);
  for (const server of [a, b]) assert.doesNotMatch(server.logs.text, /Redis refused|Redis is unavailable/);
});
