/**
 * Vendor rate limits: the limiter's window, deadline and abort, then 30
 * concurrent queries through a module whose vendor enforces its limit (a
 * loopback fake answering 429 past N requests per window): none fails while
 * the query timeout allows, and a clear error when it does not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defineMessages } from '../../src/base/messages.js';
import { defineModule } from '../../src/core/module.js';
import { parseRateLimit, RateLimiter, RateLimitWaitError, rateLimitKey, describeRateLimit } from '../../src/core/rate-limiter.js';
import { startFakeHttp, type FakeHttp } from '../support/fake-http.js';
import { startTestServer, type TestServer } from '../server/harness.js';

describe('RateLimiter', () => {
  test('never more than N grants in any window: the k-th window opens after k intervals', async () => {
    const limiter = new RateLimiter();
    const limit = { requests: 3, intervalMs: 150 };
    const granted: Array<[number, number]> = [];
    const start = Date.now();
    await Promise.all(
      Array.from({ length: 9 }, (_, i) => limiter.acquire('k', limit, { vendor: 'V' }).then(() => granted.push([i, Date.now() - start]))),
    );
    // Timers never fire early, so these lower bounds hold however loaded the machine is.
    const at = new Map(granted);
    for (let i = 0; i < 9; i += 1) {
      const window = Math.floor(i / limit.requests);
      assert.ok(at.get(i)! >= window * limit.intervalMs, `request ${i} granted at ${at.get(i)} ms, not before window ${window}`);
    }
  });

  test('keys are separate: another key does not wait', async () => {
    const limiter = new RateLimiter();
    const limit = { requests: 1, intervalMs: 10_000 };
    await limiter.acquire('a', limit, { vendor: 'V' });
    const start = Date.now();
    await limiter.acquire('b', limit, { vendor: 'V' });
    assert.ok(Date.now() - start < 50);
  });

  test('a slot after the deadline fails at once with a clear error', async () => {
    const limiter = new RateLimiter();
    const limit = { requests: 4, intervalMs: 60_000 };
    for (let i = 0; i < 4; i += 1) await limiter.acquire('k', limit, { vendor: 'VirusTotal' });
    await assert.rejects(limiter.acquire('k', limit, { vendor: 'VirusTotal', deadline: Date.now() + 1000 }), (error: unknown) => {
      assert.ok(error instanceof RateLimitWaitError);
      assert.match(error.message, /^VirusTotal allows 4 requests a minute for this key; the next one is free in (60|61) s, after this query's timeout\. Try again later\.$/);
      return true;
    });
  });

  test('an aborted wait gives its slot back', async () => {
    const limiter = new RateLimiter();
    const limit = { requests: 1, intervalMs: 300 };
    await limiter.acquire('k', limit, { vendor: 'V' });
    const controller = new AbortController();
    const waiting = limiter.acquire('k', limit, { vendor: 'V', signal: controller.signal });
    controller.abort(new Error('gone'));
    await assert.rejects(waiting, /gone/);
    // The freed slot goes to the next one: it waits one window, not two.
    const start = Date.now();
    await limiter.acquire('k', limit, { vendor: 'V' });
    assert.ok(Date.now() - start < 2 * limit.intervalMs - 20, `waited ${Date.now() - start} ms`);
  });

  test('limits read and written as people say them; keys hold no credential', () => {
    assert.deepEqual(parseRateLimit('4/60s'), { requests: 4, intervalMs: 60_000 });
    assert.deepEqual(parseRateLimit('4/m'), { requests: 4, intervalMs: 60_000 });
    assert.deepEqual(parseRateLimit('1000/1d'), { requests: 1000, intervalMs: 86_400_000 });
    assert.deepEqual(parseRateLimit('5 / 500ms'), { requests: 5, intervalMs: 500 });
    for (const bad of ['', '4', '0/1s', '-1/1s', '4/1y', 'x/1s']) assert.equal(parseRateLimit(bad), undefined, bad);
    assert.equal(describeRateLimit({ requests: 4, intervalMs: 60_000 }), '4 requests a minute');
    assert.equal(describeRateLimit({ requests: 1, intervalMs: 2500 }), '1 request every 2.5 s');
    assert.ok(!rateLimitKey('VirusTotal', 'SECRET-KEY-123').includes('SECRET'));
  });
});

describe('a vendor with a rate limit, end to end', () => {
  const LIMIT = { requests: 4, intervalMs: 500 };
  const MESSAGES = defineMessages({ noKey: 'A Limited api key is required.' });
  const limited = defineModule({
    name: 'limited_lookup',
    kind: 'expansion',
    moduleType: ['expansion'],
    meta: { version: '1', author: 'test', description: 'A lookup at a vendor allowing 4 requests per 500 ms.', name: 'Limited' },
    config: { apikey: { description: 'key', secret: true } },
    attributes: { input: ['domain'], output: ['text'] },
    messages: MESSAGES,
    async handle(query, ctx) {
      const api = ctx.vendor({
        name: 'Limited',
        baseUrl: 'https://api.limited.example',
        auth: { in: 'header', header: 'x-apikey', setting: 'apikey' },
        missingKey: () => MESSAGES.error('noKey'),
        rateLimit: LIMIT,
      });
      const answer = await api.get<{ verdict: string }>(`/domains/${String(query['domain'])}`);
      return { results: [{ types: ['text'], values: [answer.verdict] }] };
    },
  });

  let fake: FakeHttp;
  let server: TestServer;
  /** Times of the requests the fake accepted, per key: more than 4 in 500 ms is a 429, as the vendor would answer. */
  const seen = new Map<string, number[]>();
  let refused = 0;

  before(async () => {
    fake = await startFakeHttp({
      'GET /domains/:domain': (req) => {
        const key = String(req.headers['x-apikey']);
        const now = Date.now();
        const recent = (seen.get(key) ?? []).filter((t) => t > now - LIMIT.intervalMs);
        if (recent.length >= LIMIT.requests) {
          refused += 1;
          return { status: 429, json: { error: { code: 'QuotaExceededError', message: 'Quota exceeded' } } };
        }
        seen.set(key, [...recent, now]);
        return { json: { verdict: `${req.params['domain']} is fine` } };
      },
    });
    server = await startTestServer({ builtins: [limited], settings: { upstreams: [`api.limited.example=${fake.url}`] } });
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  test('30 concurrent lookups with one key: every one answered, no 429 reaches the analyst', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => server.query({ module: 'limited_lookup', domain: `d${i}.example`, config: { apikey: 'key-one' }, timeout: 30 })),
    );
    assert.deepEqual(answers.filter((a) => a['error'] !== undefined), []);
    assert.deepEqual(answers.map((a) => (a['results'] as Array<{ values: string[] }>)[0]!.values[0]).sort(), Array.from({ length: 30 }, (_, i) => `d${i}.example is fine`).sort());
    // Spaced, not burst: 30 requests at 4 per 500 ms take at least 7 windows.
    assert.ok(Date.now() - started >= 7 * LIMIT.intervalMs, `took ${Date.now() - started} ms`);
    // The vendor counts arrivals by its own clock; on a loaded machine it may refuse a few, which wait for a slot and are retried.
    assert.equal(fake.requests.length, 30 + refused);
  });

  test('a slot beyond the query timeout: a clear error, not a 429 and not "Timeout."', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => server.query({ module: 'limited_lookup', domain: `t${i}.example`, config: { apikey: 'key-two' }, timeout: 0.6 })),
    );
    const errors = answers.map((a) => String(a['error'] ?? '')).filter((e) => e !== '');
    const clear = errors.filter((e) => /^Limited allows 4 requests every 0\.5 s for this key; the next one is free in \d+ s, after this query's timeout\. Try again later\.$/.test(e));
    // The third window starts after the 0.6 s timeout: those four are told so at once.
    assert.ok(clear.length >= 4, `errors: ${JSON.stringify(errors)}`);
    // The rest is answered, or times out if a loaded machine makes the second window late: never a 429.
    assert.deepEqual(errors.filter((e) => !clear.includes(e) && e !== 'Timeout.'), []);
  });
});

