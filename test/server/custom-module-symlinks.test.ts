/**
 * Custom modules reached through symbolic links: a linked file loads like a
 * file, as a linked family folder does; a link that leads nowhere or to a
 * folder is reported with a line naming it, never skipped silently.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './harness.js';

/** A module that answers its own name, so each answer says which file served it. */
const moduleSource = (name: string, kind: 'expansion' | 'import') =>
  kind === 'expansion'
    ? `export default { name: '${name}', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'linked', name: '${name}' },
  attributes: { input: ['text'] }, async handle() { return { results: [{ types: ['text'], values: ['${name}'] }] }; } };`
    : `export default { name: '${name}', kind: 'import', moduleType: ['import'], meta: { version: '1', author: 'a', description: 'linked', name: '${name}' },
  attributes: { inputSource: ['paste'], format: 'misp_standard' }, async handle() { return { results: { Attribute: [{ type: 'text', value: '${name}' }] } }; } };`;

/** Random module names (letters and digits), distinct from the built-ins. */
const names = Array.from({ length: 4 }, () => `linked_${Math.random().toString(36).slice(2, 10)}`);
const [viaFile, viaChain, viaFolder, plain] = names as [string, string, string, string];

let base: string;
let t: TestServer;

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'misp-symlinks-'));
  const dir = join(base, 'custom');
  const elsewhere = join(base, 'elsewhere');
  await mkdir(join(dir, 'expansion'), { recursive: true });
  await mkdir(join(elsewhere, 'import_folder'), { recursive: true });
  // A file symlinked into the family folder, and a link to a link.
  await writeFile(join(elsewhere, `${viaFile}.mjs`), moduleSource(viaFile, 'expansion'));
  await symlink(join(elsewhere, `${viaFile}.mjs`), join(dir, 'expansion', `${viaFile}.mjs`));
  await writeFile(join(elsewhere, `${viaChain}.mjs`), moduleSource(viaChain, 'expansion'));
  await symlink(join(elsewhere, `${viaChain}.mjs`), join(elsewhere, `${viaChain}-link.mjs`));
  await symlink(join(elsewhere, `${viaChain}-link.mjs`), join(dir, 'expansion', `${viaChain}.mjs`));
  // A whole family folder symlinked (followed before this change too).
  await writeFile(join(elsewhere, 'import_folder', `${viaFolder}.mjs`), moduleSource(viaFolder, 'import'));
  await symlink(join(elsewhere, 'import_folder'), join(dir, 'import_mod'));
  await writeFile(join(dir, 'expansion', `${plain}.mjs`), moduleSource(plain, 'expansion'));
  // Links that lead nowhere, or to a folder.
  await symlink(join(elsewhere, 'gone.mjs'), join(dir, 'expansion', 'dangling.mjs'));
  await symlink(elsewhere, join(dir, 'expansion', 'a_folder.mjs'));
  t = await startTestServer({ settings: { customDir: dir } });
});

after(async () => {
  await t.close();
  await rm(base, { recursive: true, force: true });
});

test('a symlinked module file is loaded and served, like a symlinked folder and a plain file', async () => {
  const listed = ((await t.get('/modules')).json() as Array<{ name: string }>).map((m) => m.name);
  for (const name of names) assert.ok(listed.includes(name), `${name} is listed`);
  for (const name of [viaFile, viaChain, plain]) {
    assert.deepEqual(await t.query({ module: name, text: 'x' }), { results: [{ types: ['text'], values: [name] }] });
  }
  const imported = await t.query({ module: viaFolder, data: Buffer.from('x').toString('base64') });
  assert.deepEqual((imported['results'] as { Attribute: Array<{ value: string }> }).Attribute.map((a) => a.value), [viaFolder]);
});

test('a link that leads nowhere or to a folder is reported with a line naming it', () => {
  const skipped = t.logs.records().filter((r) => r['level'] === 50 && /custom module skipped/.test(String(r['msg'])));
  for (const file of ['dangling.mjs', 'a_folder.mjs']) {
    const line = skipped.find((r) => String(r['msg']).includes(join('expansion', file)));
    assert.ok(line, `a line names ${file}: ${JSON.stringify(skipped)}`);
  }
  assert.equal(skipped.length, 2, JSON.stringify(skipped));
});
