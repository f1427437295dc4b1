/**
 * Built-in modules are served from their descriptions and their code is
 * imported on their first query (core/lazy-module.ts). The module files here
 * (fixtures/lazy-modules/) count their own evaluations in a global; the
 * loaders count how often the server asked for a file.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import type { ModuleDescription } from '../../src/core/custom-module-file.js';
import { lazyModule, loadEveryModule, type BuiltinModuleEntry } from '../../src/core/lazy-module.js';
import { startTestServer, type TestServer } from './harness.js';

const evaluations = globalThis as { lazyCountedEvaluations?: number };

/** What a manifest entry says about a module (here written by hand, as the generator would). */
function description(name: string, extra: Partial<ModuleDescription> = {}): ModuleDescription {
  return {
    name,
    kind: 'expansion',
    moduleType: ['expansion'],
    meta: { version: '1', author: 'tests', description: name, name },
    config: {},
    attributes: { input: ['text'] },
    checkInput: true,
    coalesce: true,
    cache: true,
    messages: {},
    ...extra,
  };
}

const countedDescription = description('lazy_counted', {
  moduleType: ['expansion', 'hover'],
  meta: { version: '1', author: 'tests', description: 'Counts how often its file was evaluated', name: 'Lazy counted' },
  config: { api_key: { description: 'a required key', required: true, secret: true } },
});

let countedLoads = 0;
const counted: BuiltinModuleEntry = {
  description: countedDescription,
  load: async () => {
    countedLoads++;
    // Slow enough that the concurrent first queries all arrive while it loads.
    await sleep(100);
    return import('./fixtures/lazy-modules/counted.js');
  },
};

let flakyAttempts = 0;
const modules = [
  lazyModule(counted),
  lazyModule({ description: description('lazy_broken'), load: () => import('./fixtures/lazy-modules/broken.js') }),
  lazyModule({ description: description('lazy_missing'), load: () => import('./fixtures/lazy-modules/missing.js' as string) }),
  lazyModule({ description: description('lazy_renamed'), load: () => import('./fixtures/lazy-modules/renamed.js') }),
  // The first import fails (a file system hiccup), the second works.
  lazyModule({
    description: description('lazy_renamed_in_its_file'),
    load: () => (flakyAttempts++ === 0 ? Promise.reject(new Error('EMFILE: too many open files')) : import('./fixtures/lazy-modules/renamed.js')),
  }),
];

const LOAD_ERROR = (name: string) => new RegExp(`^Module '${name}' could not be loaded on this server: look in the server logs for details \\(request id [\\w-]+\\)\\.$`);

describe('a built-in module\'s code is imported on its first query', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ extraModules: modules });
  });
  after(() => t.close());

  test('listing, input and settings checks need no module code', async () => {
    const listed = (t.get('/modules').then((a) => a.json()) as Promise<Array<{ name: string; meta: Record<string, unknown> }>>);
    const entry = (await listed).find((m) => m.name === 'lazy_counted');
    assert.equal(entry?.meta['description'], 'Counts how often its file was evaluated');
    assert.deepEqual(entry?.meta['config'], ['api_key']);
    assert.match(String((await t.query({ module: 'lazy_counted', 'ip-src': '192.0.2.1' }))['error']), /needs one of these attribute types in the request: text/);
    assert.equal((await t.post('/query', { module: 'lazy_counted', text: 'x', config: 'not settings' })).status, 400);
    assert.equal(countedLoads, 0, 'the server never asked for the file');
    assert.equal(evaluations.lazyCountedEvaluations, undefined, 'the file was never evaluated');
  });

  test('concurrent first queries share one import of the file', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.query({ module: 'lazy_counted', text: `query ${i}`, config: { api_key: 'k3y' } })),
    );
    assert.deepEqual(
      answers.map((a) => a['results']),
      Array.from({ length: 12 }, (_, i) => [{ types: ['text'], values: [`query ${i} (file evaluated 1 time(s), key 3 chars)`] }]),
    );
    assert.equal(countedLoads, 1);
    assert.equal(evaluations.lazyCountedEvaluations, 1);
    await t.query({ module: 'lazy_counted', text: 'later', config: { api_key: 'k3y' } });
    assert.equal(countedLoads, 1, 'later queries use the loaded code');
  });

  test('a file that fails to evaluate: a clear error for that module, the server serves the others', async () => {
    const first = await t.query({ module: 'lazy_broken', text: 'x' });
    assert.match(String(first['error']), LOAD_ERROR('lazy_broken'));
    const line = t.logs.records().find((r) => r['msg'] === 'module lazy_broken: its code could not be loaded');
    assert.match(JSON.stringify(line?.['err']), /Cannot read properties of undefined \(reading 'compile'\)/);
    // Asked again, it answers the same, at once.
    assert.match(String((await t.query({ module: 'lazy_broken', text: 'y' }))['error']), LOAD_ERROR('lazy_broken'));
    assert.equal((await t.get('/healthcheck')).status, 200);
    const eql = await t.query({ module: 'eql', 'ip-src': '192.0.2.1' });
    assert.deepEqual((eql['results'] as Array<{ values: string }>)[0]?.values, 'network where source_address == "192.0.2.1"');
    const metrics = (await t.get('/metrics')).text;
    assert.match(metrics, /module="lazy_broken",outcome="crash"\} 2/);
  });

  test('a missing file, or one that defines another module, is an error of that module only', async () => {
    assert.match(String((await t.query({ module: 'lazy_missing', text: 'x' }))['error']), LOAD_ERROR('lazy_missing'));
    const missing = t.logs.records().find((r) => r['msg'] === 'module lazy_missing: its code could not be loaded');
    assert.match(JSON.stringify(missing?.['err']), /missing/);
    assert.match(String((await t.query({ module: 'lazy_renamed', text: 'x' }))['error']), LOAD_ERROR('lazy_renamed'));
    const renamed = t.logs.records().find((r) => r['msg'] === 'module lazy_renamed: its code could not be loaded');
    assert.match(JSON.stringify(renamed?.['err']), /defines the expansion module 'lazy_renamed_in_its_file', not the expansion module 'lazy_renamed'/);
  });

  test('a failed import is tried again on the next query', async () => {
    assert.match(String((await t.query({ module: 'lazy_renamed_in_its_file', text: 'x' }))['error']), LOAD_ERROR('lazy_renamed_in_its_file'));
    assert.deepEqual(await t.query({ module: 'lazy_renamed_in_its_file', text: 'x' }), { results: [] });
    assert.equal(flakyAttempts, 2);
  });
});

test('--check imports every module: a file that fails, or that differs from its description, is a problem', async () => {
  const drifted = lazyModule({ description: { ...countedDescription, meta: { ...countedDescription.meta, version: '2' } }, load: () => import('./fixtures/lazy-modules/counted.js') });
  const problems = await loadEveryModule([
    lazyModule({ description: countedDescription, load: () => import('./fixtures/lazy-modules/counted.js') }),
    lazyModule({ description: description('lazy_broken'), load: () => import('./fixtures/lazy-modules/broken.js') }),
    drifted,
  ]);
  assert.deepEqual(problems, [
    { source: 'lazy_broken', reason: "its code failed to load: Cannot read properties of undefined (reading 'compile')" },
    { source: 'lazy_counted', reason: 'its definition differs from src/modules/manifest.ts (run npm run docs:modules)' },
  ]);
});
