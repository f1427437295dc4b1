/**
 * npm run bench:clients: POST /query for a local module (eql) against the
 * bare server, measured with two load generators in turn, autocannon (bench/
 * load.ts, Node, one thread) and wrk (C, `-t2 -c50`), rounds interleaved so
 * that machine noise falls on both. Besides requests per second it reports
 * the CPU time each server process spent per answered request (from
 * /proc/PID/stat), which does not depend on how fast the client can send, and
 * the CPU the load generator itself used.
 *
 *   npm run build && npm run bench:clients
 *   BENCH_ROUNDS=5 BENCH_DURATION=5 npm run bench:clients
 *   BENCH_OTHER=/path/to/other/dist/cli.js npm run bench:clients   # also another build, in the same rounds
 *   BENCH_PIN=0 taskset -c 1 npm run bench:clients   # servers on CPU 0, the load generators on CPU 1
 *
 * Needs `wrk` on the PATH. Loopback only.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'undici';
import autocannon from 'autocannon';
import { startProcess, type Started } from './processes.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const DURATION = Number(process.env['BENCH_DURATION'] ?? 5);
const CONNECTIONS = 50;
const QUERY_BODY = JSON.stringify({ module: 'eql', 'ip-src': '203.0.113.7', event_id: '12', attribute_uuid: '5f1c0a2e-0000-4000-8000-000000000001' });
const TICKS_PER_SECOND = 100;
const PIN = process.env['BENCH_PIN'];

/** With BENCH_PIN, every server thread runs on that CPU (the load generators stay where this process runs). */
async function startServerProcess(args: string[], env: Record<string, string>): Promise<Started> {
  const started = await startProcess(args, env);
  if (PIN !== undefined) {
    const pinned = spawnSync('taskset', ['-a', '-p', '-c', PIN, String(started.child.pid)], { encoding: 'utf8' });
    if (pinned.status !== 0) throw new Error(`taskset failed: ${pinned.stderr}`);
  }
  return started;
}

interface Run {
  client: 'autocannon' | 'wrk';
  target: 'server' | 'bare' | 'other';
  requestsPerSecond: number;
  /** Server CPU (user + system) per answered request, in microseconds. */
  serverCpuUsPerRequest: number;
  /** CPU the load generator used, in cores (1 = one core busy all the time). */
  clientCores: number;
  /** CPU the load generator spent per answered request, in microseconds. */
  clientCpuUsPerRequest: number;
}

async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the command name).
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function withAutocannon(url: string): Promise<{ requests: number; clientCores: number }> {
  const before = process.cpuUsage();
  const result = await autocannon({ url: `${url}/query`, method: 'POST', connections: CONNECTIONS, duration: DURATION, body: QUERY_BODY, headers: { 'content-type': 'application/json' } });
  const used = process.cpuUsage(before);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { requests: result.requests.total, clientCores: (used.user + used.system) / 1e6 / DURATION };
}

