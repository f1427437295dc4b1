/**
 * npm run bench:http2 (also a part of npm run bench): an HTTPS upstream that
 * answers after 1 s and speaks HTTP/2 and HTTP/1.1 (bench/slow-upstream-h2.mjs),
 * and, with HTTP/2 off then on, in one run:
 *  - 1,000 concurrent GETs through the network layer alone
 *    (bench/http2-client.ts, a process of its own);
 *  - 1,000 concurrent cve lookups through the built server (a fresh server
 *    process for each mode; MISP's side opens 1,000 connections to it).
 * Reports the time to the last answer, latencies, the TLS connections the
 * upstream accepted and the resident memory of the client or server.
 *
 *   npm run build && npm run bench:http2
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { burst, type BurstFigures } from './burst.js';
import { freePort, residentMiB, startProcess } from './processes.js';

const LOOKUPS = Number(process.env['HTTP2_LOOKUPS'] ?? 1000);

interface UpstreamStats {
  connections: number;
  sessions: number;
  open: number;
  answered: number;
  requests: Record<string, number>;
}

export interface Http2Run {
  mode: 'on' | 'off';
  burst: BurstFigures;
  /** TLS connections the upstream accepted during the burst. */
  upstreamConnections: number;
  /** HTTP/2 sessions among them. */
  upstreamSessions: number;
  requestsByProtocol: Record<string, number>;
  serverRssMiB: number;
}

export interface ClientRun {
  mode: 'on' | 'off';
  wallMs: number;
  ok: number;
  errors: Record<string, number>;
  rssMiB: number;
  /** TLS connections the upstream accepted (the warm-up's included). */
  upstreamConnections: number;
}

export interface Http2Figures {
  lookups: number;
  client: { on: ClientRun; off: ClientRun; wallRatio: number };
  on: Http2Run;
  off: Http2Run;
  /** Time to the last answer, HTTP/1.1 over HTTP/2. */
  wallRatio: number;
}

const cveQuery = (i: number) =>
  JSON.stringify({ module: 'cve', attribute: { type: 'vulnerability', value: `CVE-2025-${String(i).padStart(5, '0')}`, uuid: '5f1c0a2e-0000-4000-8000-000000000002' } });

function certificate(dir: string): { keyFile: string; certFile: string } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=bench upstream',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:cve.circl.lu', '-keyout', keyFile, '-out', certFile],
    { stdio: 'ignore' },
  );
  return { keyFile, certFile };
}

async function upstreamStats(url: string, ca: Agent): Promise<UpstreamStats> {
  return (await (await request(`${url}/__stats`, { dispatcher: ca })).body.json()) as UpstreamStats;
}

