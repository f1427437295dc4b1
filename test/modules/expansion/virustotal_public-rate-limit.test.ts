/**
 * virustotal_public and the public API's quota (4 requests a minute per key):
 * 30 concurrent queries, as MISP sends when an event of 30 attributes is
 * enriched, against a fake VirusTotal that answers 429 QuotaExceededError to
 * a key over its limit. The limit is scaled down to 4 a second with the
 * server's `vendorLimits` (`--vendor-limit`) so the test runs in seconds.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import virustotal_public from '../../../src/modules/expansion/virustotal_public.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { startFakeHttp, type FakeHttp, type FakeRequest, type RouteHandler } from '../../support/fake-http.js';
import { URL_VALUE, VT_KEY, virusTotalRoutes } from './virustotal-fake.js';
import { find } from './virustotal-results.js';

const QUOTA_EXCEEDED = { status: 429, json: { error: { code: 'QuotaExceededError', message: 'Quota exceeded' } } };

interface Limited {
  fake: FakeHttp;
  /** 429s the fake answered (the module retries them; none may reach the analyst). */
  refused: number;
}

/** VirusTotal that allows `requests` per `intervalMs` per key and refuses the rest with 429. */
async function limitedVirusTotal(requests: number, intervalMs: number, apikey: string): Promise<Limited> {
  const arrivals = new Map<string, number[]>();
  const state: Limited = { fake: undefined as unknown as FakeHttp, refused: 0 };
  const routes = virusTotalRoutes({ key: apikey });
  const limited = Object.fromEntries(
    Object.entries(routes).map(([route, handler]) => [
      route,
      ((req: FakeRequest) => {
        const key = String(req.headers['x-apikey']);
        const now = Date.now();
        const recent = (arrivals.get(key) ?? []).filter((t) => t > now - intervalMs);
        if (recent.length >= requests) {
          state.refused += 1;
          arrivals.set(key, recent);
          return QUOTA_EXCEEDED;
        }
        arrivals.set(key, [...recent, now]);
        if (req.params['collection'] === 'urls' && key === apikey) return { json: { data: urlObject(req.params['id']!) } };
        return (handler as (r: FakeRequest) => ReturnType<Extract<RouteHandler, (r: FakeRequest) => unknown>>)(req);
      }) as RouteHandler,
    ]),
  );
  state.fake = await startFakeHttp(limited);
  return state;
}

/** The URL object VirusTotal answers for any URL id (the URL is in the id). */
function urlObject(id: string) {
  const url = Buffer.from(id, 'base64url').toString('utf8');
  const sha256 = createHash('sha256').update(url).digest('hex');
  return {
    type: 'url',
    id: sha256,
    links: { self: `https://www.virustotal.com/api/v3/urls/${sha256}` },
    attributes: { url, last_final_url: url, title: '', last_http_response_code: 200, last_analysis_stats: { harmless: 60, malicious: 11, suspicious: 2, timeout: 0, undetected: 18 }, reputation: 0, tags: [] },
  };
}

/** Distinct URLs: the server runs identical concurrent queries once. */
const urlOf = (index: number) => `${URL_VALUE}?n=${index}`;

function urlQuery(apikey: string, index: number, timeoutSeconds?: number) {
  return {
    module: 'virustotal_public',
    attribute: { type: 'url', value: urlOf(index), uuid: '7d0c6a2e-3f4b-4c5d-8e9f-0a1b2c3d4e5f' },
    config: { apikey },
    ...(timeoutSeconds === undefined ? {} : { timeout: timeoutSeconds }),
  };
}

/** A server with these vendor limits and a fake VirusTotal with its own; each describe has its own key (the limiter is per key). */
function setup(vendorLimits: string[], requests: number, intervalMs: number, apikey: string) {
  const context = { server: undefined as unknown as TestServer, vt: undefined as unknown as Limited, apikey };
  before(async () => {
    context.vt = await limitedVirusTotal(requests, intervalMs, apikey);
    context.server = await startTestServer({
      builtins: [virustotal_public],
      settings: { vendorLimits, upstreams: [`www.virustotal.com=${context.vt.fake.url}`] },
    });
  });
  after(async () => {
    await context.server.close();
    await context.vt.fake.close();
  });
  return context;
}

