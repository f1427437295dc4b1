/**
 * npm run soak: minutes of mixed traffic against the real server, loopback
 * only, bounded in time. Mixes every endpoint, a slow upstream, upstream
 * failures, timeouts and malformed requests, and samples the server's
 * resident memory and open file descriptors. After warm-up they must not grow.
 * Also in the mix: exports of an event over 1 MiB (run on the worker pool)
 * and a custom module (isolated on its own thread) that now and then loops
 * on the CPU until its thread is terminated; and the hostile inputs of
 * issue 13 (office files inflating to 90 MiB of empty elements, e-mails
 * nested 3,000 deep or with 50,000 parts, a 49-megapixel PNG to OCR), each
 * of which must be answered with an error naming a resource budget.
 *
 *   SOAK_SECONDS=120 npm run soak     (default 120)
 */
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Pool, request } from 'undici';
import { openFds } from './burst.js';
import { freePort, residentMiB, startProcess } from './processes.js';
import { HOSTILE_QUERIES } from './hostile.js';

const SECONDS = Number(process.env['SOAK_SECONDS'] ?? 120);
const WORKERS = 32;
const SAMPLE_EVERY_MS = 5000;

type Call = { method: 'GET' | 'POST'; path: string; body?: string | Buffer; hostile?: string };

let counter = 0;
const cve = (extra: Record<string, unknown> = {}) => ({
  method: 'POST' as const,
  path: '/query',
  body: JSON.stringify({ module: 'cve', attribute: { type: 'vulnerability', value: `CVE-2024-${counter++ % 5000}`, uuid: '5f1c0a2e-0000-4000-8000-000000000001' }, ...extra }),
});

/** A raw-shape event of about 1.4 MB: over --offload-bytes (1 MiB), so it is parsed and exported on the worker pool. */
const BIG_EXPORT = JSON.stringify({
  module: 'liteexport',
  data: [
    {
      Event: { id: '1', info: 'soak', uuid: '5f0e4c1c-0000-4000-8000-000000000001' },
      Attribute: Array.from({ length: 9000 }, (_, i) => ({ id: String(i), type: 'domain', category: 'Network activity', value: `host${i}.example.org`, to_ids: true, uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })),
      Object: [],
    },
  ],
});

/** A custom module: answers, or (one call in 20) loops on the CPU until its thread is stopped. */
const SPIN_MODULE = `export default { name: 'soak_spin', kind: 'expansion', moduleType: ['expansion'],
  meta: { version: '1', author: 'soak', description: 'answers or spins', name: 'soak_spin' }, attributes: { input: ['text'] },
  async handle(query) { if (query.text === 'spin') for (;;) {} return { results: [{ types: ['text'], values: [query.text] }] }; } };`;

/** The hostile queries as request bodies, built once (in main). */
const HOSTILE: Array<{ name: string; body: string }> = [];
const hostileAnswers: Record<string, number> = {};

/** The mix: what each worker picks from, at random. */
const CALLS: Array<() => Call> = [
  () => ({ method: 'GET', path: '/modules' }),
  () => ({ method: 'GET', path: '/healthcheck' }),
  () => ({ method: 'POST', path: '/query', body: JSON.stringify({ module: 'eql', 'ip-src': `10.0.0.${counter++ % 255}` }) }),
  () => ({ method: 'POST', path: '/query', body: JSON.stringify({ module: 'extract_url_components', attribute: { type: 'url', value: `https://a${counter++}.example.co.uk/p?q=1`, uuid: '5f1c0a2e-0000-4000-8000-000000000002' } }) }),
  () => cve(), // slow upstream (300 ms)
  () => cve({ timeout: 0.1 }), // times out, aborting the upstream call
  () => ({ method: 'POST', path: '/query', body: JSON.stringify({ module: 'cve', attribute: { type: 'vulnerability', value: 'CVE-1999-FAIL', uuid: '5f1c0a2e-0000-4000-8000-000000000003' } }) }), // upstream 500
  () => ({ method: 'POST', path: '/query', body: '{"module": "eql", ' }), // malformed
  () => ({ method: 'POST', path: '/query', body: Buffer.from([0x7b, 0xff, 0xfe]) }), // invalid UTF-8
  () => ({ method: 'POST', path: '/query', body: JSON.stringify({ module: 'no_such_module' }) }),
  () => ({ method: 'POST', path: '/query', body: JSON.stringify({ module: 'testimport', data: Buffer.from('x'.repeat(100_000)).toString('base64') }) }),
  () => ({ method: 'GET', path: '/nope' }),
  () => ({ method: 'POST', path: '/query', body: BIG_EXPORT }),
  () => ({ method: 'POST', path: '/query', body: JSON.stringify(Math.random() < 0.05 ? { module: 'soak_spin', text: 'spin', timeout: 0.2 } : { module: 'soak_spin', text: `t${counter++}` }) }),
  () => {
    const hostile = HOSTILE[counter++ % HOSTILE.length]!;
    return { method: 'POST', path: '/query', body: hostile.body, hostile: hostile.name };
  },
];

