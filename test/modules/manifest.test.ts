/**
 * src/modules/manifest.ts (what the server knows of a built-in module before
 * its code is loaded) is generated from the module files and must be
 * current; the generator refuses files it could not describe faithfully.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { describeModule } from '../../src/core/descriptor.js';
import { isLazyModule, loadEveryModule } from '../../src/core/lazy-module.js';
import { builtinModules, loadBuiltinModules } from '../../src/modules/index.js';
import { FAMILIES, MANIFEST_FILE, readModuleFiles, renderManifest } from '../../scripts/module-manifest.js';

test('src/modules/manifest.ts matches the module files (run npm run docs:modules)', async () => {
  assert.equal(readFileSync(MANIFEST_FILE, 'utf8'), renderManifest(await readModuleFiles()));
});

test('every built-in module is served lazily, listed as its own file defines it', async () => {
  assert.ok(builtinModules.length > 100 && builtinModules.every(isLazyModule));
  const loaded = await loadBuiltinModules();
  assert.deepEqual(builtinModules.map(describeModule), loaded.map(describeModule));
  for (const [i, module] of builtinModules.entries()) {
    const { handle: _lazy, ...description } = module;
    const { handle: _real, ...own } = loaded[i]!;
    assert.deepEqual(JSON.parse(JSON.stringify(description)), JSON.parse(JSON.stringify(own)), module.name);
    assert.ok(Object.isFrozen(module) && Object.isFrozen(module.meta) && Object.isFrozen(module.config) && Object.isFrozen(module.attributes));
  }
  assert.deepEqual(await loadEveryModule(builtinModules), [], 'what --check reports');
});

describe('the generator refuses what it cannot describe', () => {
  let dir: string;
  const core = pathToFileURL(join(process.cwd(), 'src/core/module.ts')).href;
  const moduleFile = (name: string, extra = '') => `import { defineModule } from ${JSON.stringify(core)};
export default defineModule({
  name: ${JSON.stringify(name)}, kind: 'expansion', moduleType: ['expansion'],
  meta: { version: '1', author: 't', description: 'd', name: 'n'${extra} },
  attributes: { input: ['text'] },
  async handle() { return { results: [] }; },
});
`;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'misp-manifest-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function family(name: string, files: Record<string, string>): Promise<string> {
    const root = join(dir, name);
    for (const f of FAMILIES) await mkdir(join(root, f), { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(join(root, 'expansion', file), text);
    return root;
  }

  test('a good directory is described, in the order /modules lists it', async () => {
    const root = await family('good', { 'b_module.ts': moduleFile('b_module'), 'A_module.ts': moduleFile('A_module') });
    const files = await readModuleFiles(root);
    assert.deepEqual(files.map((f) => f.path), ['expansion/A_module', 'expansion/b_module']);
    assert.match(renderManifest(files), /load: \(\) => import\('\.\/expansion\/A_module\.js'\),\n {4}description: \{\n {6}"name": "A_module",/);
  });

  test('a module whose file is named otherwise', async () => {
    const root = await family('misnamed', { 'file_name.ts': moduleFile('module_name') });
    await assert.rejects(readModuleFiles(root), /the module is named 'module_name'; its file must be module_name\.ts/);
  });

  test('a module whose description holds code', async () => {
    const root = await family('code', { 'with_code.ts': moduleFile('with_code', ', fetch_options: { pick: () => 1 }') });
    await assert.rejects(readModuleFiles(root), /with_code\.meta\.fetch_options\.pick is not plain data/);
  });

  test('a file that does not export a module', async () => {
    const root = await family('helper', { 'helper.ts': 'export const x = 1;\n' });
    await assert.rejects(readModuleFiles(root), /helper\.ts: the default export is not a module/);
  });
});
