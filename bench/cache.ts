/**
 * Cached hover lookups per second (issue 20): the `cve` hover against a
 * loopback Vulnerability-Lookup that answers after UPSTREAM_DELAY_MS (a
 * quick vendor), 50 connections cycling through 500 distinct CVE ids, as an
 * analyst's page of hovers and a workflow re-enriching the same event send
 * them. Four servers (the built dist/), measured in one run so the ratios
 * hold on a noisy machine:
 *
 * - uncached: no `--cache-ttl`, every lookup goes to the upstream;
 * - local LRU: `--cache-ttl 300`;
 * - Redis only: `--cache-ttl 300 --cache-size 0 --redis URL`: every hit is a
 *   Redis round trip (what an instance reads from another's lookups);
 * - Redis + LRU: `--cache-ttl 300 --redis URL` (the usual setup).
 *
 * The four servers run side by side; each is filled first (every id looked
 * up once), then measured in turn, BENCH_ROUNDS times (default 3) in a
 * rotating order, and the median of its rounds is reported: with other
 * processes on the machine, one round alone can be off by half.
 *
 *   npm run build && npm run bench:cache      # also part of npm run bench
 *   BENCH_ROUNDS=5 BENCH_DURATION=5 npm run bench:cache
 */
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { burst } from './burst.js';
import type { LoadFigures } from './load.js';
import { freePort, startProcess } from './processes.js';
import { startRedisServer } from '../test/support/redis-server.js';

const DURATION = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = 50;
const IDS = 500;
const UPSTREAM_DELAY_MS = Number(process.env['UPSTREAM_DELAY_MS'] ?? 50);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

export interface CacheRow {
  scenario: string;
  /** The round with the median req/s. */
  figures: LoadFigures;
  /** req/s of every round. */
  rounds: number[];
  /** Median CPU the server process spent per answered request, in µs (steadier than req/s on a busy machine). */
  serverCpuUs: number;
  /** Median CPU redis-server spent per answered request, in µs (0 when the scenario does not use it). */
  redisCpuUs: number;
  /** Upstream requests during the measurements. */
  upstreamRequests: number;
  /** The server's cache counters at the end (/metrics): hits here and from Redis, misses, Redis failures. */
  counters: Record<string, number>;
}

export interface CacheFigures {
  upstreamDelayMs: number;
  durationSeconds: number;
  rows: CacheRow[];
  ratios: { localVsUncached: number; redisOnlyVsUncached: number; redisOnlyVsLocal: number; redisLruVsLocal: number };
  /** The same ratios from CPU per request (uncached or local cost / the other's), which machine noise moves less. */
  cpuRatios: { localVsUncached: number; redisOnlyVsUncached: number; redisOnlyVsLocal: number; redisLruVsLocal: number };
}

const hover = (i: number) =>
  JSON.stringify({ module: 'cve', attribute: { type: 'vulnerability', value: `CVE-2025-${String(i % IDS).padStart(5, '0')}`, uuid: '5f1c0a2e-0000-4000-8000-000000000001' } });

/** autocannon with a different body each request (the ids in turn). */
async function cycle(url: string, durationSeconds: number): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: `${url}/query`,
    connections: CONNECTIONS,
    duration: durationSeconds,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: hover(next++) }) }],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** CPU seconds a process has used (Linux: utime + stime from /proc/PID/stat, in clock ticks of 1/100 s). */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

