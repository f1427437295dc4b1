/**
 * --workers N (src/server/cluster/): the real command (node --import tsx
 * src/cli.ts) with a primary and N server processes on one port. Both
 * workers answer; /metrics covers the set; a killed worker is replaced and no
 * query is lost; a crash loop backs off; SIGTERM drains every worker; auto;
 * bad values. Every test uses a free port found at run time (not port 0: a
 * replacement that binds again must find the same port) and kills what it
 * started.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { lookup } from 'node:dns/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { Agent, request, type Dispatcher } from 'undici';
import { MAX_WORKERS, parseCommandLine, UsageError } from '../../src/cli/options.js';

const CLI = ['--import', 'tsx', 'src/cli.ts'];
/** The start line of the primary once every worker serves. */
const SERVING = /listening on (http:\/\/[^\s"]+:\d+) with (\d+) modules, (\d+) worker processes/;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Cluster {
  child: ChildProcess;
  url: string;
  workers: number;
  output: () => string;
  /** The output without the one line per query: what explains a failure. */
  notes: () => string;
  exited: Promise<Exit>;
  /** Resolves with the first match of `pattern` in the output from `from` (a character offset) on. */
  waitForOutput(pattern: RegExp, limitMs?: number, from?: number): Promise<RegExpExecArray>;
  /** Worker pids by slot, from /metrics. */
  pids(): Promise<Map<string, number>>;
  /** SIGKILL for the primary and every worker pid seen. */
  kill(): void;
}

/** Every cluster started: killed when this test process exits, whatever happened (a test that timed out never reaches its finally). */
const started = new Set<{ kill(): void }>();
process.once('exit', () => {
  for (const cluster of started) cluster.kill();
});

async function startCluster(args: string[], options: { prefix?: string[]; env?: Record<string, string> } = {}): Promise<Cluster> {
  const port = await freePort();
  const [command, ...prefixArgs] = options.prefix ?? [process.execPath];
  const child = spawn(command!, [...prefixArgs, ...(options.prefix ? [process.execPath] : []), ...CLI, '-p', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const seenPids = new Set<number>();
  const waitForOutput = (pattern: RegExp, limitMs = 60_000, from = 0) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = new RegExp(pattern.source, pattern.flags).exec(out.slice(from));
        if (!match) return;
        cleanup();
        resolve(match);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${pattern} within ${limitMs} ms in:\n${out.slice(-3000)}`));
      }, limitMs);
      const gone = () => {
        cleanup();
        reject(new Error(`the command exited before ${pattern}:\n${out.slice(-3000)}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', gone);
      };
      listeners.add(check);
      child.once('exit', gone);
      check();
    });
  const seen = { kill: () => void child.kill('SIGKILL') };
  started.add(seen);
  const serving = await waitForOutput(SERVING).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  started.delete(seen);
  const url = serving[1]!;
  const cluster: Cluster = {
    child,
    url,
    workers: Number(serving[3]),
    output: () => out,
    notes: () => out.split('\n').filter((line) => !line.includes('"msg":"query"')).join('\n').slice(-6000),
    exited,
    waitForOutput,
    async pids() {
      // On a connection of its own: an idle keep-alive connection left to a worker the test then stops
      // would be closed under the next request sent on it (the race every keep-alive client has).
      const text = await (await request(`${url}/metrics`, { reset: true })).body.text();
      const pids = new Map<string, number>();
      for (const m of text.matchAll(/^misp_modules_worker_info\{worker="(\d+)",pid="(\d+)"\} 1$/gm)) pids.set(m[1]!, Number(m[2]));
      for (const pid of pids.values()) seenPids.add(pid);
      return pids;
    },
    kill() {
      child.kill('SIGKILL');
      for (const pid of seenPids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
  started.add(cluster);
  await cluster.pids();
  return cluster;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process that answered: the request id's prefix is random per process (src/server/app.ts). */
function answeredBy(headers: Record<string, string | string[] | undefined>): string {
  return String(headers['x-request-id']).split('-')[0]!;
}

const eqlQuery = (ip: string) => JSON.stringify({ module: 'eql', 'ip-src': ip });
const ipFor = (i: number) => `198.51.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;

/** Errors of a request whose connection closed before any answer came: safe to send again for a lookup. */
function closedBeforeAnswer(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

describe('--workers: option parsing', () => {
  test('a number, auto (the cores this process may use), the environment variable; the flag wins', () => {
    assert.equal(parseCommandLine([], {}).settings.workers, 1);
    assert.equal(parseCommandLine(['--workers', '3'], {}).settings.workers, 3);
    assert.equal(parseCommandLine(['--workers', 'auto'], {}, 6).settings.workers, 6);
    assert.equal(parseCommandLine(['--workers', 'AUTO'], {}, 1).settings.workers, 1);
    assert.equal(parseCommandLine([], { MISP_MODULES_WORKERS: '4' }).settings.workers, 4);
    assert.equal(parseCommandLine([], { MISP_MODULES_WORKERS: 'auto' }, 12).settings.workers, 12);
    assert.equal(parseCommandLine(['--workers', '2'], { MISP_MODULES_WORKERS: 'auto' }, 12).settings.workers, 2);
    assert.equal(parseCommandLine(['--workers', 'auto'], {}, 1000).settings.workers, MAX_WORKERS);
  });

  test('0, negative, not a number, a fraction, too many: usage errors that say what is expected', () => {
    for (const bad of ['0', '-1', 'abc', '1.5', '', ' ', String(MAX_WORKERS + 1), '2x']) {
      assert.throws(
        () => parseCommandLine([`--workers=${bad}`], {}),
        (e: Error) => e instanceof UsageError && e.message === `--workers must be a whole number from 1 to ${MAX_WORKERS}, or auto (one per core); got '${bad}'.`,
        bad,
      );
    }
    assert.throws(() => parseCommandLine([], { MISP_MODULES_WORKERS: 'many' }), /--workers must be a whole number from 1 to 256, or auto/);
  });
});

describe('--workers: the command', () => {
  test('bad values stop the start with exit 2 and the message, before anything is forked', () => {
    for (const args of [['--workers', '0'], ['--workers=-1'], ['--workers', 'abc']]) {
      const r = spawnSync(process.execPath, [...CLI, '-p', '0', ...args], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^misp-modules: --workers must be a whole number from 1 to 256, or auto \(one per core\); got '(0|-1|abc)'\.\n/);
      assert.equal(r.stdout, '');
    }
    const env = spawnSync(process.execPath, [...CLI, '-p', '0'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, MISP_MODULES_WORKERS: 'abc' } });
    assert.equal(env.status, 2);
    assert.match(env.stderr, /--workers must be a whole number .* got 'abc'/);
  });

  test('-t with --workers 2 checks in one process and exits 0', () => {
    const r = spawnSync(process.execPath, [...CLI, '-t', '-p', '0', '--workers', '2'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /listening on http:\/\/127\.0\.0\.1:\d+ with \d+ modules"/);
    assert.doesNotMatch(r.stdout, /worker processes/);
  });

  test('a port already taken: the primary says so and exits 1 before forking a worker', { timeout: 180_000 }, async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = spawnSync(process.execPath, [...CLI, '-p', String(port), '--workers', '2'], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, `misp-modules: port ${port} on 127.0.0.1 is already in use (another misp-modules server?). Stop it or pick another port with -p.\n`);
      assert.doesNotMatch(r.stdout, /worker/);
    } finally {
      blocker.close();
    }
  });

  test('a worker that cannot start stops the start: exit 1, the reason and the worker named, no process left behind', { timeout: 180_000 }, async () => {
    const child = spawn(process.execPath, [...CLI, '-p', '0', '--workers', '2', '--ca-file', '/nonexistent/ca.pem'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const exit = await new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      assert.deepEqual(exit, { code: 1, signal: null }, out);
      assert.match(out, /\/nonexistent\/ca\.pem/);
      assert.match(out, /worker \d \(pid \d+\) exited with exit code 1 before the server was serving: stopping/);
      const pids = [...out.matchAll(/"(?:workerP|p)id":(\d+)/g)].map((m) => Number(m[1]));
      assert.ok(pids.length > 0);
      for (const pid of new Set(pids)) assert.equal(alive(pid), false, `process ${pid} is gone`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('--workers 2 serves on one port: both workers answer, /metrics covers the set with a worker label', { timeout: 180_000 }, async () => {
    const cluster = await startCluster(['--workers', '2']);
    try {
      assert.equal(cluster.workers, 2);
      const pids = await cluster.pids();
      assert.deepEqual([...pids.keys()].sort(), ['1', '2']);
      assert.equal(new Set(pids.values()).size, 2);
      for (const pid of pids.values()) {
        assert.notEqual(pid, cluster.child.pid);
        assert.ok(alive(pid));
        // The worker listens on a Unix socket whose folder the primary removed once it served: nothing left in /tmp.
        const socket = /(?:^|\0)MISP_MODULES_CLUSTER_SOCKET=([^\0]+)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'))?.[1];
        assert.ok(socket, 'the worker was given its socket');
        assert.equal(existsSync(dirname(socket)), false, `${dirname(socket)} is gone`);
      }
      // Each query on a new connection: the primary hands connections to the workers in turn.
      const by = new Map<string, number>();
      for (let i = 0; i < 20; i++) {
        const res = await request(`${cluster.url}/query`, { method: 'POST', body: eqlQuery(ipFor(i)), reset: true });
        const body = (await res.body.json()) as { results?: Array<{ values: string }> };
        assert.equal(res.statusCode, 200);
        assert.match(body.results?.[0]?.values ?? '', new RegExp(ipFor(i).replace(/\./g, '\\.')));
        by.set(answeredBy(res.headers), (by.get(answeredBy(res.headers)) ?? 0) + 1);
      }
      assert.equal(by.size, 2, `answered by ${JSON.stringify([...by])}`);
      for (const count of by.values()) assert.ok(count >= 5, `each worker answered a fair share: ${JSON.stringify([...by])}`);

      const text = await (await request(`${cluster.url}/metrics`)).body.text();
      const samples = new Map<string, number>();
      for (const line of text.trimEnd().split('\n')) {
        if (line.startsWith('#')) continue;
        const m = /^([a-z_:][a-z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+]+)$/i.exec(line);
        assert.ok(m, `a valid sample line: ${line}`);
        samples.set(m[1]!, Number(m[2]));
      }
      // One HELP and one TYPE per metric, whatever the number of workers.
      const helps = [...text.matchAll(/^# HELP (\S+)/gm)].map((m) => m[1]);
      assert.equal(new Set(helps).size, helps.length, 'no metric is described twice');
      assert.equal(helps.length, [...text.matchAll(/^# TYPE /gm)].length);
      const eqlOk = [1, 2].map((w) => samples.get(`misp_modules_queries_total{worker="${w}",module="eql",outcome="ok"}`) ?? 0);
      assert.equal(eqlOk[0]! + eqlOk[1]!, 20);
      assert.deepEqual(eqlOk.sort(), [...by.values()].sort());
      assert.equal(samples.get('misp_modules_workers'), 2);
      assert.equal(samples.get('misp_modules_workers_wanted'), 2);
      assert.equal(samples.get('misp_modules_worker_up{worker="1"}'), 1);
      assert.equal(samples.get('misp_modules_worker_up{worker="2"}'), 1);
      assert.equal(samples.get('misp_modules_worker_restarts_total{worker="1"}'), 0);
      assert.ok(samples.get('process_resident_memory_bytes{worker="primary"}')! > 0);
      assert.ok(samples.get('process_resident_memory_bytes{worker="2"}')! > 0);
      // The process label goes first; the metric's own labels stay as they were.
      assert.match(text, /^misp_modules_query_duration_seconds_bucket\{worker="1",module="eql",le="\+Inf"\} \d+$/m);

      const exited = cluster.exited;
      cluster.child.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null }, cluster.notes());
      for (const pid of pids.values()) assert.equal(alive(pid), false);
    } finally {
      cluster.kill();
    }
  });

  test('a worker killed under a steady stream of queries is replaced; no query is lost', { timeout: 180_000 }, async (t) => {
    const cluster = await startCluster(['--workers', '2']);
    const connections = 8;
    const agent = new Agent({ connections, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
    const stats = { answered: 0, resent: 0, failures: [] as string[], by: new Set<string>() };
    let sent = 0;
    /** One lookup: sent again (at most 3 times) only when its connection closed before any answer came. */
    const lookup = async (dispatcher: Dispatcher, resend: boolean) => {
      const ip = ipFor(sent++);
      for (let attempt = 0; ; attempt++) {
        let res;
        try {
          res = await request(`${cluster.url}/query`, { method: 'POST', body: eqlQuery(ip), dispatcher });
        } catch (error) {
          if (resend && closedBeforeAnswer(error) && attempt < 3) {
            stats.resent++;
            continue;
          }
          stats.failures.push(`${ip}: ${(error as Error).message}`);
          return;
        }
        const text = await res.body.text();
        if (res.statusCode !== 200 || !text.includes(ip) || text.includes('"error"')) stats.failures.push(`${ip}: ${res.statusCode} ${text}`);
        else stats.answered++;
        stats.by.add(answeredBy(res.headers));
        return;
      }
    };
    let streaming = true;
    const loops = Array.from({ length: connections }, async () => {
      while (streaming) await lookup(agent, true);
    });
    try {
      await sleep(1000);
      assert.equal(stats.by.size, 2, 'both workers answer the stream');
      const before = await cluster.pids();
      const victim = before.get('1')!;
      const mark = cluster.output().length;
      process.kill(victim, 'SIGKILL');
      await cluster.waitForOutput(new RegExp(`worker 1 \\(pid ${victim}\\) exited with signal SIGKILL; starting a new one"`), 30_000, mark);
      const serving = await cluster.waitForOutput(/worker 1 \(pid (\d+)\) is serving/, 60_000, mark);
      const replacement = Number(serving[1]);
      assert.notEqual(replacement, victim);
      const answeredBeforeReplacement = stats.answered;
      await sleep(1000);
      streaming = false;
      await Promise.all(loops);
      t.diagnostic(`stream: ${stats.answered} queries answered, ${stats.resent} sent again after their connection closed before an answer`);
      assert.deepEqual(stats.failures, [], `lost queries (answered ${stats.answered}, resent ${stats.resent})`);
      assert.ok(stats.answered > answeredBeforeReplacement, 'the stream went on');
      // Only requests on the victim's connections can have been caught by the kill.
      assert.ok(stats.resent <= connections, `resent ${stats.resent}`);
      // The stream's keep-alive connections all went to worker 2 when 1 died; new connections reach the replacement.
      const fresh = new Set<string>();
      for (let i = 0; i < 10; i++) {
        const res = await request(`${cluster.url}/healthcheck`, { reset: true });
        await res.body.text();
        fresh.add(answeredBy(res.headers));
      }
      assert.equal(fresh.size, 2, 'the replacement answers new connections');
      assert.equal([...fresh].filter((p) => !stats.by.has(p)).length, 1, 'one of them is the replacement');
      const after = await cluster.pids();
      assert.equal(after.get('1'), replacement);
      assert.equal(after.get('2'), before.get('2'));
      assert.equal(alive(victim), false);
      const metrics = await (await request(`${cluster.url}/metrics`)).body.text();
      assert.match(metrics, /^misp_modules_worker_restarts_total\{worker="1"\} 1$/m);
      assert.match(metrics, /^misp_modules_worker_restarts_total\{worker="2"\} 0$/m);

      // Killed while idle: its keep-alive connections are closed, new ones go to the live worker,
      // and not one query needs sending again.
      const idleAgent = new Agent({ connections: 4, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
      try {
        await Promise.all(Array.from({ length: 8 }, () => lookup(idleAgent, false)));
        const victim2 = after.get('2')!;
        const mark2 = cluster.output().length;
        process.kill(victim2, 'SIGKILL');
        await cluster.waitForOutput(new RegExp(`worker 2 \\(pid ${victim2}\\) exited with signal SIGKILL`), 30_000, mark2);
        await sleep(100);
        const answered = stats.answered;
        const resent = stats.resent;
        await Promise.all(Array.from({ length: 40 }, () => lookup(idleAgent, false)));
        assert.deepEqual(stats.failures, []);
        assert.equal(stats.answered, answered + 40);
        assert.equal(stats.resent, resent);
        await cluster.waitForOutput(/worker 2 \(pid \d+\) is serving/, 60_000, mark2);
      } finally {
        await idleAgent.close();
      }

      const exited = cluster.exited;
      cluster.child.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null }, cluster.notes());
    } finally {
      streaming = false;
      await Promise.allSettled(loops);
      await agent.destroy();
      cluster.kill();
    }
  });

  test('new connections during a kill: none left hanging, none lost; with every worker dead they wait for the replacements', { timeout: 180_000 }, async (t) => {
    const cluster = await startCluster(['--workers', '2']);
    const outcomes = { answered: 0, resent: 0, failures: [] as string[] };
    let sent = 0;
    /** A lookup on a connection of its own; sent again only when the connection closed before any answer. */
    const lookupOnNewConnection = async () => {
      const ip = ipFor(sent++);
      for (let attempt = 0; ; attempt++) {
        try {
          // A connection handed to a dying worker and never closed would hang here.
          const res = await request(`${cluster.url}/query`, { method: 'POST', body: eqlQuery(ip), reset: true, headersTimeout: 20_000, bodyTimeout: 20_000 });
          const text = await res.body.text();
          if (res.statusCode === 200 && text.includes(ip)) outcomes.answered++;
          else outcomes.failures.push(`${ip}: ${res.statusCode} ${text}`);
          return;
        } catch (error) {
          if (closedBeforeAnswer(error) && attempt < 3) {
            outcomes.resent++;
            continue;
          }
          outcomes.failures.push(`${ip}: ${(error as { code?: string }).code ?? ''} ${(error as Error).message}`);
          return;
        }
      }
    };
    let streaming = true;
    const loops = Array.from({ length: 16 }, async () => {
      while (streaming) await lookupOnNewConnection();
    });
    try {
      await sleep(1000);
      const pids = await cluster.pids();
      const mark = cluster.output().length;
      process.kill(pids.get('1')!, 'SIGKILL');
      await cluster.waitForOutput(/worker 1 \(pid \d+\) is serving/, 60_000, mark);
      await sleep(500);
      streaming = false;
      await Promise.all(loops);
      t.diagnostic(`one worker killed: ${outcomes.answered} answered, ${outcomes.resent} sent again`);
      assert.deepEqual(outcomes.failures, []);
      assert.ok(outcomes.resent <= 16, `resent ${outcomes.resent}`);

      // Both killed at once: the port stays open, queries wait for the replacements instead of failing.
      const both = await cluster.pids();
      const mark2 = cluster.output().length;
      for (const pid of both.values()) process.kill(pid, 'SIGKILL');
      await cluster.waitForOutput(/worker \d \(pid \d+\) exited with signal SIGKILL[^\n]*\n[^\n]*worker \d \(pid \d+\) exited with signal SIGKILL/, 30_000, mark2);
      const answered = outcomes.answered;
      const resent = outcomes.resent;
      await Promise.all(Array.from({ length: 10 }, lookupOnNewConnection));
      assert.deepEqual(outcomes.failures, []);
      assert.equal(outcomes.answered, answered + 10);
      assert.equal(outcomes.resent, resent, 'sent while no worker was alive: none was refused');
      const after = await cluster.pids();
      for (const slot of ['1', '2']) assert.notEqual(after.get(slot), both.get(slot));

      const exited = cluster.exited;
      cluster.child.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null }, cluster.notes());
    } finally {
      streaming = false;
      await Promise.allSettled(loops);
      cluster.kill();
    }
  });

  test('a worker that crashes is replaced at once, then after growing delays while replacements keep crashing', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'misp-crash-'));
    await mkdir(join(dir, 'expansion'));
    await writeFile(
      join(dir, 'expansion', 'crash.mjs'),
      `export default { name: 'crash', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'exits the process', name: 'crash' },
        attributes: { input: ['text'] }, async handle() { process.exit(7); } };`,
    );
    // Not isolated: process.exit in the module ends the worker process itself.
    const cluster = await startCluster(['--workers', '2', '-c', dir, '--isolate', 'none']);
    try {
      const delays: number[] = [];
      for (let crash = 1; crash <= 6 && !delays.some((d) => d > 0); crash++) {
        const mark = cluster.output().length;
        const answer = await request(`${cluster.url}/query`, { method: 'POST', body: JSON.stringify({ module: 'crash', text: 'x' }), reset: true }).then(
          (res) => `HTTP ${res.statusCode}`,
          (error: Error) => (error as { code?: string }).code ?? error.message,
        );
        assert.match(answer, /UND_ERR_SOCKET|ECONNRESET/, 'the crashing query got no answer');
        const line = await cluster.waitForOutput(/"restartInMs":(\d+),"msg":"worker (\d) \(pid (\d+)\) exited with exit code 7; starting a new one( in \d+ ms)?"/, 30_000, mark);
        delays.push(Number(line[1]));
        // The other worker answers while this one is replaced.
        const health = await request(`${cluster.url}/healthcheck`, { reset: true });
        assert.equal(health.statusCode, 200);
        await health.body.text();
        await cluster.waitForOutput(new RegExp(`worker ${line[2]} \\(pid \\d+\\) is serving`), 60_000, mark);
      }
      assert.equal(delays[0], 0, 'the first crash of a slot is replaced at once');
      assert.ok(delays.includes(500), `a slot that crashes again soon waits 500 ms: ${JSON.stringify(delays)}`);
      const metrics = await (await request(`${cluster.url}/metrics`)).body.text();
      const restarts = [...metrics.matchAll(/^misp_modules_worker_restarts_total\{worker="\d"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      assert.equal(restarts, delays.length);
      const exited = cluster.exited;
      cluster.child.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null }, cluster.notes());
    } finally {
      cluster.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('SIGTERM to every process at once (as systemd does): queries in flight on both workers finish, exit 0', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'misp-slow-'));
    await mkdir(join(dir, 'expansion'));
    await writeFile(
      join(dir, 'expansion', 'slow.mjs'),
      `export default { name: 'slow', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'slow', name: 'slow' },
        attributes: { input: ['text'] }, async handle(q) { await new Promise((r) => setTimeout(r, 1500)); return { results: [{ types: ['text'], values: ['done ' + q.text] }] }; } };`,
    );
    const cluster = await startCluster(['--workers', '2', '-c', dir, '--shutdown-grace', '8000']);
    const agent = new Agent({ connections: 40 });
    try {
      const pids = [...(await cluster.pids()).values()];
      const pending = Array.from({ length: 40 }, (_, i) =>
        request(`${cluster.url}/query`, { method: 'POST', body: JSON.stringify({ module: 'slow', text: `q${i}` }), dispatcher: agent }).then(async (res) => ({
          status: res.statusCode,
          by: answeredBy(res.headers),
          body: await res.body.json(),
        })),
      );
      await sleep(700);
      const exited = cluster.exited;
      cluster.child.kill('SIGTERM');
      for (const pid of pids) process.kill(pid, 'SIGTERM');
      const answers = await Promise.all(pending);
      answers.forEach((answer, i) => {
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, { results: [{ types: ['text'], values: [`done q${i}`] }] });
      });
      assert.equal(new Set(answers.map((a) => a.by)).size, 2, 'both workers had queries in flight');
      assert.deepEqual(await exited, { code: 0, signal: null }, cluster.notes());
      for (const pid of pids) assert.equal(alive(pid), false);
      assert.match(cluster.output(), /SIGTERM: stopping 2 worker\(s\); each finishes its running queries/);
      assert.match(cluster.output(), /every worker has stopped/);
      // A new connection is refused: nothing listens any more.
      await assert.rejects(request(`${cluster.url}/healthcheck`), /ECONNREFUSED/);
    } finally {
      await agent.destroy();
      cluster.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('SIGTERM to one worker recycles it: its queries in flight finish, new connections go to the other, a fresh one takes its slot', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'misp-slow-'));
    await mkdir(join(dir, 'expansion'));
    await writeFile(
      join(dir, 'expansion', 'slow.mjs'),
      `export default { name: 'slow', kind: 'expansion', moduleType: ['expansion'], meta: { version: '1', author: 'a', description: 'slow', name: 'slow' },
        attributes: { input: ['text'] }, async handle(q) { await new Promise((r) => setTimeout(r, 1500)); return { results: [{ types: ['text'], values: ['done ' + q.text] }] }; } };`,
    );
    const cluster = await startCluster(['--workers', '2', '-c', dir]);
    try {
      const before = await cluster.pids();
      const slow = Array.from({ length: 10 }, (_, i) =>
        request(`${cluster.url}/query`, { method: 'POST', body: JSON.stringify({ module: 'slow', text: `q${i}` }), reset: true }).then(async (res) => ({
          status: res.statusCode,
          by: answeredBy(res.headers),
          body: await res.body.json(),
        })),
      );
      await sleep(500);
      const mark = cluster.output().length;
      process.kill(before.get('1')!, 'SIGTERM');
      // While worker 1 drains, new connections are answered (by worker 2).
      for (let i = 0; i < 10; i++) {
        const res = await request(`${cluster.url}/query`, { method: 'POST', body: eqlQuery(ipFor(i)), reset: true });
        assert.equal(res.statusCode, 200);
        assert.match(await res.body.text(), new RegExp(ipFor(i).replace(/\./g, '\\.')));
      }
      const answers = await Promise.all(slow);
      answers.forEach((answer, i) => assert.deepEqual([answer.status, answer.body], [200, { results: [{ types: ['text'], values: [`done q${i}`] }] }]));
      assert.equal(new Set(answers.map((a) => a.by)).size, 2, 'both workers had slow queries in flight');
      await cluster.waitForOutput(new RegExp(`worker 1 \\(pid ${before.get('1')}\\) exited with exit code 0; starting a new one"`), 30_000, mark);
      await cluster.waitForOutput(/worker 1 \(pid \d+\) is serving/, 60_000, mark);
      const after = await cluster.pids();
      assert.notEqual(after.get('1'), before.get('1'));
      assert.equal(after.get('2'), before.get('2'));
      const exited = cluster.exited;
      cluster.child.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null }, cluster.notes());
    } finally {
      cluster.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('--workers auto runs one worker per core this process may use; -l localhost binds each loopback address', { timeout: 180_000 }, async () => {
    // Pinned to two CPUs (or one) with taskset, so the test does not fork a worker per core of a large CI machine.
    const allowed = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
    const cpus = allowed.split(',').flatMap((range) => {
      const [from, to] = range.split('-').map(Number);
      return Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i);
    });
    const pinned = cpus.slice(0, 2);
    assert.ok(availableParallelism() >= pinned.length);
    if (pinned.length < 2) {
      // One CPU: auto means one process, no primary.
      const r = spawnSync('taskset', ['-c', pinned.join(','), process.execPath, ...CLI, '-t', '-p', '0', '--workers', 'auto'], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /worker processes/);
      return;
    }
    const cluster = await startCluster(['--workers', 'auto', '-l', 'localhost'], { prefix: ['taskset', '-c', pinned.join(',')] });
    try {
      assert.equal(cluster.workers, 2);
      assert.equal((await cluster.pids()).size, 2);
      // Every address localhost names that this machine can bind (IPv6 may be off) answers on the same port.
      const port = Number(new URL(cluster.url).port);
      const addresses = [...new Set((await lookup('localhost', { all: true })).map((a) => a.address))];
      let answered = 0;
      for (const address of addresses) {
        const probe = createServer();
        const bindable = await new Promise<boolean>((resolve) => {
          probe.once('error', () => resolve(false));
          probe.listen(0, address, () => resolve(true));
        });
        probe.close();
        if (!bindable) continue;
        const res = await request(`http://${address.includes(':') ? `[${address}]` : address}:${port}/healthcheck`);
        assert.equal(res.statusCode, 200, address);
        await res.body.text();
        answered++;
      }
      assert.ok(answered >= 1);
      const exited = cluster.exited;
      cluster.child.kill('SIGINT');
      assert.deepEqual(await exited, { code: 0, signal: null }, cluster.notes());
    } finally {
      cluster.kill();
    }
  });
});
