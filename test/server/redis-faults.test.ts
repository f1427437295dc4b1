/**
 * Redis failing never fails a query: stopped mid-run and started again, down
 * when the server starts, or alive but silent (paused). Each outage is logged
 * once, /healthcheck stays true, /metrics shows the state, and the cache is
 * shared again once Redis answers. The URL's password is never logged.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashQuery, md5, metric, redisUp, startHashlookup, startInstance } from './cache-fakes.js';
import { startRedisServer } from '../support/redis-server.js';

const UNAVAILABLE = /Redis is unavailable/;
const BACK = /Redis answers again/;

test('Redis stopped mid-run and started again: no query fails, one log line each way, and the cache is shared again', async (t) => {
  const redis = await startRedisServer();
  const hashes = await startHashlookup();
  const a = await startInstance(redis, [hashes]);
  const b = await startInstance(redis, [hashes]);
  t.after(async () => {
    await a.close();
    await b.close();
    await hashes.close();
    await redis.close();
  });
  await redisUp(a);
  await redisUp(b);
  let next = 1000;
  const lookups = async () => {
    const hash = md5(next++);
    const answers = await Promise.all([a.query(hashQuery(hash)), b.query(hashQuery(hash)), a.query(hashQuery(md5(1000))), b.query(hashQuery(md5(1000)))]);
    for (const answer of answers) assert.ok(answer['results'], JSON.stringify(answer));
  };
  await lookups();

  await redis.stop();
  // Queries keep being answered while Redis is gone, and each instance still caches for itself.
  for (let i = 0; i < 10; i++) await lookups();
  await redisUp(a, false);
  await redisUp(b, false);
  const hash = md5(2000);
  await a.query(hashQuery(hash));
  await a.query(hashQuery(hash));
  assert.equal(hashes.hits(`/lookup/md5/${hash}`), 1);
  for (const server of [a, b]) {
    assert.deepEqual((await server.get('/healthcheck')).json(), { status: true });
    assert.equal(await metric(server, 'misp_modules_redis_up'), 0);
    assert.equal(server.logs.lines.filter((l) => UNAVAILABLE.test(l)).length, 1, server.logs.text);
  }

  await redis.start();
  await redisUp(a);
  await redisUp(b);
  for (const server of [a, b]) {
    assert.equal(await metric(server, 'misp_modules_redis_up'), 1);
    assert.equal(server.logs.lines.filter((l) => BACK.test(l)).length, 1);
    assert.equal(await metric(server, 'misp_modules_redis_outages_total'), 1);
  }
  // Shared again: a new lookup on A is served to B from the (restarted, empty) Redis.
  const after = md5(3000);
  await a.query(hashQuery(after));
  await b.query(hashQuery(after));
  assert.equal(hashes.hits(`/lookup/md5/${after}`), 1);
  await lookups();
});

test('Redis down when the server starts: queries are answered, and sharing begins once Redis is up', async (t) => {
  const redis = await startRedisServer();
  await redis.stop();
  const hashes = await startHashlookup();
  const a = await startInstance(redis, [hashes]);
  t.after(async () => {
    await a.close();
    await hashes.close();
    await redis.close();
  });
  const hash = md5(1);
  assert.ok((await a.query(hashQuery(hash)))['results']);
  assert.ok((await a.query(hashQuery(hash)))['results']);
  assert.equal(hashes.hits(), 1);
  assert.equal(await metric(a, 'misp_modules_redis_up'), 0);
  assert.deepEqual((await a.get('/healthcheck')).json(), { status: true });
  assert.equal(a.logs.lines.filter((l) => UNAVAILABLE.test(l)).length, 1, a.logs.text);

  await redis.start();
  await redisUp(a);
  const b = await startInstance(redis, [hashes]);
  t.after(() => b.close());
  await redisUp(b);
  const shared = md5(2);
  await a.query(hashQuery(shared));
  await b.query(hashQuery(shared));
  assert.equal(hashes.hits(`/lookup/md5/${shared}`), 1);
});

test('a Redis that stops answering (paused) does not hold queries: one waits --redis-timeout, the next skip Redis', async (t) => {
  const redis = await startRedisServer();
  const hashes = await startHashlookup();
  const a = await startInstance(redis, [hashes], { redisTimeoutMs: 300 });
  const b = await startInstance(redis, [hashes], { redisTimeoutMs: 300 });
  t.after(async () => {
    await a.close();
    await b.close();
    await hashes.close();
    await redis.close();
  });
  await redisUp(a);
  await redisUp(b);
  redis.pause();
  const started = Date.now();
  for (let i = 0; i < 20; i++) {
    const answer = await a.query(hashQuery(md5(100 + i)));
    assert.ok(answer['results'], JSON.stringify(answer));
  }
  const elapsed = Date.now() - started;
  // One command waits out its 300 ms; the other queries do not touch Redis (waiting each would take 20 × 300 ms at least).
  assert.ok(elapsed < 3000, `20 lookups took ${elapsed} ms with Redis paused`);
  assert.equal(await metric(a, 'misp_modules_redis_up'), 0);
  assert.ok((await metric(a, 'misp_modules_redis_failures_total'))! >= 1);
  redis.resume();
  await redisUp(a);
  await redisUp(b);
  const shared = md5(200);
  await a.query(hashQuery(shared));
  await b.query(hashQuery(shared));
  assert.equal(hashes.hits(`/lookup/md5/${shared}`), 1);
});

test('the password in the Redis URL is never logged: not when connecting, not on a refused password, not during an outage', async (t) => {
  const password = 'redis-pass-9f8e7d6c5b';
  const redis = await startRedisServer({ password });
  const hashes = await startHashlookup();
  const good = await startInstance(redis, [hashes]);
  const wrongPassword = 'wrong-pass-1a2b3c4d5e';
  const refused = await startInstance({ url: redis.url.replace(encodeURIComponent(password), wrongPassword) }, [hashes]);
  t.after(async () => {
    await good.close();
    await refused.close();
    await hashes.close();
    await redis.close();
  });
  await redisUp(good);
  // The refused one serves on its own.
  assert.ok((await refused.query(hashQuery(md5(1))))['results']);
  assert.equal(refused.server.shared.redis?.up, false);
  assert.match(refused.logs.text, UNAVAILABLE);
  await redis.stop();
  assert.ok((await good.query(hashQuery(md5(2))))['results']);
  await redisUp(good, false);
  for (const server of [good, refused]) {
    assert.match(server.logs.text, /connecting to Redis/);
    assert.match(server.logs.text, /redis:\/\/127\.0\.0\.1:\d+/);
    for (const secret of [password, wrongPassword]) {
      assert.ok(!server.logs.text.includes(secret), `the password is in the log:\n${server.logs.text}`);
      assert.ok(!(await server.get('/metrics')).text.includes(secret));
    }
  }
});