describe('virustotal_public: 30 concurrent queries, VirusTotal public at 4 a second', () => {
  const context = setup(['VirusTotal public=4/1s'], 4, 1000, `${VT_KEY}-a`);

  test('all 30 get their report, spaced 4 a second, with no 429 reaching MISP', async (t) => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => context.server.query(urlQuery(context.apikey, i, 30))));
    const elapsed = Date.now() - started;
    const errors = answers.filter((a) => a['error'] !== undefined).map((a) => a['error']);
    assert.deepEqual(errors, [], 'no query failed');
    answers.forEach((answer, i) => find(answer, 'url', 'url', urlOf(i)));
    assert.equal(context.vt.fake.requests.length - context.vt.refused, 30, 'one answered request a query');
    // 30 requests at 4 a second: the last group of four goes out after 7 windows.
    assert.ok(elapsed >= 6_500, `spaced over ${elapsed} ms`);
    t.diagnostic(`30 queries in ${elapsed} ms; the fake answered ${context.vt.refused} 429s (retried after the next slot)`);
    assert.ok(elapsed < 20_000, `done in ${elapsed} ms`);
  });
});

describe('virustotal_public: 30 concurrent queries with a 2 s timeout, VirusTotal public at 4 a second', () => {
  const context = setup(['VirusTotal public=4/1s'], 4, 1000, `${VT_KEY}-b`);

  test('those whose turn comes in time succeed; the others get a clear error at once, never a 429', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => context.server.query(urlQuery(context.apikey, i, 2))));
    const elapsed = Date.now() - started;
    const succeeded = answers.filter((a) => a['error'] === undefined);
    const failed = answers.filter((a) => a['error'] !== undefined);
    const WAIT_ERROR = /^VirusTotal public allows 4 requests a second for this key; the next one is free in \d+ s, after this query's timeout\. Try again later\.$/;
    // A query granted a slot just before its deadline may still run out of time on the way: "Timeout.".
    for (const answer of failed) assert.match(String(answer['error']), new RegExp(`${WAIT_ERROR.source}|^Timeout\\.$`));
    assert.ok(failed.filter((a) => WAIT_ERROR.test(String(a['error']))).length >= 15, 'most are told at once when the next slot is');
    assert.ok(succeeded.length >= 4 && succeeded.length <= 12, `${succeeded.length} in time`);
    assert.equal(succeeded.length + failed.length, 30);
    assert.ok(elapsed < 3_000, `answered within the timeout (${elapsed} ms)`);
  });
});

describe('virustotal_public: the declared limit (4 a minute) without an override', () => {
  const context = setup([], 4, 60_000, `${VT_KEY}-c`);

  test('a fifth query in the same minute is told when the next request is free', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => context.server.query(urlQuery(context.apikey, i, 2))));
    const errors = answers.map((a) => a['error']).filter((e) => e !== undefined);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /^VirusTotal public allows 4 requests a minute for this key; the next one is free in 6\d s, after this query's timeout\. Try again later\.$/);
    assert.equal(context.vt.refused, 0);
  });
});

describe('virustotal_public: the same burst with the limit lifted (what the declared limit prevents)', () => {
  const context = setup(['VirusTotal public=none'], 4, 60_000, `${VT_KEY}-d`);

  test('26 of 30 queries fail with VirusTotal\'s 429', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => context.server.query(urlQuery(context.apikey, i, 10))));
    const errors = answers.map((a) => a['error']).filter((e) => e !== undefined);
    assert.equal(errors.length, 26);
    assert.ok(errors.every((e) => /^VirusTotal public rate limit reached \(HTTP 429 Too Many Requests: Quota exceeded\)/.test(String(e))));
  });
});