/** The server is connected to Redis (it connects in the background after it starts). */
async function redisConnected(url: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (/^misp_modules_redis_up 1$/m.test(await (await fetch(`${url}/metrics`)).text())) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not connect to Redis`);
}

/** The cache samples of /metrics, by name. */
async function cacheCounters(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const samples = text.split('\n').filter((l) => /^misp_modules_(cache_hits|cache_misses|redis_failures)/.test(l));
  return Object.fromEntries(samples.map((l) => [l.slice(0, l.lastIndexOf(' ')).replace('misp_modules_', ''), Number(l.slice(l.lastIndexOf(' ') + 1))]));
}

async function answered(upstream: string): Promise<number> {
  return ((await (await fetch(`${upstream}/__stats`)).json()) as { answered: number }).answered;
}

async function startUpstream(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['bench/slow-upstream.mjs', '-p', String(port)], { stdio: 'ignore', env: { ...process.env, DELAY_MS: String(UPSTREAM_DELAY_MS) } });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      await answered(url);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { url, stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

export async function cachedHovers(): Promise<CacheFigures> {
  const upstream = await startUpstream(await freePort());
  const redis = await startRedisServer();
  const base = { MISP_MODULES_UPSTREAMS: `cve.circl.lu=${upstream.url}`, MISP_MODULES_LOG_LEVEL: 'warn' };
  const scenarios: Array<[string, Record<string, string>]> = [
    ['uncached (no --cache-ttl)', {}],
    ['local LRU (--cache-ttl 300)', { MISP_MODULES_CACHE_TTL: '300' }],
    ['Redis only (--cache-ttl 300 --cache-size 0 --redis)', { MISP_MODULES_CACHE_TTL: '300', MISP_MODULES_CACHE_SIZE: '0', MISP_MODULES_REDIS: redis.url }],
    ['Redis + local LRU (--cache-ttl 300 --redis)', { MISP_MODULES_CACHE_TTL: '300', MISP_MODULES_REDIS: redis.url }],
  ];
  const servers: Array<Awaited<ReturnType<typeof startProcess>>> = [];
  const measured = scenarios.map(() => ({ rounds: [] as LoadFigures[], serverCpuUs: [] as number[], redisCpuUs: [] as number[], upstreamRequests: 0, counters: {} as Record<string, number> }));
  try {
    for (const [scenario, env] of scenarios) {
      const server = await startProcess(['dist/cli.js'], { ...base, ...env });
      servers.push(server);
      if (env['MISP_MODULES_REDIS']) await redisConnected(server.url);
      // Fill the cache (and warm the JIT): every id once, then a short run.
      const filled = await burst(server.url, Array.from({ length: IDS }, (_, i) => hover(i)));
      if (filled.ok !== IDS) throw new Error(`${scenario}: filling answered ${JSON.stringify(filled.errors)}`);
      await cycle(server.url, 2);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < scenarios.length; k++) {
        const i = (k + round) % scenarios.length;
        // Lookups the previous measurement left in flight finish first: they are not this one's.
        await new Promise((r) => setTimeout(r, 500));
        const before = await answered(upstream.url);
        const serverPid = servers[i]!.child.pid!;
        const cpuBefore = [await cpuSeconds(serverPid), await cpuSeconds(redis.pid!)];
        const figures = await cycle(servers[i]!.url, DURATION);
        const perRequest = async (pid: number, was: number) => Math.round((((await cpuSeconds(pid)) - was) * 1e6) / Math.max(1, figures.requests));
        measured[i]!.serverCpuUs.push(await perRequest(serverPid, cpuBefore[0]!));
        measured[i]!.redisCpuUs.push(scenarios[i]![1]['MISP_MODULES_REDIS'] ? await perRequest(redis.pid!, cpuBefore[1]!) : 0);
        measured[i]!.rounds.push(figures);
        measured[i]!.upstreamRequests += (await answered(upstream.url)) - before;
      }
    }
    for (const [i, server] of servers.entries()) measured[i]!.counters = await cacheCounters(server.url);
  } finally {
    for (const server of servers) await server.stop();
    await redis.close();
    await upstream.stop();
  }
  const rows: CacheRow[] = scenarios.map(([scenario], i) => {
    const rounds = [...measured[i]!.rounds].sort((x, y) => x.requestsPerSecond - y.requestsPerSecond);
    return {
      scenario,
      figures: rounds[Math.floor(rounds.length / 2)]!,
      rounds: measured[i]!.rounds.map((r) => r.requestsPerSecond),
      serverCpuUs: median(measured[i]!.serverCpuUs),
      redisCpuUs: median(measured[i]!.redisCpuUs),
      upstreamRequests: measured[i]!.upstreamRequests,
      counters: measured[i]!.counters,
    };
  });
  const rps = (i: number) => rows[i]!.figures.requestsPerSecond;
  /** Server and Redis CPU per request. */
  const cpu = (i: number) => rows[i]!.serverCpuUs + rows[i]!.redisCpuUs;
  const ratio = (x: number, y: number) => Math.round((x / y) * 100) / 100;
  return {
    upstreamDelayMs: UPSTREAM_DELAY_MS,
    durationSeconds: DURATION,
    rows,
    ratios: { localVsUncached: ratio(rps(1), rps(0)), redisOnlyVsUncached: ratio(rps(2), rps(0)), redisOnlyVsLocal: ratio(rps(2), rps(1)), redisLruVsLocal: ratio(rps(3), rps(1)) },
    cpuRatios: { localVsUncached: ratio(cpu(0), cpu(1)), redisOnlyVsUncached: ratio(cpu(0), cpu(2)), redisOnlyVsLocal: ratio(cpu(1), cpu(2)), redisLruVsLocal: ratio(cpu(1), cpu(3)) },
  };
}

export function cacheLines(cache: CacheFigures): string[] {
  return [
    `| cached hover lookups (cve, 500 ids, upstream answers after ${cache.upstreamDelayMs} ms; median of ${cache.rows[0]!.rounds.length} rounds of ${cache.durationSeconds} s) | req/s | p50 / p99 ms | req/s of each round | server CPU µs/req | redis-server CPU µs/req | upstream requests | errors |`,
    '|---|---|---|---|---|---|---|---|',
    ...cache.rows.map(
      (r) =>
        `| ${r.scenario} | ${r.figures.requestsPerSecond} | ${r.figures.p50Ms} / ${r.figures.p99Ms} | ${r.rounds.join(', ')} | ${r.serverCpuUs} | ${r.redisCpuUs} | ${r.upstreamRequests} | ${r.figures.errors + r.figures.non2xx} |`,
    ),
    '',
    ...cache.rows.map((r) => `${r.scenario}: ${JSON.stringify(r.counters)}`),
    '',
    `req/s ratios: local LRU / uncached ${cache.ratios.localVsUncached}; Redis only / uncached ${cache.ratios.redisOnlyVsUncached}; Redis only / local LRU ${cache.ratios.redisOnlyVsLocal}; Redis + LRU / local LRU ${cache.ratios.redisLruVsLocal}`,
    `CPU ratios (server + Redis CPU per request, cheaper = higher): local LRU vs uncached ${cache.cpuRatios.localVsUncached}; Redis only vs uncached ${cache.cpuRatios.redisOnlyVsUncached}; Redis only vs local LRU ${cache.cpuRatios.redisOnlyVsLocal}; Redis + LRU vs local LRU ${cache.cpuRatios.redisLruVsLocal}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const figures = await cachedHovers();
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/cache.json', JSON.stringify(figures, null, 2) + '\n');
  process.stdout.write(cacheLines(figures).join('\n') + '\n');
}
