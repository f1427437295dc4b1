/** GET /metrics: Prometheus text with per-module outcomes and durations, gauges, no secrets, behind the auth token. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sleeperModule, throwerModule, userErrorModule } from './fixture-modules.js';
import { startTestServer, type TestServer } from './harness.js';

const SECRET = 'metrics-secret-71c3e0';

/** `name{labels} value` lines as a map; comments checked for HELP/TYPE pairs. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const lines = text.trimEnd().split('\n');
  for (const line of lines) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-z_:][a-z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+]+)$/i.exec(line);
    assert.ok(match, `a valid sample line: ${line}`);
    samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

describe('/metrics', () => {
  let t: TestServer;
  const probe = { started: 0, aborted: 0, finished: 0 };
  before(async () => {
    t = await startTestServer({ builtins: [sleeperModule(probe), throwerModule, userErrorModule] });
  });
  after(async () => t.close());

  test('counts queries by module and outcome, with duration histograms and gauges', async () => {
    await t.query({ module: 'test_sleeper', text: '0' });
    await t.query({ module: 'test_sleeper', text: '0.01' });
    await t.query({ module: 'test_sleeper', text: '5', timeout: 0.05 });
    await t.query({ module: 'test_thrower', text: 'x' });
    await t.query({ module: 'test_user_error', text: 'x', config: { api_key: SECRET } });
    await t.query({ module: `no_such_module_${SECRET}`, text: 'x' });
    const answer = await t.get('/metrics');
    assert.equal(answer.status, 200);
    assert.match(String(answer.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const m = parse(answer.text);
    assert.equal(m.get('misp_modules_queries_total{module="test_sleeper",outcome="ok"}'), 2);
    assert.equal(m.get('misp_modules_queries_total{module="test_sleeper",outcome="timeout"}'), 1);
    assert.equal(m.get('misp_modules_queries_total{module="test_thrower",outcome="crash"}'), 1);
    assert.equal(m.get('misp_modules_queries_total{module="test_user_error",outcome="error"}'), 1);
    // A name the client made up is never a label.
    assert.equal(m.get('misp_modules_queries_total{module="(unknown)",outcome="unknown-module"}'), 1);
    assert.equal(m.get('misp_modules_query_duration_seconds_count{module="test_sleeper"}'), 3);
    assert.equal(m.get('misp_modules_query_duration_seconds_bucket{module="test_sleeper",le="+Inf"}'), 3);
    // The timed-out query took at least 50 ms: it is not in the 5 ms bucket, it is in the 0.1 s one.
    assert.ok(m.get('misp_modules_query_duration_seconds_bucket{module="test_sleeper",le="0.005"}')! <= 2);
    assert.equal(m.get('misp_modules_query_duration_seconds_bucket{module="test_sleeper",le="300"}'), 3);
    assert.ok(m.get('misp_modules_query_duration_seconds_sum{module="test_sleeper"}')! >= 0.05);
    assert.equal(m.get('misp_modules_queries_running'), 0);
    assert.ok(m.get('process_resident_memory_bytes')! > 10_000_000);
    assert.ok(m.has('nodejs_eventloop_lag_p99_seconds'));
    assert.ok(!answer.text.includes(SECRET), 'no secret and no client-given name in /metrics');
    for (const name of ['misp_modules_queries_total', 'misp_modules_query_duration_seconds', 'misp_modules_isolated_threads']) {
      assert.match(answer.text, new RegExp(`# HELP ${name} .+\\n# TYPE ${name} (counter|gauge|histogram)`));
    }
  });

  test('identical lookups in flight are counted as coalesced; running queries show in the gauge', async () => {
    const before = parse((await t.get('/metrics')).text).get('misp_modules_queries_coalesced_total')!;
    const both = Promise.all([t.query({ module: 'test_sleeper', text: '0.3' }), t.query({ module: 'test_sleeper', text: '0.3' })]);
    await new Promise((r) => setTimeout(r, 100));
    const during = parse((await t.get('/metrics')).text);
    assert.equal(during.get('misp_modules_queries_running'), 2);
    await both;
    assert.equal(parse((await t.get('/metrics')).text).get('misp_modules_queries_coalesced_total'), before + 1);
  });

  test('other methods get 405', async () => {
    const answer = await t.post('/metrics', '{}');
    assert.equal(answer.status, 405);
    assert.equal(answer.headers['allow'], 'GET, HEAD');
  });
});

test('/metrics needs the bearer token when one is set', async () => {
  const t = await startTestServer({ builtins: [throwerModule], settings: { authToken: 'metrics-token' } });
  try {
    assert.equal((await t.get('/metrics')).status, 401);
    const answer = await t.get('/metrics', { authorization: 'Bearer metrics-token' });
    assert.equal(answer.status, 200);
    assert.ok(!answer.text.includes('metrics-token'));
  } finally {
    await t.close();
  }
});
