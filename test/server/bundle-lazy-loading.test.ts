/**
 * The built server (dist/cli.js and dist/chunks/, `npm run build`) loads no
 * built-in module's code at start: each module's code is a chunk of its own,
 * imported on the module's first query. Node's loader hooks record which
 * files the process loaded (test/support/record-loads.mjs).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import { builtinModules } from '../../src/modules/index.js';

const CHUNKS = join(process.cwd(), 'dist/chunks');
let dir: string;
let loadsFile: string;
let url: string;
let child: ReturnType<typeof spawn>;

/** The name a chunk file was given after its module file (`eql-AB12CD34.js` → eql); shared chunks are `chunk-…`. */
const chunkName = (file: string) => /([^/]+)-[A-Z0-9]{8}\.js$/.exec(file)?.[1];
const moduleNames = new Set(builtinModules.map((m) => m.name));

/** The built-in modules whose chunk the server has loaded so far. */
function modulesLoaded(): string[] {
  const lines = readFileSync(loadsFile, 'utf8').split('\n');
  return lines.filter((l) => l.includes('/dist/chunks/')).map((l) => chunkName(l)!).filter((name) => moduleNames.has(name));
}

before(async () => {
  assert.ok(existsSync(CHUNKS), 'dist/chunks exists: run `npm run build` first');
  dir = await mkdtemp(join(tmpdir(), 'misp-lazy-bundle-'));
  loadsFile = join(dir, 'loads.txt');
  child = spawn(process.execPath, ['--import', join(process.cwd(), 'test/support/record-loads.mjs'), 'dist/cli.js', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, RECORD_LOADS_FILE: loadsFile },
  });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`the server exited early: ${out}`)));
  });
});

after(async () => {
  child.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

test('every built-in module\'s code is a chunk of its own', () => {
  const chunks = new Set(readdirSync(CHUNKS).filter((f) => f.endsWith('.js')).map(chunkName));
  assert.deepEqual([...moduleNames].filter((name) => !chunks.has(name)), []);
});

test('at start, no module\'s code is loaded; /modules lists them all', async () => {
  const listed = (await (await request(`${url}/modules`)).body.json()) as unknown[];
  assert.equal(listed.length, builtinModules.length);
  const loads = readFileSync(loadsFile, 'utf8');
  assert.match(loads, /\/dist\/cli\.js\n/, 'the hooks record loads (sanity)');
  assert.deepEqual(modulesLoaded(), []);
});

test('a query loads its module\'s chunk, and only that one', async () => {
  const res = await request(`${url}/query`, { method: 'POST', body: JSON.stringify({ module: 'eql', 'ip-src': '192.0.2.1' }) });
  const answer = (await res.body.json()) as { results: Array<{ values: string }> };
  assert.equal(answer.results[0]?.values, 'network where source_address == "192.0.2.1"');
  assert.deepEqual(modulesLoaded(), ['eql']);
});
