/**
 * npm run bench: measures the real server (built dist/, every built-in
 * module) and a bare node:http server answering the same bytes, in one run,
 * and prints a table. Results also go to bench/results/latest.json.
 *
 *   npm run bench                 # full run (about a minute)
 *   BENCH_DURATION=3 npm run bench  # quicker, noisier
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { request } from 'undici';
import { load, type LoadFigures } from './load.js';
import { residentMiB, startProcess } from './processes.js';

const DURATION = Number(process.env['BENCH_DURATION'] ?? 10);
const CONNECTIONS = 50;
const QUERY_BODY = JSON.stringify({ module: 'eql', 'ip-src': '203.0.113.7', event_id: '12', attribute_uuid: '5f1c0a2e-0000-4000-8000-000000000001' });

interface Row {
  scenario: string;
  server: LoadFigures;
  bare: LoadFigures;
  ratio: number;
}

async function compare(scenario: string, serverUrl: string, bareUrl: string, path: string, body?: string): Promise<Row> {
  const options = body ? { method: 'POST' as const, body } : {};
  // Warm both up (JIT, connection pools) before measuring.
  await load({ url: serverUrl + path, connections: CONNECTIONS, durationSeconds: 2, ...options });
  await load({ url: bareUrl + path, connections: CONNECTIONS, durationSeconds: 2, ...options });
  const server = await load({ url: serverUrl + path, connections: CONNECTIONS, durationSeconds: DURATION, ...options });
  const bare = await load({ url: bareUrl + path, connections: CONNECTIONS, durationSeconds: DURATION, ...options });
  return { scenario, server, bare, ratio: Math.round((server.requestsPerSecond / bare.requestsPerSecond) * 100) / 100 };
}

async function main(): Promise<void> {
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
  } finally {
    await server.stop();
    await bare.stop();
  }

  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const results = { date: new Date().toISOString(), machine, durationSeconds: DURATION, connections: CONNECTIONS, moduleCount, startMs, rssAfterStartMiB: rssAfterStart, rows };
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
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

await main();
