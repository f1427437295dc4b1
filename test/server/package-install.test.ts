/**
 * `npm pack` makes a package that installs globally and runs `misp-modules`:
 * the real npm packs the built dist/ (`npm ci` and `npm run build` make it;
 * --ignore-scripts, so the test does not rebuild dist/ under the other tests'
 * feet), then installs the tarball with `npm install -g --prefix <tmp>`.
 * Its dependencies come from a loopback registry that serves the versions of
 * package-lock.json from the npm cache `npm ci` filled
 * (test/support/fake-npm-registry.ts): nothing leaves the machine. The
 * installed command then serves /healthcheck, /modules and a query whose
 * module work runs on a worker thread, alone and with --workers 2.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { request } from 'undici';
import { startFakeNpmRegistry, type FakeNpmRegistry } from '../support/fake-npm-registry.js';

const ROOT = process.cwd();
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };

/** The environment without the npm_config_* variables `npm test` sets: the flags below say everything. */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

let dir: string;
let registry: FakeNpmRegistry;
let tarball: string;
let prefix: string;
const started: Array<ReturnType<typeof spawn>> = [];

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist/cli.js')), 'dist/cli.js exists: run `npm run build` first');
  dir = await mkdtemp(join(tmpdir(), 'misp-pack-'));
  prefix = join(dir, 'prefix');
  // The cache `npm ci` filled (npm's own setting, from the caller's environment).
  const cache = (await run('npm', ['config', 'get', 'cache'], { env: process.env })).stdout.trim();
  registry = await startFakeNpmRegistry({ lockfile: join(ROOT, 'package-lock.json'), cacheDir: cache });
});

after(async () => {
  for (const child of started) child.kill('SIGKILL');
  await registry?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('npm pack ships the built server, the Python bridge, the README and the bin, and nothing of the sources or tests', { timeout: 120_000 }, async () => {
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir]);
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(dir, info!.filename);
  assert.ok(existsSync(tarball));
  const files = new Set(info!.files.map((f) => f.path));
  for (const needed of ['package.json', 'README.md', 'dist/cli.js', 'dist/index.js', 'dist/core/worker-entry.js', 'python/bridge.py', 'dist/server/cluster/primary.js']) {
    assert.ok(files.has(needed), `${needed} is in the package`);
  }
  for (const path of files) assert.doesNotMatch(path, /^(src|test|bench|scripts|node_modules|deploy)\//, `${path} is not shipped`);
  assert.equal(PACKAGE.bin['misp-modules'], 'dist/cli.js');
  assert.match(readFileSync(join(ROOT, 'dist/cli.js'), 'utf8').split('\n')[0]!, /^#!\/usr\/bin\/env node$/);
});

test('npm install -g of the tarball gives a misp-modules command that serves', { timeout: 300_000 }, async () => {
  assert.ok(tarball, 'the package was packed');
  const userconfig = join(dir, 'npmrc');
  await writeFile(userconfig, '');
  const install = await run('npm', [
    'install', '-g', '--prefix', prefix, tarball,
    '--registry', registry.url, '--cache', join(dir, 'cache'), '--userconfig', userconfig,
    // No dependency needs one to run, and one (@scarf/scarf, via swagger-ui-dist) reports the install over the network.
    '--ignore-scripts',
    '--no-audit', '--no-fund', '--no-update-notifier',
  ]);
  assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}\nregistry requests: ${registry.requests.length}, missing: ${registry.missing.join(', ')}`);
  assert.deepEqual(registry.missing, [], 'every tarball came from the npm cache');
  const bin = join(prefix, 'bin', 'misp-modules');
  assert.equal(realpathSync(bin), join(prefix, 'lib', 'node_modules', PACKAGE.name, 'dist', 'cli.js'));

  const version = await run(bin, ['--version']);
  assert.equal(version.stdout.trim(), PACKAGE.version, version.stderr);

  for (const args of [[], ['--workers', '2']]) {
    const child = spawn(bin, ['--port', '0', ...args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    started.push(child);
    let out = '';
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const line = await new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/[\d.]+:\d+) with (\d+) modules(, (\d+) worker processes)?/.exec(out);
        if (m) resolve(m);
      });
      void exited.then(() => reject(new Error(`the installed command exited early: ${out}`)));
    });
    const url = line[1]!;
    assert.equal(line[4], args.length ? '2' : undefined, out);
    const health = await request(`${url}/healthcheck`);
    assert.equal(health.statusCode, 200);
    assert.deepEqual(await health.body.json(), { status: true });
    const modules = (await (await request(`${url}/modules`)).body.json()) as Array<{ name: string }>;
    assert.equal(modules.length, Number(line[2]));
    assert.ok(modules.length > 150, `${modules.length} modules`);
    assert.ok(modules.some((m) => m.name === 'hashlookup'));
    // A worker-pool task, found from the installed dist/.
    const query = await request(`${url}/query`, { method: 'POST', body: JSON.stringify({ module: 'html_to_markdown', raw_html: '<h1>Installed</h1>' }) });
    assert.deepEqual(await query.body.json(), { results: [{ types: ['text'], values: ['# Installed'] }] });
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out.slice(-2000));
  }
});