async function startFailingUpstream(port: number) {
  // The slow upstream answers after 300 ms; ids ending in FAIL get a 500.
  const child = spawn(process.execPath, ['-e', `
    const http = require('node:http');
    http.createServer((req, res) => {
      if (req.url.endsWith('FAIL')) return res.writeHead(500).end('boom');
      const t = setTimeout(() => res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({cveMetadata: {cveId: 'CVE-2024-1', state: 'PUBLISHED'}, containers: {cna: {descriptions: [{lang: 'en', value: 'soak'}]}}})), 300);
      res.on('close', () => clearTimeout(t));
    }).listen(${port}, '127.0.0.1', 4096);
  `], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  return () => child.kill('SIGTERM');
}

async function main(): Promise<void> {
  for (const [name, build] of Object.entries(HOSTILE_QUERIES)) HOSTILE.push({ name, body: JSON.stringify(await build()) });
  const upstreamPort = await freePort();
  const stopUpstream = await startFailingUpstream(upstreamPort);
  const custom = await mkdtemp(join(tmpdir(), 'soak-modules-'));
  await mkdir(join(custom, 'expansion'));
  await writeFile(join(custom, 'expansion', 'soak_spin.mjs'), SPIN_MODULE);
  const server = await startProcess(['dist/cli.js'], {
    MISP_MODULES_UPSTREAMS: `cve.circl.lu=http://127.0.0.1:${upstreamPort}`,
    MISP_MODULES_LOG_LEVEL: 'warn',
    MISP_MODULES_CUSTOM: custom,
    MISP_MODULES_ISOLATE_GRACE_MS: '300',
  });
  const pool = new Pool(server.url, { connections: WORKERS });
  const statuses: Record<string, number> = {};
  const samples: Array<{ second: number; rssMiB: number; fds: number; requests: number }> = [];
  let requests = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;

  const sampler = setInterval(async () => {
    samples.push({ second: Math.round((performance.now() - started) / 1000), rssMiB: await residentMiB(server.child.pid!), fds: await openFds(server.child.pid!), requests });
  }, SAMPLE_EVERY_MS);

  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (performance.now() < deadline) {
        const call = CALLS[Math.floor(Math.random() * CALLS.length)]!();
        try {
          const res = await pool.request({ method: call.method, path: call.path, ...(call.body ? { body: call.body } : {}) });
          const text = await res.body.text();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (call.hostile) {
            // Each must be refused by a budget, not crash a worker or answer a generic failure.
            const outcome = /resource budget|megapixels this server decodes/.test(text) ? `${call.hostile}: budget` : `${call.hostile}: other: ${text.slice(0, 120)}`;
            hostileAnswers[outcome] = (hostileAnswers[outcome] ?? 0) + 1;
          }
        } catch {
          failures++;
        }
        requests++;
      }
    }),
  );
  clearInterval(sampler);
  const alive = (await (await request(`${server.url}/healthcheck`)).body.text()) === '{"status":true}';
  const metrics = await (await request(`${server.url}/metrics`)).body.text();
  const metric = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
  const threads = { terminated: metric('misp_modules_isolated_threads_terminated_total'), aliveAtEnd: metric('misp_modules_isolated_threads'), workerThreads: metric('misp_modules_worker_threads') };
  await pool.close();
  await server.stop();
  stopUpstream();

  // Warm-up: the first fifth of the run. Growth is judged on what follows.
  const steady = samples.filter((s) => s.second >= SECONDS / 5);
  const first = steady[0];
  const last = steady[steady.length - 1];
  const maxRss = Math.max(...steady.map((s) => s.rssMiB));
  const report = { hostileAnswers, threads, seconds: SECONDS, workers: WORKERS, requests, failures, statuses, alive, samples, rssGrowthMiB: first && last ? Math.round((last.rssMiB - first.rssMiB) * 10) / 10 : null, fdGrowth: first && last ? last.fds - first.fds : null, maxRssMiB: maxRss };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/soak.json', JSON.stringify(report, null, 2) + '\n');
  const lines = [
    `soak: ${SECONDS} s, ${WORKERS} concurrent clients, ${requests} requests (${Math.round(requests / SECONDS)}/s), client-side failures: ${failures}, statuses: ${JSON.stringify(statuses)}, server alive at the end: ${alive}`,
    '',
    '| second | RSS MiB | open fds | requests so far |',
    '|---|---|---|---|',
    ...samples.map((s) => `| ${s.second} | ${s.rssMiB} | ${s.fds} | ${s.requests} |`),
    '',
    `after warm-up: RSS ${first?.rssMiB} → ${last?.rssMiB} MiB (max ${maxRss}), open fds ${first?.fds} → ${last?.fds}`,
    `isolated threads terminated (stuck soak_spin): ${threads.terminated}; isolated threads alive at the end: ${threads.aliveAtEnd}; worker-pool threads at the end: ${threads.workerThreads}`,
    `hostile inputs (issue 13) answered: ${JSON.stringify(hostileAnswers)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const unbudgeted = Object.keys(hostileAnswers).filter((k) => !k.endsWith(': budget'));
  if (!alive || failures > 0 || unbudgeted.length > 0) process.exitCode = 1;
}

await main();
