/** Identical in-flight read-only lookups share one run; everything else runs on its own. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { defineModule, type ModuleKind, type ModuleType } from '../../src/core/module.js';
import { startTestServer } from '../server/harness.js';

interface Probe {
  runs: number;
  aborted: number;
}

function slowLookup(name: string, kind: ModuleKind, moduleType: ModuleType[], probe: Probe) {
  return defineModule({
    name,
    kind,
    moduleType,
    meta: { version: '1', author: 't', description: 'slow lookup', name },
    ...(kind === 'export' ? { attributes: { responseType: 'application/txt', outputFileExtension: 'txt' } } : { attributes: { input: ['domain'] } }),
    ...(kind === 'action' ? { action: { params: {}, blocking: false, support_filters: false, expect_misp_core_format: false } } : {}),
    async handle(query, ctx) {
      probe.runs++;
      try {
        await sleep(Number(query['wait'] ?? 300), undefined, { signal: ctx.signal });
      } catch (error) {
        probe.aborted++;
        throw error;
      }
      return { results: [{ types: ['ip-dst'], values: [`run ${probe.runs}`] }] };
    },
  });
}

const lookup: Probe = { runs: 0, aborted: 0 };
const importer: Probe = { runs: 0, aborted: 0 };
const t = await startTestServer({
  builtins: [slowLookup('lookup', 'expansion', ['expansion', 'hover'], lookup), slowLookup('importer', 'import', ['import'], importer)],
});
after(() => t.close());

test('identical concurrent hovers make one upstream run and all get its answer', async () => {
  const before = lookup.runs;
  const body = { module: 'lookup', domain: 'circl.lu', config: { key: 'k' } };
  const answers = await Promise.all(Array.from({ length: 5 }, () => t.query(body)));
  assert.equal(lookup.runs, before + 1);
  for (const a of answers) assert.deepEqual(a, answers[0]);
});

test('different input or config means separate runs; timeout alone does not', async () => {
  const before = lookup.runs;
  await Promise.all([
    t.query({ module: 'lookup', domain: 'a.example' }),
    t.query({ module: 'lookup', domain: 'b.example' }),
    t.query({ module: 'lookup', domain: 'a.example', config: { key: 'other' } }),
    t.query({ module: 'lookup', domain: 'a.example', timeout: 60 }),
  ]);
  assert.equal(lookup.runs, before + 3);
});

test('import, export and action modules never share runs', async () => {
  const before = importer.runs;
  const body = { module: 'importer', data: 'aGVsbG8=' };
  await Promise.all([t.query(body), t.query(body), t.query(body)]);
  assert.equal(importer.runs, before + 3);
});

test('one waiter timing out does not abort the run the others still wait for', async () => {
  const runs = lookup.runs;
  const aborted = lookup.aborted;
  const body = { module: 'lookup', domain: 'shared.example', wait: 600 };
  const [impatient, patient] = await Promise.all([t.query({ ...body, timeout: 0.1 }), t.query({ ...body, timeout: 30 })]);
  assert.deepEqual(impatient, { error: 'Timeout.' });
  assert.deepEqual(patient, { results: [{ types: ['ip-dst'], values: [`run ${runs + 1}`] }] });
  assert.equal(lookup.runs, runs + 1);
  assert.equal(lookup.aborted, aborted);
});

test('when every waiter has left, the shared run is aborted', async () => {
  const aborted = lookup.aborted;
  const body = { module: 'lookup', domain: 'gone.example', wait: 5000 };
  const answers = await Promise.all([t.query({ ...body, timeout: 0.1 }), t.query({ ...body, timeout: 0.2 })]);
  assert.deepEqual(answers, [{ error: 'Timeout.' }, { error: 'Timeout.' }]);
  for (let i = 0; i < 100 && lookup.aborted === aborted; i++) await sleep(10);
  assert.equal(lookup.aborted, aborted + 1);
  // A new identical query starts a fresh run rather than joining the aborted one.
  const runs = lookup.runs;
  assert.deepEqual(await t.query({ ...body, wait: 10 }), { results: [{ types: ['ip-dst'], values: [`run ${runs + 1}`] }] });
});
