/**
 * One side of bench/http2.ts: this process sends LOOKUPS concurrent GETs
 * through the network layer (src/net, what modules use as ctx.http) to the
 * upstream at UPSTREAM_URL, with HTTP2=on|off, and prints one JSON line: time
 * to the last answer, answers, errors, and this process's resident memory.
 */
import { readFile } from 'node:fs/promises';
import { createNetwork } from '../src/net/index.js';

const lookups = Number(process.env['LOOKUPS'] ?? 1000);
const network = createNetwork(
  {
    userAgent: 'misp-modules-bench',
    upstreams: { 'cve.circl.lu': process.env['UPSTREAM_URL']! },
    caFile: process.env['CA_FILE']!,
    http2: process.env['HTTP2'] !== 'off',
    proxy: {},
  },
  {},
);
const { http } = network.forQuery(new AbortController().signal);
await http.getJson('https://cve.circl.lu/api/vulnerability/CVE-2025-99999'); // warm-up: undici loaded, first connection
const errors: Record<string, number> = {};
let ok = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: lookups }, async (_, i) => {
    try {
      await http.getJson(`https://cve.circl.lu/api/vulnerability/CVE-2025-${String(i).padStart(5, '0')}`);
      ok++;
    } catch (error) {
      const message = (error as Error).message;
      errors[message] = (errors[message] ?? 0) + 1;
    }
  }),
);
const wallMs = Math.round(performance.now() - started);
const status = await readFile('/proc/self/status', 'utf8');
const rssMiB = Math.round((Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024) * 10) / 10;
process.stdout.write(JSON.stringify({ wallMs, ok, errors, rssMiB, connections: network.connectionsOpened() }) + '\n');
await network.close();
