/**
 * A custom module whose import never finishes (a top-level await that never
 * settles, a loop at import) is a loading problem like any other: the server
 * starts without it within seconds and names the file; `--check` and `-t`
 * exit non-zero naming it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestServer } from './harness.js';

const LIMIT_MS = 1500;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'misp-load-limit-'));
  await mkdir(join(dir, 'expansion'));
  await writeFile(join(dir, 'expansion', 'awaits_forever.mjs'), 'await new Promise(() => {});\nexport default {};\n');
  await writeFile(join(dir, 'expansion', 'loops_at_import.mjs'), 'for (;;) {}\nexport default {};\n');
  await writeFile(
    join(dir, 'expansion', 'works.mjs'),
    `export default { name: 'works', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'echo', name: 'works' },
  attributes: { input: ['text'], output: ['text'] }, async handle(q) { return { results: [{ types: ['text'], values: [q.text] }] }; } };`,
  );
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the server serves without the modules that do not load in time, and names them', async () => {
  const started = performance.now();
  const t = await startTestServer({ settings: { customDir: dir, customLoadTimeoutMs: LIMIT_MS } });
  try {
    // Two files over the limit, the thread starts and one good file: well under the default 10 s each.
    assert.ok(performance.now() - started < 15_000, `started in ${Math.round(performance.now() - started)} ms`);
    assert.deepEqual((await t.get('/healthcheck')).json(), { status: true });
    assert.deepEqual(await t.query({ module: 'works', text: 'hi' }), { results: [{ types: ['text'], values: ['hi'] }] });
    const names = ((await t.get('/modules')).json() as Array<{ name: string }>).map((m) => m.name);
    assert.ok(names.includes('works'));
    const problems = t.server.registry.problems.map((p) => `${p.source}: ${p.reason}`);
    assert.equal(problems.length, 2, problems.join('\n'));
    for (const file of ['awaits_forever.mjs', 'loops_at_import.mjs']) {
      assert.ok(problems.some((p) => p.includes(file) && p.includes(`did not finish loading within ${LIMIT_MS} ms`)), file);
      const line = t.logs.records().find((r) => r['level'] === 50 && String(r['msg']).includes(file));
      assert.ok(line, `a log line names ${file}`);
      assert.match(String(line['msg']), /custom module skipped: .*did not finish loading/);
    }
  } finally {
    await t.close();
  }
});

test('an isolated custom module is listed from its trial: its code never runs on the server\'s thread; with --isolate none it does', async () => {
  const own = await mkdtemp(join(tmpdir(), 'misp-load-where-'));
  await mkdir(join(own, 'expansion'));
  await writeFile(
    join(own, 'expansion', 'counts_loads.mjs'),
    `import { isMainThread } from 'node:worker_threads';
if (isMainThread) globalThis.__countsLoadsOnMain = (globalThis.__countsLoadsOnMain ?? 0) + 1;
export default { name: 'counts_loads', kind: 'expansion', moduleType: ['expansion'], meta: { version: '3', author: 'a', description: 'where am I', name: 'counts_loads' },
  config: { apikey: { description: 'key', secret: true } }, attributes: { input: ['text'], output: ['text'] },
  async handle(q) { return { results: [{ types: ['text'], values: [isMainThread ? 'main' : 'thread'] }] }; } };`,
  );
  const loadsOnMain = () => (globalThis as { __countsLoadsOnMain?: number }).__countsLoadsOnMain ?? 0;
  try {
    const isolated = await startTestServer({ settings: { customDir: own } });
    try {
      const listed = ((await isolated.get('/modules')).json() as Array<{ name: string; meta: { version: string; config: string[] } }>).find((m) => m.name === 'counts_loads');
      assert.equal(listed?.meta.version, '3');
      assert.deepEqual(listed?.meta.config, ['apikey']);
      assert.deepEqual(await isolated.query({ module: 'counts_loads', text: 'x' }), { results: [{ types: ['text'], values: ['thread'] }] });
      assert.equal(loadsOnMain(), 0);
    } finally {
      await isolated.close();
    }
    const here = await startTestServer({ settings: { customDir: own, isolate: ['none'] } });
    try {
      assert.deepEqual(await here.query({ module: 'counts_loads', text: 'x' }), { results: [{ types: ['text'], values: ['main'] }] });
      assert.equal(loadsOnMain(), 1);
    } finally {
      await here.close();
    }
  } finally {
    await rm(own, { recursive: true, force: true });
  }
});

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
}

test('--check exits 1 and names the files that did not load in time', () => {
  const r = cli(['--check', '-c', dir, '--custom-load-timeout', String(LIMIT_MS)]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /2 problem\(s\):/);
  assert.match(r.stdout, /awaits_forever\.mjs: did not finish loading within 1500 ms/);
  assert.match(r.stdout, /loops_at_import\.mjs: did not finish loading within 1500 ms/);
  assert.match(r.stdout, /works\s+expansion/);
});

test('-t exits non-zero with a message naming the files', () => {
  const r = cli(['-t', '-p', '0', '-c', dir, '--custom-load-timeout', String(LIMIT_MS)]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /2 module\(s\) could not be loaded/);
  assert.match(r.stderr, /awaits_forever\.mjs: did not finish loading/);
  assert.match(r.stderr, /loops_at_import\.mjs: did not finish loading/);
  // The log says it too, and the server had bound without them.
  assert.match(r.stdout, /custom module skipped: .*awaits_forever\.mjs/);
  assert.match(r.stdout, /listening on http:\/\/127\.0\.0\.1:\d+/);
});
