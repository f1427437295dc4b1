/**
 * POST /query throughput of the built server with `--workers 2` against one
 * process, in the same run: both servers are started once, then measured in
 * alternating rounds (autocannon, 50 connections, eql: no network), so
 * machine noise falls on both; once over keep-alive connections, once with a
 * new connection per query (each one then goes through the primary, which
 * hands it to a worker). Besides requests per second it reports the CPU the
 * whole set (primary and workers) spent per answered request, from
 * /proc/PID/stat.
 *
 *   npm run build && npm run bench:workers
 *   BENCH_ROUNDS=5 BENCH_DURATION=5 npm run bench:workers
 *
 * Also a part of `npm run bench`. Loopback only.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { request } from 'undici';
import { load, type LoadFigures } from './load.js';
import { startProcess, type Started } from './processes.js';

const CONNECTIONS = 50;
const QUERY_BODY = JSON.stringify({ module: 'eql', 'ip-src': '203.0.113.7', event_id: '12', attribute_uuid: '5f1c0a2e-0000-4000-8000-000000000001' });
const TICKS_PER_SECOND = 100;

/** How the client connects: MISP's libcurl may keep a connection per PHP process, or open one per query. */
export type ConnectionMode = 'keep-alive' | 'new connection per query';
const MODES: ConnectionMode[] = ['keep-alive', 'new connection per query'];

export interface WorkersRound {
  mode: ConnectionMode;
  single: LoadFigures;
  two: LoadFigures;
  /** CPU (user + system) the set spent per answered request, in microseconds. */
  singleCpuUs: number;
  twoCpuUs: number;
}

export interface WorkersScenario {
  mode: ConnectionMode;
  medianSingle: number;
  medianTwo: number;
  /** median(--workers 2) / median(one process), req/s. */
  ratio: number;
  roundRatios: number[];
  medianSingleCpuUs: number;
  medianTwoCpuUs: number;
  last: WorkersRound;
}

export interface WorkersFigures {
  rounds: WorkersRound[];
  scenarios: WorkersScenario[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (n: number) => Math.round(n * 100) / 100;

async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** The server's pids: the process itself, and with --workers its workers (from /metrics). */
async function pids(server: Started): Promise<number[]> {
  const text = await (await request(`${server.url}/metrics`)).body.text();
  return [server.child.pid!, ...[...text.matchAll(/^misp_modules_worker_info\{worker="\d+",pid="(\d+)"\} 1$/gm)].map((m) => Number(m[1]))];
}

/** /healthcheck answers as soon as one worker serves: wait for the whole set. */
async function waitForWorkers(server: Started, count: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const text = await (await request(`${server.url}/metrics`)).body.text();
    if (new RegExp(`^misp_modules_workers ${count}$`, 'm').test(text)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${server.url}: ${count} workers did not start`);
}

async function measure(server: Started, mode: ConnectionMode, durationSeconds: number): Promise<{ figures: LoadFigures; cpuUs: number }> {
  const processes = await pids(server);
  const before = await Promise.all(processes.map(cpuSeconds));
  const figures = await load({
    url: `${server.url}/query`,
    method: 'POST',
    body: QUERY_BODY,
    connections: CONNECTIONS,
    durationSeconds,
    // The server closes the connection after its answer; autocannon opens another.
    ...(mode === 'new connection per query' ? { headers: { connection: 'close' } } : {}),
  });
  const after = await Promise.all(processes.map(cpuSeconds));
  if (figures.errors + figures.non2xx > 0) throw new Error(`${server.url} (${mode}): ${figures.errors} errors, ${figures.non2xx} non-2xx answers`);
  const cpu = after.reduce((sum, s, i) => sum + s - before[i]!, 0);
  return { figures, cpuUs: Math.round((cpu / figures.requests) * 1e6 * 10) / 10 };
}

export async function workersThroughput(durationSeconds: number, rounds: number): Promise<WorkersFigures> {
  const env = { MISP_MODULES_LOG_LEVEL: 'info' };
  const single = await startProcess(['dist/cli.js'], env);
  const two = await startProcess(['dist/cli.js'], { ...env, MISP_MODULES_WORKERS: '2' });
  try {
    await waitForWorkers(two, 2);
    // Warm both up (JIT, both workers).
    await measure(single, 'keep-alive', 2);
    await measure(two, 'keep-alive', 2);
    const results: WorkersRound[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const mode of MODES) {
        // The order alternates, so neither always runs right after the other.
        const first = r % 2 === 0 ? single : two;
        const a = await measure(first, mode, durationSeconds);
        const b = await measure(first === single ? two : single, mode, durationSeconds);
        const [s, t] = first === single ? [a, b] : [b, a];
        results.push({ mode, single: s.figures, two: t.figures, singleCpuUs: s.cpuUs, twoCpuUs: t.cpuUs });
      }
    }
    const scenarios = MODES.map((mode): WorkersScenario => {
      const of = results.filter((r) => r.mode === mode);
      const medianSingle = median(of.map((r) => r.single.requestsPerSecond));
      const medianTwo = median(of.map((r) => r.two.requestsPerSecond));
      return {
        mode,
        medianSingle,
        medianTwo,
        ratio: round2(medianTwo / medianSingle),
        roundRatios: of.map((r) => round2(r.two.requestsPerSecond / r.single.requestsPerSecond)),
        medianSingleCpuUs: median(of.map((r) => r.singleCpuUs)),
        medianTwoCpuUs: median(of.map((r) => r.twoCpuUs)),
        last: of.at(-1)!,
      };
    });
    return { rounds: results, scenarios };
  } finally {
    await single.stop();
    await two.stop();
  }
}

export function workersLines(w: WorkersFigures): string[] {
  return [
    '| POST /query (eql), 50 connections | one process req/s | --workers 2 req/s | ratio (per round) | p99 ms one / two (last round) | CPU µs per request, one / two (whole set) |',
    '|---|---|---|---|---|---|',
    ...w.scenarios.map(
      (s) =>
        `| ${s.mode} | ${s.medianSingle} | ${s.medianTwo} | **${s.ratio}** (${s.roundRatios.join(', ')}) | ${s.last.single.p99Ms} / ${s.last.two.p99Ms} | ${s.medianSingleCpuUs} / ${s.medianTwoCpuUs} |`,
    ),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await workersThroughput(Number(process.env['BENCH_DURATION'] ?? 5), Number(process.env['BENCH_ROUNDS'] ?? 3));
  const { cpus, totalmem } = await import('node:os');
  const { readFileSync } = await import('node:fs');
  process.stdout.write(
    [
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      ...workersLines(figures),
    ].join('\n') + '\n',
  );
}