describe('an admin-set limit replaces the declared one (--vendor-limit)', () => {
  let fake: FakeHttp;
  let server: TestServer;
  const arrivals: number[] = [];
  const limited = defineModule({
    name: 'limited_twice',
    kind: 'expansion',
    moduleType: ['expansion'],
    meta: { version: '1', author: 'test', description: 'A vendor declaring 100 requests a second.', name: 'Limited' },
    attributes: { input: ['domain'], output: ['text'] },
    async handle(query, ctx) {
      const api = ctx.vendor({ name: 'Generous', baseUrl: 'https://api.generous.example', rateLimit: { requests: 100, intervalMs: 1000 } });
      await api.get(`/d/${String(query['domain'])}`);
      return { results: [{ types: ['text'], values: ['ok'] }] };
    },
  });
  before(async () => {
    fake = await startFakeHttp({ 'GET /d/:domain': () => (arrivals.push(Date.now()), { json: {} }) });
    server = await startTestServer({ builtins: [limited], settings: { upstreams: [`api.generous.example=${fake.url}`], vendorLimits: ['generous=2/400ms'] } });
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  test('6 lookups at 2 per 400 ms take at least two more windows (names match without case)', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => server.query({ module: 'limited_twice', domain: `x${i}.example`, timeout: 30 })));
    assert.deepEqual(answers.filter((a) => a['error']), []);
    assert.ok(Date.now() - started >= 800, `took ${Date.now() - started} ms`);
    assert.equal(arrivals.length, 6);
  });
});
