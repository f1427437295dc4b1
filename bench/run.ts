/**
 * npm run bench: measures the real server (built dist/, every built-in
 * module) and a bare node:http server answering the same bytes, in one run,
 * and prints a table. Results also go to bench/results/latest.json.
 *
 *   npm run bench                 # full run (about six minutes)
 *   BENCH_DURATION=3 npm run bench  # quicker, noisier
 *   BENCH_ONLY=http npm run bench   # only /modules and /query against the bare server
 *   BENCH_SKIP=cpu,workers npm run bench   # without those parts
 *   BENCH_ONLY=cpu (or workers) npm run bench
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { request } from 'undici';
import { burst, directBurst, openFds, type BurstFigures } from './burst.js';
import { http2Burst, http2Lines } from './http2.js';
import { cacheLines, cachedHovers } from './cache.js';
import { load, type LoadFigures } from './load.js';
import { freePort, residentMiB, startProcess } from './processes.js';
import { workersLines, workersThroughput } from './workers.js';

const DURATION = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = 50;
const QUERY_BODY = JSON.stringify({ module: 'eql', 'ip-src': '203.0.113.7', event_id: '12', attribute_uuid: '5f1c0a2e-0000-4000-8000-000000000001' });

interface Row {
  scenario: string;
  server: LoadFigures;
  bare: LoadFigures;
  ratio: number;
}

/** What MISP's libcurl sends (CURLOPT_ACCEPT_ENCODING ''): it decodes compressed answers itself. */
const MISP_HEADERS = { 'accept-encoding': 'deflate, gzip, br, zstd' };

async function compare(scenario: string, serverUrl: string, bareUrl: string, path: string, body?: string): Promise<Row> {
  const options = { headers: MISP_HEADERS, ...(body ? { method: 'POST' as const, body } : {}) };
  // Warm both up (JIT, connection pools) before measuring.
  await load({ url: serverUrl + path, connections: CONNECTIONS, durationSeconds: 2, ...options });
  await load({ url: bareUrl + path, connections: CONNECTIONS, durationSeconds: 2, ...options });
  const server = await load({ url: serverUrl + path, connections: CONNECTIONS, durationSeconds: DURATION, ...options });
  const bare = await load({ url: bareUrl + path, connections: CONNECTIONS, durationSeconds: DURATION, ...options });
  return { scenario, server, bare, ratio: Math.round((server.requestsPerSecond / bare.requestsPerSecond) * 100) / 100 };
}

const cveQuery = (i: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ module: 'cve', attribute: { type: 'vulnerability', value: `CVE-2024-${String(i).padStart(5, '0')}`, uuid: '5f1c0a2e-0000-4000-8000-000000000001' }, ...extra });

interface SlowFigures {
  /** 1,000 GETs from the same client straight to the upstream: the floor for burst1000. */
  direct1000: BurstFigures;
  burst1000: BurstFigures;
  burst5000: BurstFigures;
  timeouts: { burst: BurstFigures; serverFdsIdle: number; serverFdsAfter: number; upstreamOpenAfter: number };
}

async function stats(url: string): Promise<{ open: number; answered: number }> {
  return (await (await request(`${url}/__stats`)).body.json()) as { open: number; answered: number };
}

/** Bursts of concurrent lookups to an upstream that answers after 1 s, then 1,000 that time out. */
async function slowUpstream(): Promise<SlowFigures> {
  const upstreamPort = await freePort();
  const upstream = await startUpstream(upstreamPort, 1000);
  const server = await startProcess(['dist/cli.js'], { MISP_MODULES_UPSTREAMS: `cve.circl.lu=http://127.0.0.1:${upstreamPort}`, MISP_MODULES_LOG_LEVEL: 'warn' });
  try {
    await burst(server.url, Array.from({ length: 50 }, (_, i) => cveQuery(90_000 + i))); // warm-up
    const direct1000 = await directBurst(Array.from({ length: 1000 }, (_, i) => `${upstream.url}/api/vulnerability/CVE-2023-${String(i).padStart(5, '0')}`));
    const burst1000 = await burst(server.url, Array.from({ length: 1000 }, (_, i) => cveQuery(i)));
    const burst5000 = await burst(server.url, Array.from({ length: 5000 }, (_, i) => cveQuery(10_000 + i)));
    // Let keep-alive connections from the bursts expire, then count the idle state.
    await new Promise((r) => setTimeout(r, 6000));
    const serverFdsIdle = await openFds(server.child.pid!);
    const timeoutBurst = await burst(server.url, Array.from({ length: 1000 }, (_, i) => cveQuery(50_000 + i, { timeout: 0.3 })));
    // Pooled keep-alive connections to the upstream close after 4 s of idleness.
    await new Promise((r) => setTimeout(r, 6000));
    const serverFdsAfter = await openFds(server.child.pid!);
    const upstreamOpenAfter = (await stats(upstream.url)).open;
    return { direct1000, burst1000, burst5000, timeouts: { burst: timeoutBurst, serverFdsIdle, serverFdsAfter, upstreamOpenAfter } };
  } finally {
    await server.stop();
    await upstream.stop();
  }
}