async function withWrk(url: string, script: string): Promise<{ requests: number; clientCores: number }> {
  const child = spawn('wrk', [`-t${PIN === undefined ? 2 : 1}`, `-c${CONNECTIONS}`, `-d${DURATION}s`, '-s', script, `${url}/query`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const started = performance.now();
  let cpu = 0;
  const sampler = setInterval(() => {
    cpuSeconds(child.pid!).then((s) => (cpu = s), () => undefined);
  }, 200);
  await new Promise((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  if (/Non-2xx|Socket errors/.test(out)) throw new Error(`wrk reported errors:\n${out}`);
  return { requests, clientCores: cpu / ((performance.now() - started) / 1000) };
}

async function measure(client: Run['client'], target: Run['target'], process: Started, wrkScript: string): Promise<Run> {
  const cpuBefore = await cpuSeconds(process.child.pid!);
  const started = performance.now();
  const { requests, clientCores } = client === 'wrk' ? await withWrk(process.url, wrkScript) : await withAutocannon(process.url);
  const seconds = (performance.now() - started) / 1000;
  const cpu = (await cpuSeconds(process.child.pid!)) - cpuBefore;
  return {
    client,
    target,
    requestsPerSecond: Math.round(requests / seconds),
    serverCpuUsPerRequest: Math.round((cpu / requests) * 1e6),
    clientCores: Math.round(clientCores * 100) / 100,
    clientCpuUsPerRequest: Math.round(((clientCores * seconds) / requests) * 1e6),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  await mkdir('bench/results', { recursive: true });
  const wrkScript = 'bench/results/wrk-query.lua';
  await writeFile(wrkScript, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(QUERY_BODY)}\nwrk.headers["Content-Type"] = "application/json"\n`);
  const server = await startServerProcess(['dist/cli.js'], { MISP_MODULES_LOG_LEVEL: 'info' });
  await writeFile('bench/results/modules.json', await (await request(`${server.url}/modules`)).body.text());
  await writeFile('bench/results/query.json', await (await request(`${server.url}/query`, { method: 'POST', body: QUERY_BODY })).body.text());
  const bare = await startServerProcess(['bench/bare-server.mjs'], { BARE_MODULES_FILE: 'bench/results/modules.json', BARE_QUERY_FILE: 'bench/results/query.json' });
  const otherPath = process.env['BENCH_OTHER'];
  const other = otherPath ? await startServerProcess([otherPath], { MISP_MODULES_LOG_LEVEL: 'info' }) : undefined;
  const targets = [['server', server], ['bare', bare], ...(other ? [['other', other] as const] : [])] as const;
  const runs: Run[] = [];
  try {
    // Warm-up (JIT, connections), not recorded.
    for (const [name, target] of targets) await measure('wrk', name, target, wrkScript);
    for (let round = 0; round < ROUNDS; round++) {
      for (const client of ['autocannon', 'wrk'] as const) {
        for (const [name, target] of targets) {
          const run = await measure(client, name, target, wrkScript);
          runs.push(run);
          process.stdout.write(`${JSON.stringify(run)}\n`);
        }
      }
    }
  } finally {
    await server.stop();
    await bare.stop();
    await other?.stop();
  }
  const lines = ['| client | server req/s | bare req/s | ratio | server CPU µs/req | bare CPU µs/req | CPU ratio (bare/server) | client CPU µs/req (server / bare) |', '|---|---|---|---|---|---|---|---|'];
  const summary: Record<string, unknown> = {};
  for (const client of ['autocannon', 'wrk'] as const) {
    const pick = (target: Run['target'], key: keyof Run) => median(runs.filter((r) => r.client === client && r.target === target).map((r) => r[key] as number));
    const row = {
      serverRps: pick('server', 'requestsPerSecond'),
      bareRps: pick('bare', 'requestsPerSecond'),
      serverCpu: pick('server', 'serverCpuUsPerRequest'),
      bareCpu: pick('bare', 'serverCpuUsPerRequest'),
      serverClient: pick('server', 'clientCpuUsPerRequest'),
      bareClient: pick('bare', 'clientCpuUsPerRequest'),
    };
    // Ratios per round, then their median: rounds share their noise.
    const ratios = [];
    for (let round = 0; round < ROUNDS; round++) {
      const of = (target: Run['target']) => runs.filter((r) => r.client === client && r.target === target)[round]!;
      ratios.push(of('server').requestsPerSecond / of('bare').requestsPerSecond);
    }
    summary[client] = { ...row, ratio: median(ratios), ratios };
    lines.push(
      `| ${client} | ${row.serverRps} | ${row.bareRps} | ${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(', ')}) | ${row.serverCpu} | ${row.bareCpu} | ${(row.bareCpu / row.serverCpu).toFixed(2)} | ${row.serverClient} / ${row.bareClient} |`,
    );
  }
  if (other) {
    lines.push('', '| client | this build req/s | other build req/s | ratio | this build CPU µs/req | other build CPU µs/req |', '|---|---|---|---|---|---|');
    for (const client of ['autocannon', 'wrk'] as const) {
      const pick = (target: Run['target'], key: keyof Run) => median(runs.filter((r) => r.client === client && r.target === target).map((r) => r[key] as number));
      const ratios = [];
      for (let round = 0; round < ROUNDS; round++) {
        const of = (target: Run['target']) => runs.filter((r) => r.client === client && r.target === target)[round]!;
        ratios.push(of('server').requestsPerSecond / of('other').requestsPerSecond);
      }
      lines.push(`| ${client} | ${pick('server', 'requestsPerSecond')} | ${pick('other', 'requestsPerSecond')} | ${median(ratios).toFixed(2)} | ${pick('server', 'serverCpuUsPerRequest')} | ${pick('other', 'serverCpuUsPerRequest')} |`);
    }
  }
  await writeFile('bench/results/clients.json', JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, durationSeconds: DURATION, runs, summary }, null, 2) + '\n');
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

await main();
