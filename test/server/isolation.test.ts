/**
 * Isolated modules (--isolate, on for custom modules by default): a module
 * that loops on the CPU or ignores its abort signal has its thread
 * terminated, answers "Timeout.", and never blocks the server or other
 * modules; the next query gets a fresh thread. Logging, secrets scrubbing,
 * ModuleError and the network layer work from the thread as on the main one.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startFakeHttp, type FakeHttp } from '../support/fake-http.js';
import { startTestServer, type TestServer } from './harness.js';

const indexUrl = pathToFileURL(join(process.cwd(), 'src/index.ts')).href;
const SECRET = 'isolated-secret-key-5f2a9c';

const MODULE = (name: string, body: string) => `import { defineModule, ModuleError } from ${JSON.stringify(indexUrl)};
export default defineModule({
  name: '${name}', kind: 'expansion', moduleType: ['expansion', 'hover'],
  meta: { version: '1', author: 'test', description: '${name}', name: '${name}' },
  config: { apikey: { description: 'key', secret: true } },
  attributes: { input: ['text'], output: ['text'] },
  async handle(query, ctx) { ${body} },
});`;

let dir: string;
let fake: FakeHttp;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'misp-isolated-'));
  await mkdir(join(dir, 'expansion'));
  fake = await startFakeHttp({ 'GET /lookup/:value': (req) => ({ json: { seen: req.params.value, key: req.headers['x-apikey'] } }) });
  const modules: Record<string, string> = {
    // Loops on the CPU when asked to; a plain answer otherwise.
    spin: `if (query.text === 'spin') { for (;;) {} } return { results: [{ types: ['text'], values: ['thread ' + (globalThis.__calls = (globalThis.__calls ?? 0) + 1)] }] };`,
    // Never settles and never looks at its signal.
    deaf: `if (query.text === 'warm') return { results: [{ types: ['text'], values: ['warm'] }] }; await new Promise(() => {}); return {};`,
    fails: `if (query.text === 'user') throw new ModuleError('Nothing to do with ' + query.text + '.'); throw new TypeError('bug in the module');`,
    chatty: `ctx.log.warn('using key ' + ctx.config.apikey, { apikey: ctx.config.apikey }); return { results: [{ types: ['text'], values: ['ok'] }] };`,
    fetches: `const r = await ctx.http.getJson('https://lookup.example.org/lookup/' + encodeURIComponent(query.text), { headers: { 'x-apikey': ctx.config.apikey } }); return { results: [{ types: ['text'], values: [r.seen + ' ' + r.key] }] };`,
    unsendable: `return { results: [{ types: ['text'], values: ['x'] }], callback: () => 1 };`,
    // Counts its runs in the thread's globals; slow enough for identical queries to meet.
    slowcount: `const run = (globalThis.__runs = (globalThis.__runs ?? 0) + 1); await new Promise((r) => setTimeout(r, 300)); return { results: [{ types: ['text'], values: [query.text + ' run ' + run] }] };`,
  };
  for (const [name, body] of Object.entries(modules)) await writeFile(join(dir, 'expansion', `${name}.mjs`), MODULE(name, body));
});

after(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('custom modules run isolated by default', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ settings: { customDir: dir, isolateGraceMs: 200, upstreams: [`lookup.example.org=${fake.url}`] } });
  });
  after(async () => t.close());

  test('a module looping on the CPU times out, its thread is stopped, and the server keeps serving', async () => {
    const looping = t.query({ module: 'spin', text: 'spin', timeout: 1 });
    // While it loops: the server, another module and the built-ins all answer.
    const health = await t.get('/healthcheck');
    assert.equal(health.status, 200);
    assert.deepEqual(await t.query({ module: 'eql', 'ip-src': '192.0.2.1' }), {
      results: [{ types: ['comment'], categories: ['External analysis'], values: 'network where source_address == "192.0.2.1"', comment: 'Event EQL queries' }],
    });
    assert.deepEqual(await t.query({ module: 'chatty', text: 'x', config: { apikey: SECRET } }), { results: [{ types: ['text'], values: ['ok'] }] });
    assert.deepEqual(await looping, { error: 'Timeout.' });
    // The thread was terminated and reported; the next query gets a fresh one (its counter restarts).
    await waitFor(() => t.logs.text.includes('thread terminated'));
    assert.match(t.logs.text, /module spin: thread terminated: query \S+ did not stop within 200 ms of its abort/);
    assert.deepEqual(await t.query({ module: 'spin', text: 'calm' }), { results: [{ types: ['text'], values: ['thread 1'] }] });
    assert.deepEqual(await t.query({ module: 'spin', text: 'calm' }), { results: [{ types: ['text'], values: ['thread 2'] }] });
  });

  test('a query sent while the thread is stuck is not lost: it runs on a fresh thread', async () => {
    const looping = t.query({ module: 'spin', text: 'spin', timeout: 0.3 });
    await new Promise((r) => setTimeout(r, 100));
    // Sent before the timeout: it waits behind the loop, and moves to the fresh thread when the stuck one is stopped.
    const queued = t.query({ module: 'spin', text: 'queued' });
    assert.deepEqual(await looping, { error: 'Timeout.' });
    // Sent after the stuck thread failed its ping: straight to a fresh thread.
    await new Promise((r) => setTimeout(r, 150));
    const after = await t.query({ module: 'spin', text: 'after' });
    assert.match(String((after['results'] as Array<{ values: string[] }>)[0]!.values[0]), /^thread \d+$/);
    assert.match(String(((await queued)['results'] as Array<{ values: string[] }>)[0]!.values[0]), /^thread \d+$/);
  });

  test('a query the stopped thread was running fails with the module name (it is not run twice)', async () => {
    // Loaded first: a query the thread never started would be moved to a fresh thread instead.
    await t.query({ module: 'deaf', text: 'warm' });
    const neighbour = t.query({ module: 'deaf', text: 'b', timeout: 30 });
    const stuck = t.query({ module: 'deaf', text: 'a', timeout: 0.3 });
    assert.deepEqual(await stuck, { error: 'Timeout.' });
    assert.match(String((await neighbour)['error']), /^Something went wrong in module 'deaf'/);
    assert.match(t.logs.text, /the module's thread was stopped because query \S+ did not stop within 200 ms/);
  });

  test('a module that ignores its abort signal answers Timeout. and its thread is stopped', async () => {
    const terminations = () => t.logs.text.split('module deaf: thread terminated').length;
    const before = terminations();
    assert.deepEqual(await t.query({ module: 'deaf', text: 'x', timeout: 0.3 }), { error: 'Timeout.' });
    await waitFor(() => terminations() > before);
    assert.deepEqual(await t.query({ module: 'deaf', text: 'x', timeout: 0.2 }), { error: 'Timeout.' });
  });

  test('ModuleError keeps its message; any other failure names the module and request id, with the stack in the log', async () => {
    assert.deepEqual(await t.query({ module: 'fails', text: 'user' }), { error: 'Nothing to do with user.' });
    const crash = await t.query({ module: 'fails', text: 'bug' });
    assert.match(String(crash['error']), /^Something went wrong in module 'fails', look in the server logs for details \(request id \S+\)\.$/);
    assert.match(t.logs.text, /TypeError: bug in the module/);
  });

  test('a result holding a function answers as it would in process (the runner serialises it in the thread)', async () => {
    assert.deepEqual(await t.query({ module: 'unsendable', text: 'x' }), { results: [{ types: ['text'], values: ['x'] }] });
  });

  test('logs from the thread reach the server log with the request id, secrets scrubbed', async () => {
    await t.query({ module: 'chatty', text: 'x', config: { apikey: SECRET } });
    const line = t.logs.records().find((r) => r['msg'] === 'using key [REDACTED]' || String(r['msg']).startsWith('using key'));
    assert.ok(line, 'the module log line is there');
    assert.equal(line['module'], 'chatty');
    assert.ok(typeof line['reqId'] === 'string');
    assert.ok(!t.logs.text.includes(SECRET), 'the api key never reaches the log');
  });

  test('the network layer works from the thread, with upstream overrides', async () => {
    assert.deepEqual(await t.query({ module: 'fetches', text: 'abc', config: { apikey: 'k1' } }), { results: [{ types: ['text'], values: ['abc k1'] }] });
  });

  test('identical lookups in flight share one run on the thread, as in process', async () => {
    await t.query({ module: 'slowcount', text: 'warm' });
    const same = await Promise.all(Array.from({ length: 5 }, () => t.query({ module: 'slowcount', text: 'same' })));
    const other = await t.query({ module: 'slowcount', text: 'other' });
    assert.deepEqual(new Set(same.map((a) => JSON.stringify(a))).size, 1, 'one answer for the five');
    assert.deepEqual(same[0], { results: [{ types: ['text'], values: ['same run 2'] }] });
    assert.deepEqual(other, { results: [{ types: ['text'], values: ['other run 3'] }] });
  });

  test('many concurrent queries share the thread', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => t.query({ module: 'fetches', text: `v${i}`, config: { apikey: 'k' } })));
    answers.forEach((a, i) => assert.deepEqual(a, { results: [{ types: ['text'], values: [`v${i} k`] }] }));
  });
});

describe('a body over --offload-bytes for an isolated module runs on the module\'s own thread', () => {
  const THRESHOLD = 4096;
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ settings: { customDir: dir, isolateGraceMs: 200, offloadBytes: THRESHOLD } });
  });
  after(async () => t.close());

  test('a large query that loops forever answers Timeout. and its thread is terminated; the server and other modules keep answering', async () => {
    const pad = 'x'.repeat(THRESHOLD * 2);
    const looping = t.query({ module: 'spin', text: 'spin', pad, timeout: 1 });
    // While it loops: the server, a built-in, another isolated module and a large query to a built-in all answer.
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual((await t.get('/healthcheck')).json(), { status: true });
    assert.deepEqual(await t.query({ module: 'chatty', text: 'x' }), { results: [{ types: ['text'], values: ['ok'] }] });
    assert.deepEqual(await t.query({ module: 'eql', 'ip-src': '192.0.2.1', pad }), {
      results: [{ types: ['comment'], categories: ['External analysis'], values: 'network where source_address == "192.0.2.1"', comment: 'Event EQL queries' }],
    });
    assert.deepEqual(await looping, { error: 'Timeout.' });
    await waitFor(() => /module spin: thread terminated: query \S+ did not stop within 200 ms of its abort/.test(t.logs.text));
    assert.match(t.logs.text, /"module":"spin","outcome":"timeout"/);
  });

  test('large and small queries to an isolated module share its thread (not a pool thread)', async () => {
    const pad = 'x'.repeat(THRESHOLD * 2);
    const first = await t.query({ module: 'spin', text: 'calm', pad });
    const second = await t.query({ module: 'spin', text: 'calm' });
    const third = await t.query({ module: 'spin', text: 'calm', pad });
    const count = (answer: Record<string, unknown>) => Number(/^thread (\d+)$/.exec(String((answer['results'] as Array<{ values: string[] }>)[0]!.values[0]))![1]);
    // One counter in one thread's globals: each query saw the one before it.
    assert.equal(count(second), count(first) + 1);
    assert.equal(count(third), count(first) + 2);
  });
});

describe('--isolate none runs custom modules on the main thread', () => {
  test('the module is served in-process (its state is the server’s)', async () => {
    const t = await startTestServer({ settings: { customDir: dir, isolate: ['none'] } });
    try {
      assert.equal(t.server.isolated.aliveThreads, 0);
      await t.query({ module: 'spin', text: 'calm' });
      assert.equal(t.server.isolated.aliveThreads, 0);
    } finally {
      await t.close();
    }
  });
});

describe('--isolate names checked at start', () => {
  test('a name that is no module is warned about; keywords and real names are not', async () => {
    const t = await startTestServer({ settings: { isolate: ['custom', 'eqll', 'eql'] } });
    try {
      assert.match(t.logs.text, /--isolate names 'eqll', which is not a module this server has/);
      assert.doesNotMatch(t.logs.text, /--isolate names '(custom|eql)'/);
    } finally {
      await t.close();
    }
  });
});

describe('--isolate NAME isolates a built-in module', () => {
  test('eql answers from its own thread', async () => {
    const t = await startTestServer({ settings: { isolate: ['eql'] } });
    try {
      assert.equal(t.server.isolated.aliveThreads, 0, 'threads start on first use');
      assert.deepEqual(await t.query({ module: 'eql', 'ip-src': '192.0.2.1' }), {
        results: [{ types: ['comment'], categories: ['External analysis'], values: 'network where source_address == "192.0.2.1"', comment: 'Event EQL queries' }],
      });
      assert.equal(t.server.isolated.aliveThreads, 1);
    } finally {
      await t.close();
    }
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(check(), 'condition reached');
}
