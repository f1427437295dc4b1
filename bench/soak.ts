/**
 * npm run soak: minutes of mixed traffic against the real server, loopback
 * only, bounded in time. Mixes every endpoint, a slow upstream, upstream
 * failures, timeouts and malformed requests, and samples the server's
 * resident memory and open file descriptors. After warm-up they must not grow.
 *
 *   SOAK_SECONDS=120 npm run soak     (default 120)
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { Pool, request } from 'undici';
import { openFds } from './burst.js';
import { freePort, residentMiB, startProcess } from './processes.js';

const SECONDS = Number(process.env['SOAK_SECONDS'] ?? 120);
const WORKERS = 32;
const SAMPLE_EVERY_MS = 5000;

type Call = { method: 'GET' | 'POST'; path: string; body?: string | Buffer };

let counter = 0;
const cve = (extra: Record<string, unknown> = {}) => ({
  method: 'POST' as const,
  path: '/query',
  body: JSON.stringify({ module: 'cve', attribute: { type: 'vulnerability', value: `CVE-2024-${counter++ % 5000}`, uuid: '5f1c0a2e-0000-4000-8000-000000000001' }, ...extra }),
});

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
  const upstreamPort = await freePort();
  const stopUpstream = await startFailingUpstream(upstreamPort);
  const server = await startProcess(['dist/cli.js'], { MISP_MODULES_UPSTREAMS: `cve.circl.lu=http://127.0.0.1:${upstreamPort}`, MISP_MODULES_LOG_LEVEL: 'warn' });
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
          await res.body.text();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        } catch {
          failures++;
        }
        requests++;
      }
    }),
  );
  clearInterval(sampler);
  const alive = (await (await request(`${server.url}/healthcheck`)).body.text()) === '{"status":true}';
  await pool.close();
  await server.stop();
  stopUpstream();

  // Warm-up: the first fifth of the run. Growth is judged on what follows.
  const steady = samples.filter((s) => s.second >= SECONDS / 5);
  const first = steady[0];
  const last = steady[steady.length - 1];
  const maxRss = Math.max(...steady.map((s) => s.rssMiB));
  const report = { seconds: SECONDS, workers: WORKERS, requests, failures, statuses, alive, samples, rssGrowthMiB: first && last ? Math.round((last.rssMiB - first.rssMiB) * 10) / 10 : null, fdGrowth: first && last ? last.fds - first.fds : null, maxRssMiB: maxRss };
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
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (!alive || failures > 0) process.exitCode = 1;
}

await main();
