/**
 * Stopping the real command (node --import tsx src/cli.ts) with SIGTERM while
 * queries are in flight: every accepted query is answered, and the process
 * exits 0 within --shutdown-grace, whatever still holds its event loop
 * (keep-alive client connections, upstream connection pools, worker threads,
 * a query that never ends).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Agent, request } from 'undici';
import { startFakeHttp } from '../support/fake-http.js';

const CLI = ['--import', 'tsx', 'src/cli.ts'];
const INPUT_UUID = '5b9e2b6e-6d2a-4f1e-9a7e-1c2d3e4f5a6b';

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

async function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [...CLI, '-p', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`exited early: ${out}`)));
  });
  return { child, url, output: () => out, exited };
}

/** A random CVE id per query: no two queries are joined into one. */
function cveIds(count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(`CVE-20${10 + Math.floor(Math.random() * 15)}-${1000 + Math.floor(Math.random() * 899_000)}`);
  return [...ids];
}

describe('SIGTERM with queries in flight', () => {
  test('200 queries to a 1 s upstream over keep-alive connections: all answered, then exit 0 within the grace', async () => {
    const upstream = await startFakeHttp({
      'GET /api/vulnerability/:id': (req) => ({ delayMs: 1000, json: { id: req.params.id, summary: 'slow upstream' } }),
    });
    const grace = 4000;
    const cli = await startCli(['--shutdown-grace', String(grace), '--upstream', `cve.circl.lu=${upstream.url}`]);
    // The client keeps its connections open (keep-alive far longer than the grace).
    const agent = new Agent({ connections: 200, keepAliveTimeout: 600_000, keepAliveMaxTimeout: 600_000 });
    try {
      const pending = cveIds(200).map((id) =>
        request(`${cli.url}/query`, { method: 'POST', body: JSON.stringify({ module: 'cve', attribute: { type: 'vulnerability', value: id, uuid: INPUT_UUID } }), dispatcher: agent }).then(
          async (res) => ({ status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> }),
        ),
      );
      // Every query is with the upstream before the signal.
      const waitUntil = performance.now() + 20_000;
      while (upstream.requests.length < 200) {
        assert.ok(performance.now() < waitUntil, `only ${upstream.requests.length} queries reached the upstream`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const signalled = performance.now();
      cli.child.kill('SIGTERM');
      const answers = await Promise.all(pending);
      for (const answer of answers) {
        assert.equal(answer.status, 200);
        assert.equal(answer.body['error'], undefined, JSON.stringify(answer.body));
      }
      const exit = await Promise.race([cli.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), grace + 3000))]);
      assert.ok(exit, `still running ${grace + 3000} ms after SIGTERM: ${cli.output().slice(-2000)}`);
      assert.equal(exit.code, 0, cli.output().slice(-2000));
      assert.ok(exit.at - signalled <= grace + 500, `exited ${Math.round(exit.at - signalled)} ms after SIGTERM, grace ${grace} ms`);
    } finally {
      cli.child.kill('SIGKILL');
      await agent.close();
      await upstream.close();
    }
  });

  test('a query that outlives the grace, an idle keep-alive client, a half-sent request and a thread looping on the CPU: exit 0 at the grace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'misp-stuck-'));
    await mkdir(join(dir, 'expansion'));
    // Never settles and ignores its abort signal; and a timer that would hold the loop for an hour.
    await writeFile(
      join(dir, 'expansion', 'stuck.mjs'),
      `setInterval(() => {}, 3_600_000);
      export default { name: 'stuck', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'stuck', name: 'stuck' },
        attributes: { input: ['text'] }, handle() { return new Promise(() => {}); } };`,
    );
    // Loops on the CPU, on a thread of its own.
    await writeFile(
      join(dir, 'expansion', 'spin.mjs'),
      `export default { name: 'spin', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'spin', name: 'spin' },
        attributes: { input: ['text'] }, handle() { for (;;) {} } };`,
    );
    const grace = 2500;
    // 'stuck' is not isolated: it runs on the main thread, as a built-in would; 'spin' is.
    const cli = await startCli(['--shutdown-grace', String(grace), '--isolate', 'spin', '--isolate-grace', '60000', '-c', dir, '--timeout', '3600']);
    const agent = new Agent({ keepAliveTimeout: 600_000, keepAliveMaxTimeout: 600_000 });
    const socket = connect(Number(new URL(cli.url).port), '127.0.0.1');
    const connected = new Promise<void>((resolve) => socket.once('connect', resolve));
    try {
      // An idle keep-alive connection, after one answered request.
      const health = await request(`${cli.url}/healthcheck`, { dispatcher: agent });
      assert.equal(health.statusCode, 200);
      await health.body.text();
      // A request whose body never finishes arriving.
      await connected;
      socket.write('POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"mod');
      const spin = request(`${cli.url}/query`, { method: 'POST', body: JSON.stringify({ module: 'spin', text: 'x' }), dispatcher: agent }).then(
        async (res) => ({ status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> }),
        (error: Error) => ({ status: 0, body: { transport: error.message } }),
      );
      const stuck = request(`${cli.url}/query`, { method: 'POST', body: JSON.stringify({ module: 'stuck', text: 'x' }), dispatcher: agent }).then(
        async (res) => ({ status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> }),
        (error: Error) => ({ status: 0, body: { transport: error.message } }),
      );
      await new Promise((r) => setTimeout(r, 500));
      const signalled = performance.now();
      cli.child.kill('SIGTERM');
      const exit = await Promise.race([cli.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), grace + 5000))]);
      assert.ok(exit, `still running ${grace + 5000} ms after SIGTERM: ${cli.output().slice(-2000)}`);
      assert.equal(exit.code, 0, cli.output().slice(-2000));
      const took = exit.at - signalled;
      assert.ok(took <= grace + 500, `exited ${Math.round(took)} ms after SIGTERM, grace ${grace} ms`);
      assert.ok(took >= grace / 2, `the stuck query was given its grace (exited after ${Math.round(took)} ms)`);
      // The stuck queries were answered before the exit.
      assert.deepEqual(await stuck, { status: 200, body: { error: 'Timeout.' } });
      assert.deepEqual(await spin, { status: 200, body: { error: 'Timeout.' } });
    } finally {
      cli.child.kill('SIGKILL');
      socket.destroy();
      await agent.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
