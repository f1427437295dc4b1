/** The misp-modules command: flags, environment variables, -t, --check, port taken, graceful shutdown. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { request } from 'undici';
import { parseCommandLine, UsageError } from '../../src/cli/options.js';

const CLI = ['--import', 'tsx', 'src/cli.ts'];

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
}

describe('option parsing', () => {
  test('defaults match the Python server', () => {
    const { settings } = parseCommandLine([], {});
    assert.equal(settings.listen, '127.0.0.1');
    assert.equal(settings.port, 6666);
    assert.equal(settings.defaultTimeoutSeconds, 300);
    assert.equal(settings.debug, false);
  });

  test('short and long flags, repeatable ones, and the -s no-op', () => {
    const c = parseCommandLine(['-l', '0.0.0.0', '-p', '7000', '-c', '/opt/mods', '-d', '-t', '-s', '--upstream', 'a.io=http://127.0.0.1:1', '--upstream', 'b.io=http://127.0.0.1:2', '--allow-url-range', '10.1.0.0/16'], {});
    assert.equal(c.settings.listen, '0.0.0.0');
    assert.equal(c.settings.port, 7000);
    assert.equal(c.settings.customDir, '/opt/mods');
    assert.equal(c.settings.debug, true);
    assert.equal(c.test, true);
    assert.deepEqual(c.settings.upstreams, ['a.io=http://127.0.0.1:1', 'b.io=http://127.0.0.1:2']);
    assert.deepEqual(c.settings.allowUrlRanges, ['10.1.0.0/16']);
  });

  test('environment variables, overridden by flags', () => {
    const env = {
      MISP_MODULES_LISTEN: '::1', MISP_MODULES_PORT: '7001', MISP_MODULES_CUSTOM: '/srv/m', MISP_MODULES_DEBUG: 'true',
      MISP_MODULES_TIMEOUT: '60', MISP_MODULES_UPSTREAMS: 'a.io=http://127.0.0.1:1, b.io=http://127.0.0.1:2',
      MISP_MODULES_ALLOW_URL_RANGES: '10.0.0.0/8', MISP_MODULES_AUTH_TOKEN: 'tok', MISP_MODULES_BODY_LIMIT: '2048',
    };
    const c = parseCommandLine([], env);
    assert.equal(c.settings.listen, '::1');
    assert.equal(c.settings.port, 7001);
    assert.equal(c.settings.customDir, '/srv/m');
    assert.equal(c.settings.debug, true);
    assert.equal(c.settings.defaultTimeoutSeconds, 60);
    assert.deepEqual(c.settings.upstreams, ['a.io=http://127.0.0.1:1', 'b.io=http://127.0.0.1:2']);
    assert.equal(c.settings.authToken, 'tok');
    assert.equal(c.settings.bodyLimit, 2048);
    assert.equal(parseCommandLine(['-p', '7002'], env).settings.port, 7002);
  });

  test('--isolate: custom modules by default; names, none or all from flags or the environment', () => {
    assert.deepEqual(parseCommandLine([], {}).settings.isolate, ['custom']);
    assert.deepEqual(parseCommandLine(['--isolate', 'custom,eql', '--isolate', 'dns'], {}).settings.isolate, ['custom', 'eql', 'dns']);
    assert.deepEqual(parseCommandLine([], { MISP_MODULES_ISOLATE: 'none' }).settings.isolate, ['none']);
    assert.deepEqual(parseCommandLine(['--isolate', 'all'], { MISP_MODULES_ISOLATE: 'none' }).settings.isolate, ['all']);
    assert.equal(parseCommandLine(['--isolate-grace', '250'], {}).settings.isolateGraceMs, 250);
    assert.throws(() => parseCommandLine(['--isolate-grace', 'soon'], {}), /--isolate-grace must be a whole number/);
  });

  test('--dns-server: repeatable, or comma separated in MISP_MODULES_DNS_SERVERS; the flag wins; bad entries are usage errors', () => {
    assert.deepEqual(parseCommandLine([], {}).settings.dnsServers, []);
    assert.deepEqual(parseCommandLine(['--dns-server', '192.0.2.53', '--dns-server', '127.0.0.1:5353,[::1]:53'], {}).settings.dnsServers, [
      '192.0.2.53', '127.0.0.1:5353', '[::1]:53',
    ]);
    const env = { MISP_MODULES_DNS_SERVERS: '192.0.2.1, 192.0.2.2:5300' };
    assert.deepEqual(parseCommandLine([], env).settings.dnsServers, ['192.0.2.1', '192.0.2.2:5300']);
    assert.deepEqual(parseCommandLine(['--dns-server', '::1'], env).settings.dnsServers, ['::1']);
    assert.throws(
      () => parseCommandLine(['--dns-server', 'dns.google'], {}),
      (e: Error) => e instanceof UsageError && /--dns-server: Invalid DNS server "dns.google": expected an IP address/.test(e.message),
    );
    assert.throws(() => parseCommandLine([], { MISP_MODULES_DNS_SERVERS: '192.0.2.1:99999' }), /Invalid DNS server "192.0.2.1:99999"/);
  });

  test('--vendor-limit: NAME=N/PERIOD or NAME=none, repeatable or in MISP_MODULES_VENDOR_LIMITS; malformed entries are usage errors', () => {
    assert.deepEqual(parseCommandLine([], {}).settings.vendorLimits, []);
    assert.deepEqual(parseCommandLine(['--vendor-limit', 'VirusTotal=1000/1m', '--vendor-limit', 'Slack=none'], {}).settings.vendorLimits, ['VirusTotal=1000/1m', 'Slack=none']);
    assert.deepEqual(parseCommandLine([], { MISP_MODULES_VENDOR_LIMITS: 'VirusTotal public=4/60s, Shodan=1/1s' }).settings.vendorLimits, ['VirusTotal public=4/60s', 'Shodan=1/1s']);
    assert.throws(() => parseCommandLine(['--vendor-limit', 'VirusTotal'], {}), (e: Error) => e instanceof UsageError && /--vendor-limit: "VirusTotal" is not NAME=N\/PERIOD/.test(e.message));
    assert.throws(() => parseCommandLine(['--vendor-limit', 'VirusTotal=fast'], {}), /"fast" in "VirusTotal=fast" is not N\/PERIOD/);
  });

  test('--upstream-http2 on|off, or MISP_MODULES_UPSTREAM_HTTP2; on by default; anything else is a usage error', () => {
    assert.equal(parseCommandLine([], {}).settings.upstreamHttp2, true);
    assert.equal(parseCommandLine(['--upstream-http2', 'off'], {}).settings.upstreamHttp2, false);
    assert.equal(parseCommandLine([], { MISP_MODULES_UPSTREAM_HTTP2: 'off' }).settings.upstreamHttp2, false);
    assert.equal(parseCommandLine(['--upstream-http2', 'on'], { MISP_MODULES_UPSTREAM_HTTP2: '0' }).settings.upstreamHttp2, true);
    assert.throws(() => parseCommandLine(['--upstream-http2', 'maybe'], {}), (e: Error) => e instanceof UsageError && e.message === "--upstream-http2 must be on or off (or 1/0, true/false, yes/no), got 'maybe'.");
  });

  test('bad values are usage errors that say what is wrong', () => {
    assert.throws(() => parseCommandLine(['-p', 'http'], {}), (e: Error) => e instanceof UsageError && /--port must be a whole number/.test(e.message));
    assert.throws(() => parseCommandLine(['-p', '70000'], {}), /between 0 and 65535/);
    assert.throws(() => parseCommandLine(['--timeout=-1'], {}), /positive number of seconds/);
    assert.throws(() => parseCommandLine(['--bogus'], {}), UsageError);
    assert.throws(() => parseCommandLine(['--log-level', 'loud'], {}), /--log-level must be one of/);
  });
});

describe('the command', () => {
  test('--help and --version', () => {
    const help = run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /-l, --listen/);
    assert.match(help.stdout, /MISP_MODULES_PORT/);
    const version = run(['--version']);
    assert.equal(version.status, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
  });

  test('an unknown flag exits 2 with a hint', () => {
    const r = run(['--nope']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--help/);
  });

  test('-t loads the modules, binds, and exits 0', () => {
    const r = run(['-t', '-p', '0']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /listening on http:\/\/127\.0\.0\.1:\d+ with \d+ modules/);
  });

  test('binding beyond loopback without --auth-token logs a warning; loopback does not', () => {
    const exposed = run(['-t', '-p', '0', '-l', '0.0.0.0']);
    assert.equal(exposed.status, 0, exposed.stderr);
    assert.match(exposed.stdout, /reachable from other hosts, without --auth-token/);
    const protectedRun = run(['-t', '-p', '0', '-l', '0.0.0.0', '--auth-token', 'tok-123456']);
    assert.doesNotMatch(protectedRun.stdout, /without --auth-token/);
    assert.doesNotMatch(run(['-t', '-p', '0']).stdout, /without --auth-token/);
  });

  test('a port already taken gives a clear message and a non-zero exit', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = run(['-p', String(port)]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  test('--check prints the modules and exits 1 when a custom module is broken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'misp-check-'));
    try {
      assert.equal(run(['--check']).status, 0);
      assert.match(run(['--check']).stdout, /testimport\s+import\s+import/);
      await mkdir(join(dir, 'expansion'));
      await writeFile(join(dir, 'expansion', 'broken.mjs'), 'export default 42;');
      const r = run(['--check', '-c', dir]);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /1 problem\(s\):/);
      assert.match(r.stdout, /broken\.mjs: the default export is not a module definition object/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('SIGTERM under load: every accepted query gets its answer, then exit 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'misp-slow-'));
    await mkdir(join(dir, 'expansion'));
    await writeFile(
      join(dir, 'expansion', 'slow.mjs'),
      `export default { name: 'slow', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'slow', name: 'slow' },
        attributes: { input: ['text'] }, async handle() { await new Promise((r) => setTimeout(r, 700)); return { results: [{ types: ['text'], values: ['done'] }] }; } };`,
    );
    const child = spawn(process.execPath, [...CLI, '-p', '0', '-c', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      const { Agent } = await import('undici');
      const agent = new Agent({ connections: 100 });
      const pending = Array.from({ length: 100 }, (_, i) =>
        request(`${url}/query`, { method: 'POST', body: JSON.stringify({ module: 'slow', text: `x${i}` }), dispatcher: agent }).then(async (res) => ({ status: res.statusCode, body: await res.body.json() })),
      );
      await new Promise((r) => setTimeout(r, 300));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const answers = await Promise.all(pending);
      for (const answer of answers) {
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, { results: [{ types: ['text'], values: ['done'] }] });
      }
      assert.equal(await exited, 0);
      await agent.close();
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
