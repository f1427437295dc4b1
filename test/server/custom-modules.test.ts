/** Custom modules from -c DIR: loaded, replacing built-ins, and broken ones skipped with a clear log line. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { builtinModules } from '../../src/modules/index.js';
import { startTestServer, type TestServer } from './harness.js';

const indexUrl = pathToFileURL(join(process.cwd(), 'src/index.ts')).href;
let dir: string;
let t: TestServer;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'misp-custom-'));
  for (const sub of ['expansion', 'import_mod', 'export_mod', 'action_mod', 'unrelated']) await mkdir(join(dir, sub));
  // A module written with defineModule from the package.
  await writeFile(
    join(dir, 'expansion', 'reverse_text.mjs'),
    `import { defineModule } from ${JSON.stringify(indexUrl)};
export default defineModule({
  name: 'reverse_text', kind: 'expansion', moduleType: ['expansion', 'hover'],
  meta: { version: '1', author: 'me', description: 'Reverses text', name: 'Reverse' },
  attributes: { input: ['text'], output: ['text'] },
  async handle(query) { return { results: [{ types: ['text'], values: [String(query.text).split('').reverse().join('')] }] }; },
});`,
  );
  // A plain object of the same shape replaces the built-in eql.
  await writeFile(
    join(dir, 'expansion', 'eql.js'),
    `export default {
  name: 'eql', kind: 'expansion', moduleType: ['expansion'],
  meta: { version: '9', author: 'me', description: 'My own EQL', name: 'EQL' },
  attributes: { input: ['ip-src'] },
  async handle() { return { results: [{ types: ['comment'], values: ['custom'] }] }; },
};`,
  );
  await writeFile(join(dir, 'expansion', 'syntax_error.mjs'), 'export default {{{');
  await writeFile(join(dir, 'expansion', 'throws_on_load.mjs'), 'throw new Error("database unreachable at load time");');
  await writeFile(join(dir, 'import_mod', 'bad_meta.mjs'), `export default { name: 'bad_meta', kind: 'import', moduleType: ['import'], meta: { version: 1 }, async handle() { return {}; } };`);
  await writeFile(
    join(dir, 'export_mod', 'wrong_folder.mjs'),
    `export default { name: 'wrong_folder', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'd', name: 'n' }, attributes: { input: ['text'] }, async handle() { return {}; } };`,
  );
  await writeFile(join(dir, 'expansion', '_helper.mjs'), 'throw new Error("helpers starting with _ are not modules");');
  await writeFile(join(dir, 'unrelated', 'ignored.mjs'), 'throw new Error("other folders are ignored");');
  t = await startTestServer({ settings: { customDir: dir } });
});

after(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

test('a custom module is listed and answers queries', async () => {
  const modules = (await t.get('/modules')).json() as Array<{ name: string; type: string }>;
  assert.ok(modules.some((m) => m.name === 'reverse_text' && m.type === 'expansion'));
  assert.deepEqual(await t.query({ module: 'reverse_text', text: 'abc' }), { results: [{ types: ['text'], values: ['cba'] }] });
});

test('a custom module with a built-in name replaces it in place, with a warning', async () => {
  const modules = (await t.get('/modules')).json() as Array<{ name: string; meta: { version: string } }>;
  const names = modules.map((m) => m.name);
  assert.equal(names.filter((n) => n === 'eql').length, 1);
  assert.equal(names.indexOf('eql'), builtinModules.findIndex((m) => m.name === 'eql'), 'keeps the built-in position');
  assert.equal(modules.find((m) => m.name === 'eql')?.meta.version, '9');
  assert.deepEqual(await t.query({ module: 'eql', 'ip-src': '1.2.3.4' }), { results: [{ types: ['comment'], values: ['custom'] }] });
  assert.ok(t.logs.records().some((r) => r['level'] === 40 && /replaces the built-in module/.test(String(r['msg']))));
});

test('broken modules are skipped with one clear line naming the file and the reason', async () => {
  const errors = t.logs.records().filter((r) => r['level'] === 50).map((r) => String(r['msg']));
  const expect: Array<[string, RegExp]> = [
    ['syntax_error.mjs', /failed to load/],
    ['throws_on_load.mjs', /database unreachable at load time/],
    ['bad_meta.mjs', /meta.version must be a string/],
    ['wrong_folder.mjs', /declares kind 'expansion' but sits in export_mod/],
  ];
  for (const [file, reason] of expect) {
    const line = errors.find((m) => m.includes(file));
    assert.ok(line, `a log line for ${file}`);
    assert.match(line, reason);
  }
  assert.ok(!errors.some((m) => m.includes('_helper') || m.includes('ignored.mjs')));
  const names = ((await t.get('/modules')).json() as Array<{ name: string }>).map((m) => m.name);
  for (const skipped of ['bad_meta', 'wrong_folder', 'syntax_error', 'throws_on_load']) assert.ok(!names.includes(skipped));
  assert.equal(t.server.registry.problems.length, 4);
});

test('a missing custom folder is reported, the built-ins still serve', async () => {
  const other = await startTestServer({ settings: { customDir: join(dir, 'does-not-exist') } });
  try {
    assert.equal(other.server.registry.problems.length, 1);
    assert.match(other.server.registry.problems[0]!.reason, /cannot read the custom modules folder/);
    assert.deepEqual(await other.query({ module: 'testaction' }), { data: true });
  } finally {
    await other.close();
  }
});