async function startUpstream(files: { keyFile: string; certFile: string }, ca: Agent) {
  const port = await freePort();
  const child = spawn(process.execPath, ['bench/slow-upstream-h2.mjs', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, DELAY_MS: '1000', KEY_FILE: files.keyFile, CERT_FILE: files.certFile },
  });
  const url = `https://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      await upstreamStats(url, ca);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { url, stop: () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))) };
}

async function measure(mode: 'on' | 'off', upstream: { url: string }, certFile: string, ca: Agent, offset: number): Promise<Http2Run> {
  const server = await startProcess(['dist/cli.js'], {
    MISP_MODULES_UPSTREAMS: `cve.circl.lu=${upstream.url}`,
    MISP_MODULES_CA_FILE: certFile,
    MISP_MODULES_UPSTREAM_HTTP2: mode,
    MISP_MODULES_LOG_LEVEL: 'warn',
  });
  try {
    await burst(server.url, Array.from({ length: 20 }, (_, i) => cveQuery(offset + 90_000 + i))); // warm-up: undici loaded, first connections
    const before = await upstreamStats(upstream.url, ca);
    const figures = await burst(server.url, Array.from({ length: LOOKUPS }, (_, i) => cveQuery(offset + i)));
    const after = await upstreamStats(upstream.url, ca);
    const serverRssMiB = await residentMiB(server.child.pid!);
    const requestsByProtocol = Object.fromEntries(Object.entries(after.requests).map(([k, v]) => [k, v - (before.requests[k] ?? 0)]));
    return {
      mode,
      burst: figures,
      upstreamConnections: after.connections - before.connections,
      upstreamSessions: after.sessions - before.sessions,
      requestsByProtocol,
      serverRssMiB,
    };
  } finally {
    await server.stop();
  }
}

async function measureClient(mode: 'on' | 'off', upstream: { url: string }, certFile: string, ca: Agent): Promise<ClientRun> {
  const before = await upstreamStats(upstream.url, ca);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http2-client.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOOKUPS: String(LOOKUPS), UPSTREAM_URL: upstream.url, CA_FILE: certFile, HTTP2: mode },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await new Promise((resolve) => child.once('exit', resolve));
  const after = await upstreamStats(upstream.url, ca);
  const result = JSON.parse(output) as Omit<ClientRun, 'mode' | 'upstreamConnections'>;
  return { mode, ...result, upstreamConnections: after.connections - before.connections };
}

export async function http2Burst(): Promise<Http2Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'misp-modules-bench-h2-'));
  const files = certificate(dir);
  // SNI stats.bench: the upstream leaves this script's own connections out of its counts.
  const ca = new Agent({ connect: { ca: readFileSync(files.certFile, 'utf8'), servername: 'stats.bench', checkServerIdentity: () => undefined } });
  const upstream = await startUpstream(files, ca);
  try {
    const clientOff = await measureClient('off', upstream, files.certFile, ca);
    const clientOn = await measureClient('on', upstream, files.certFile, ca);
    const off = await measure('off', upstream, files.certFile, ca, 0);
    const on = await measure('on', upstream, files.certFile, ca, 20_000);
    return {
      lookups: LOOKUPS,
      client: { on: clientOn, off: clientOff, wallRatio: ratio(clientOff.wallMs, clientOn.wallMs) },
      on,
      off,
      wallRatio: ratio(off.burst.wallMs, on.burst.wallMs),
    };
  } finally {
    await upstream.stop();
    await ca.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

export function http2Lines(f: Http2Figures): string[] {
  const clientRow = (r: ClientRun) =>
    `| HTTP/2 ${r.mode} | ${r.ok} | ${JSON.stringify(r.errors)} | ${r.wallMs} | ${r.upstreamConnections} | ${r.rssMiB} |`;
  const row = (r: Http2Run) =>
    `| --upstream-http2 ${r.mode} | ${r.burst.ok} | ${JSON.stringify(r.burst.errors)} | ${r.burst.wallMs} | ${r.burst.p50Ms} | ${r.burst.p99Ms} | ${r.upstreamConnections} (${r.upstreamSessions} HTTP/2) | ${JSON.stringify(r.requestsByProtocol)} | ${r.serverRssMiB} |`;
  return [
    `| ${f.lookups} concurrent GETs through src/net alone, HTTPS upstream answering after 1 s | ok | errors | last answer ms | upstream connections | client RSS MiB after |`,
    '|---|---|---|---|---|---|',
    clientRow(f.client.off),
    clientRow(f.client.on),
    '',
    `time to the last answer, HTTP/1.1 / HTTP/2: ${f.client.wallRatio}`,
    '',
    `| ${f.lookups} concurrent cve lookups, HTTPS upstream answering after 1 s | ok | errors | last answer ms | p50 ms | p99 ms | upstream connections | requests by protocol | server RSS MiB after |`,
    '|---|---|---|---|---|---|---|---|---|',
    row(f.off),
    row(f.on),
    '',
    `time to the last answer, HTTP/1.1 / HTTP/2: ${f.wallRatio}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await http2Burst();
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/http2.json', JSON.stringify(figures, null, 2) + '\n');
  process.stdout.write(http2Lines(figures).join('\n') + '\n');
}
