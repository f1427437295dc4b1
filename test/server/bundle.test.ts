/**
 * The built server (dist/cli.js, bundled by scripts/bundle.mjs; `npm ci` and
 * `npm run build` make it): what the bundle changes must still hold. Worker
 * tasks are found through the rewritten `import.meta.url`s, package files are
 * found from the bundle, and a ModuleError from the per-file build (which
 * custom modules import) keeps its message.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { request } from 'undici';

const BUNDLE = join(process.cwd(), 'dist/cli.js');
let dir: string;
let url: string;
let child: ReturnType<typeof spawn>;

async function query(body: object): Promise<Record<string, unknown>> {
  const res = await request(`${url}/query`, { method: 'POST', body: JSON.stringify(body) });
  return (await res.body.json()) as Record<string, unknown>;
}

before(async () => {
  assert.ok(existsSync(BUNDLE), 'dist/cli.js exists: run `npm run build` first');
  assert.match(readFileSync(BUNDLE, 'utf8').slice(0, 300), /Bundled by scripts\/bundle\.mjs/, 'dist/cli.js is the bundle');
  dir = await mkdtemp(join(tmpdir(), 'misp-bundle-'));
  await mkdir(join(dir, 'expansion'));
  await writeFile(
    join(dir, 'expansion', 'refuses.mjs'),
    `import { defineModule, ModuleError } from ${JSON.stringify(pathToFileURL(join(process.cwd(), 'dist/index.js')).href)};
export default defineModule({
  name: 'refuses', kind: 'expansion', moduleType: ['expansion'],
  meta: { version: '1', author: 't', description: 'refuses', name: 'refuses' },
  attributes: { input: ['text'] },
  async handle() { throw new ModuleError('Refused on purpose.'); },
});`,
  );
  child = spawn(process.execPath, [BUNDLE, '-p', '0', '-c', dir, '--isolate', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`the bundle exited early: ${out}`)));
  });
});

after(async () => {
  child.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

test('the bundle serves /modules and /version (package.json found from the bundle)', async () => {
  const modules = (await (await request(`${url}/modules`)).body.json()) as Array<{ name: string }>;
  assert.ok(modules.length > 50 && modules.some((m) => m.name === 'refuses'));
  const version = (await (await request(`${url}/version`)).body.json()) as { version: string };
  assert.equal(version.version, (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
});

test('a worker-pool task runs from the bundle (its URL points into dist/)', async () => {
  const answer = await query({ module: 'html_to_markdown', raw_html: '<h1>Title</h1><p>some <b>bold</b> text</p>' });
  assert.deepEqual(answer, { results: [{ types: ['text'], values: ['# Title\n\nsome **bold** text'] }] });
});

test('a ModuleError from the per-file build keeps its message in the bundled runner', async () => {
  assert.deepEqual(await query({ module: 'refuses', text: 'x' }), { error: 'Refused on purpose.' });
});

test('the API explorer finds its assets from the bundle', async () => {
  const res = await request(`${url}/openapi/static/swagger-ui-bundle.js`);
  assert.equal(res.statusCode, 200);
  assert.ok((await res.body.text()).length > 100_000);
});