async function startUpstream(port: number, delayMs: number) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['bench/slow-upstream.mjs', '-p', String(port)], { stdio: 'ignore', env: { ...process.env, DELAY_MS: String(delayMs) } });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      await stats(url);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { url, stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

interface CpuFigures {
  jobs: Record<string, number>;
  jobErrors: Record<string, number>;
  health: LoadFigures;
  healthIdle: LoadFigures;
}

/**
 * /healthcheck latency while four CPU-heavy jobs run at all times (two PDF
 * exports of very_long_event.json, two OCRs of an image), against its latency
 * on an idle server.
 */
async function cpuHeavy(): Promise<CpuFigures> {
  const { readFile } = await import('node:fs/promises');
  const event = JSON.parse(await readFile(new URL('../../shared/samples/misp-events/very_long_event.json', import.meta.url), 'utf8'));
  const image = (await readFile(new URL('../../shared/samples/test_files/misp-logo.png', import.meta.url))).toString('base64');
  const bodies: Record<string, string> = {
    pdfexport: JSON.stringify({ module: 'pdfexport', data: [event] }),
    ocr_enrich: JSON.stringify({ module: 'ocr_enrich', attachment: 'misp-logo.png', data: image }),
  };
  const server = await startProcess(['dist/cli.js'], { MISP_MODULES_LOG_LEVEL: 'warn' });
  const jobs: Record<string, number> = {};
  const jobErrors: Record<string, number> = {};
  let running = true;
  const worker = async (name: string) => {
    while (running) {
      const res = await request(`${server.url}/query`, { method: 'POST', body: bodies[name]!, headersTimeout: 300_000, bodyTimeout: 300_000 });
      const answer = (await res.body.json()) as { error?: string };
      if (answer.error) jobErrors[`${name}: ${answer.error}`] = (jobErrors[`${name}: ${answer.error}`] ?? 0) + 1;
      else jobs[name] = (jobs[name] ?? 0) + 1;
    }
  };
  try {
    const healthIdle = await load({ url: `${server.url}/healthcheck`, connections: 10, durationSeconds: DURATION });
    const loops = [worker('pdfexport'), worker('pdfexport'), worker('ocr_enrich'), worker('ocr_enrich')];
    await new Promise((r) => setTimeout(r, 3000)); // let the jobs start (workers spin up, libraries load)
    const health = await load({ url: `${server.url}/healthcheck`, connections: 10, durationSeconds: DURATION });
    running = false;
    await Promise.all(loops);
    return { jobs, jobErrors, health, healthIdle };
  } finally {
    await server.stop();
  }
}

function cpuLines(cpu: CpuFigures): string[] {
  return [
    `/healthcheck at 10 connections, idle server: p50 ${cpu.healthIdle.p50Ms} ms, p99 ${cpu.healthIdle.p99Ms} ms, ${cpu.healthIdle.requestsPerSecond} req/s`,
    `/healthcheck while 2 pdfexport (very_long_event.json) + 2 ocr_enrich run: p50 ${cpu.health.p50Ms} ms, p99 ${cpu.health.p99Ms} ms, ${cpu.health.requestsPerSecond} req/s; jobs done ${JSON.stringify(cpu.jobs)}, job errors ${JSON.stringify(cpu.jobErrors)}`,
  ];
}

async function main(): Promise<void> {
  // BENCH_ONLY=cpu runs the CPU-heavy scenario alone.
  if (process.env['BENCH_ONLY'] === 'cpu') {
    const cpu = await cpuHeavy();
    await mkdir('bench/results', { recursive: true });
    await writeFile('bench/results/cpu.json', JSON.stringify(cpu, null, 2) + '\n');
    process.stdout.write(cpuLines(cpu).join('\n') + '\n');
    return;
  }
  // BENCH_SKIP=cpu,cache,workers leaves those parts out.
  // --workers 2 against one process: rounds of half the duration (at least 3 s) for each connection mode.
  const workersRun = () => workersThroughput(Math.max(3, Math.round(DURATION / 2)), 3);
  if (process.env['BENCH_ONLY'] === 'workers') {
    const workers = await workersRun();
    await mkdir('bench/results', { recursive: true });
    await writeFile('bench/results/workers.json', JSON.stringify(workers, null, 2) + '\n');
    process.stdout.write(workersLines(workers).join('\n') + '\n');
    return;
  }
  const skipped = (process.env['BENCH_SKIP'] ?? '').split(',');
  const skipCpu = skipped.includes('cpu');
  const server = await startProcess(['dist/cli.js'], { MISP_MODULES_LOG_LEVEL: 'info' });
  const startMs = Math.round(server.startMs);
  const rssAfterStart = await residentMiB(server.child.pid!);
  const modulesBody = await (await request(`${server.url}/modules`)).body.text();
  const queryBody = await (await request(`${server.url}/query`, { method: 'POST', body: QUERY_BODY })).body.text();
  const moduleCount = (JSON.parse(modulesBody) as unknown[]).length;

  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/modules.json', modulesBody);
  await writeFile('bench/results/query.json', queryBody);
  const bare = await startProcess(['bench/bare-server.mjs'], { BARE_MODULES_FILE: 'bench/results/modules.json', BARE_QUERY_FILE: 'bench/results/query.json' });

  const rows: Row[] = [];
  try {
    rows.push(await compare('GET /modules', server.url, bare.url, '/modules'));
    rows.push(await compare('POST /query (eql, no network)', server.url, bare.url, '/query', QUERY_BODY));
    // The price of running every module on a thread of its own (--isolate all).
    const isolated = await startProcess(['dist/cli.js'], { MISP_MODULES_LOG_LEVEL: 'info', MISP_MODULES_ISOLATE: 'all' });
    try {
      rows.push(await compare('POST /query (eql) with --isolate all', isolated.url, bare.url, '/query', QUERY_BODY));
    } finally {
      await isolated.stop();
    }
  } finally {
    await server.stop();
    await bare.stop();
  }

  // BENCH_ONLY=http stops after the table above (/modules and /query against the bare server).
  const httpOnly = process.env['BENCH_ONLY'] === 'http';
  const workers = httpOnly || skipped.includes('workers') ? undefined : await workersRun();
  const slow = httpOnly ? undefined : await slowUpstream();
  const http2 = httpOnly ? undefined : await http2Burst();
  const cache = httpOnly || skipped.includes('cache') ? undefined : await cachedHovers();
  const cpu = skipCpu || httpOnly ? undefined : await cpuHeavy();

  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const results = { date: new Date().toISOString(), machine, durationSeconds: DURATION, connections: CONNECTIONS, moduleCount, startMs, rssAfterStartMiB: rssAfterStart, rows, workers, slow, http2, cache, cpu };
  await writeFile('bench/results/latest.json', JSON.stringify(results, null, 2) + '\n');

  const lines = [
    `machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; ${CONNECTIONS} connections, ${DURATION} s per measurement`,
    `start to first /healthcheck: ${startMs} ms with ${moduleCount} modules; RSS after start: ${rssAfterStart} MiB`,
    '',
    '| scenario | server req/s | server p50 / p99 ms | bare req/s | bare p50 / p99 ms | ratio | errors |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${r.server.requestsPerSecond} | ${r.server.p50Ms} / ${r.server.p99Ms} | ${r.bare.requestsPerSecond} | ${r.bare.p50Ms} / ${r.bare.p99Ms} | ${r.ratio} | ${r.server.errors + r.server.non2xx} |`,
    ),
    '',
    ...(workers ? [...workersLines(workers), ''] : []),
    ...(slow ? slowLines(slow) : []),
    '',
    ...(http2 ? http2Lines(http2) : []),
    '',
    ...(cache ? [...cacheLines(cache), ''] : []),
    ...(cpu ? cpuLines(cpu) : []),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function slowLines(slow: SlowFigures): string[] {
  return [
    '',
    '| slow upstream (answers after 1 s) | ok | errors | p50 ms | p99 ms | last answer ms |',
    '|---|---|---|---|---|---|',
    `| 1000 concurrent GETs straight to the upstream (same client, no server: the floor) | ${slow.direct1000.ok} | ${JSON.stringify(slow.direct1000.errors)} | ${slow.direct1000.p50Ms} | ${slow.direct1000.p99Ms} | ${slow.direct1000.maxMs} |`,
    ...(['burst1000', 'burst5000'] as const).map((k) => {
      const b = slow[k];
      return `| ${b.requests} concurrent cve lookups | ${b.ok} | ${JSON.stringify(b.errors)} | ${b.p50Ms} | ${b.p99Ms} | ${b.maxMs} |`;
    }),
    `| 1000 lookups with timeout 0.3 s | ${slow.timeouts.burst.ok} | ${JSON.stringify(slow.timeouts.burst.errors)} | ${slow.timeouts.burst.p50Ms} | ${slow.timeouts.burst.p99Ms} | ${slow.timeouts.burst.maxMs} |`,
    '',
    `after the timed-out burst: server open fds ${slow.timeouts.serverFdsAfter} (idle before: ${slow.timeouts.serverFdsIdle}); upstream connections still open: ${slow.timeouts.upstreamOpenAfter}`,
  ];
}

await main();
