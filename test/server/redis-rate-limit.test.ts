/**
 * A vendor's rate limit held across instances through Redis: VirusTotal
 * public's 4 requests a minute, scaled down to 2 every 2 s with
 * `--vendor-limit` so the test takes seconds. Two instances sharing a Redis
 * send the fake VirusTotal at most 2 requests in any 2 s; without Redis each
 * spaces only its own (the control: 4 arrive at once). A slot after the
 * query's timeout is the same clear error; with Redis down, each instance
 * falls back to its own limit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redisUp, startHashlookup, startInstance, startVirusTotal, vtUrlQuery, type CountingVendor } from './cache-fakes.js';
import { startRedisServer, type TestRedis } from '../support/redis-server.js';
import type { TestServer } from './harness.js';

const LIMIT = ['VirusTotal public=2/2s'];
const WINDOW_MS = 2000;

/** Distinct URLs: no coalescing, no cache hits. */
const url = (tag: string, i: number) => `http://evil-updates.com/dl/payload.exe?${tag}=${i}`;

async function pair(redis: TestRedis, vt: CountingVendor, hashes: CountingVendor, withRedis: boolean): Promise<[TestServer, TestServer]> {
  const settings = { vendorLimits: LIMIT, cacheTtlSeconds: 0 };
  const a = await startInstance(withRedis ? redis : undefined, [hashes, vt], settings);
  const b = await startInstance(withRedis ? redis : undefined, [hashes, vt], settings);
  if (withRedis) {
    await redisUp(a);
    await redisUp(b);
  }
  return [a, b];
}

/**
 * Requests are spaced when they are sent; they arrive a little later, and on
 * a loaded machine one may arrive later than the next: arrivals are counted
 * in windows shorter by this much.
 */
const JITTER_MS = 300;

/** The most requests that arrived within any window of WINDOW_MS - JITTER_MS. */
function busiestWindow(arrivals: number[]): number {
  const sorted = [...arrivals].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) most = Math.max(most, sorted.filter((t) => t >= sorted[i]! && t < sorted[i]! + WINDOW_MS - JITTER_MS).length);
  return most;
}

test('2 requests every 2 s hold across two instances sharing a Redis: 5 lookups arrive over more than two windows', async (t) => {
  const redis = await startRedisServer();
  const vt = await startVirusTotal();
  const hashes = await startHashlookup();
  const [a, b] = await pair(redis, vt, hashes, true);
  t.after(async () => {
    await a.close();
    await b.close();
    await vt.close();
    await hashes.close();
    await redis.close();
  });
  const answers = await Promise.all([0, 1, 2, 3, 4].map((i) => (i % 2 === 0 ? a : b).query(vtUrlQuery(url('shared', i), { timeout: 30 }))));
  for (const answer of answers) assert.ok(answer['results'], JSON.stringify(answer));
  assert.equal(vt.arrivals.length, 5);
  assert.equal(busiestWindow(vt.arrivals), 2, `arrivals at ${vt.arrivals.map((x) => x - vt.arrivals[0]!).join(', ')} ms`);
  const span = Math.max(...vt.arrivals) - Math.min(...vt.arrivals);
  assert.ok(span >= 2 * WINDOW_MS - JITTER_MS, `the fifth request came ${span} ms after the first`);
  // The window lives in Redis under the vendor's name and a digest of the key.
  assert.equal((await redis.client().keys('misp-modules:limit:VirusTotal public:*')).length, 1);
});

test('the control: without Redis each instance spaces only its own requests (4 arrive within one window)', async (t) => {
  const redis = await startRedisServer();
  const vt = await startVirusTotal();
  const hashes = await startHashlookup();
  const [a, b] = await pair(redis, vt, hashes, false);
  t.after(async () => {
    await a.close();
    await b.close();
    await vt.close();
    await hashes.close();
    await redis.close();
  });
  await Promise.all([0, 1, 2, 3].map((i) => (i % 2 === 0 ? a : b).query(vtUrlQuery(url('local', i), { timeout: 30 }))));
  assert.equal(busiestWindow(vt.arrivals), 4);
});

test('a shared slot after the query timeout: the same clear error at once, on the other instance too', async (t) => {
  const redis = await startRedisServer();
  const vt = await startVirusTotal();
  const hashes = await startHashlookup();
  const [a, b] = await pair(redis, vt, hashes, true);
  t.after(async () => {
    await a.close();
    await b.close();
    await vt.close();
    await hashes.close();
    await redis.close();
  });
  await a.query(vtUrlQuery(url('deadline', 0)));
  await a.query(vtUrlQuery(url('deadline', 1)));
  const started = Date.now();
  const late = await b.query(vtUrlQuery(url('deadline', 2), { timeout: 1 }));
  assert.match(String(late['error']), /^VirusTotal public allows 2 requests every 2 s for this key; the next one is free in \d+ s, after this query's timeout\. Try again later\.$/);
  assert.ok(Date.now() - started < 900, 'told at once, not at the timeout');
  assert.equal(vt.arrivals.length, 2);
});

test('with Redis down, each instance keeps its own limit, and the shared one is back with Redis', async (t) => {
  const redis = await startRedisServer();
  const vt = await startVirusTotal();
  const hashes = await startHashlookup();
  const [a, b] = await pair(redis, vt, hashes, true);
  t.after(async () => {
    await a.close();
    await b.close();
    await vt.close();
    await hashes.close();
    await redis.close();
  });
  await redis.stop();
  await redisUp(a, false);
  // A's own window: its third request waits for the next one.
  const started = Date.now();
  const answers = await Promise.all([0, 1, 2].map((i) => a.query(vtUrlQuery(url('down', i), { timeout: 30 }))));
  for (const answer of answers) assert.ok(answer['results'], JSON.stringify(answer));
  assert.ok(Date.now() - started >= WINDOW_MS, `A's third request did not wait (${Date.now() - started} ms)`);
  await redis.start();
  await redisUp(a);
  await redisUp(b);
  vt.arrivals.length = 0;
  await Promise.all([0, 1, 2].map((i) => (i === 1 ? b : a).query(vtUrlQuery(url('back', i), { timeout: 30 }))));
  assert.equal(busiestWindow(vt.arrivals), 2);
});
