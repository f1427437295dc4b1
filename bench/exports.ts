/**
 * npm run bench:exports: every offline export module on very_long_event.json
 * and on a synthetic event with 100,000 attributes, each in a fresh server
 * process, through HTTP. Reports the export's time, the server's peak
 * resident memory (VmHWM) and /healthcheck latency (p50, p99, max) polled
 * while the export runs. The VirusTotal exports need their service and are
 * left out.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'undici';
import { startProcess } from './processes.js';

type Json = Record<string, any>;

const NETWORK_EXPORTS = new Set(['virustotal_collections', 'vt_graph']);
/** Settings a module cannot export without (as an admin would set them). */
const CONFIG: Record<string, Json> = {
  goamlexport: { rentity_id: '2510' },
  defender_endpoint_export: { Period: '1d' },
  nexthinkexport: { Period: '1d' },
};

async function peakMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

const TYPES: Array<[string, (i: number) => string]> = [
  ['ip-dst', (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
  ['domain', (i) => `host${i}.example.org`],
  ['md5', (i) => i.toString(16).padStart(32, '0')],
  ['sha256', (i) => i.toString(16).padStart(64, 'a')],
  ['url', (i) => `https://host${i}.example.org/path/${i}`],
  ['hostname', (i) => `www${i}.example.net`],
  ['filename|md5', (i) => `file${i}.exe|${i.toString(16).padStart(32, 'b')}`],
  ['email-src', (i) => `sender${i}@example.org`],
];

/** A core-format event with `count` attributes of common types, all to_ids. */
function syntheticEvent(count: number): Json {
  const attributes = [];
  for (let i = 0; i < count; i++) {
    const [type, value] = TYPES[i % TYPES.length]!;
    attributes.push({
      id: String(i + 1), event_id: '1', uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type, category: type.startsWith('email') ? 'Payload delivery' : 'Network activity',
      value: value(i), to_ids: true, comment: `attribute ${i}`, timestamp: '1795824000', distribution: '5', sharing_group_id: '0', deleted: false, disable_correlation: false, object_id: '0', Tag: [],
    });
  }
  return {
    Event: {
      id: '1', uuid: '5f0e4c1c-0000-4000-8000-000000000001', info: `Synthetic event with ${count} attributes`, date: '2026-11-28', threat_level_id: '2', analysis: '1', distribution: '0',
      published: false, timestamp: '1795824000', org_id: '1', orgc_id: '1', Orgc: { id: '1', name: 'Bench', uuid: '5f0e4c1c-0000-4000-8000-0000000000aa' }, Org: { id: '1', name: 'Bench' },
      Attribute: attributes, Object: [], Tag: [{ name: 'tlp:green' }], Galaxy: [],
    },
  };
}

/** MISP's raw fetchEvent shape: related models beside Event. */
function toRaw(core: Json): Json {
  const { Attribute, Object: objects, Tag, ...fields } = core['Event'];
  return { Event: fields, Attribute: Attribute ?? [], Object: objects ?? [], EventTag: (Tag ?? []).map((tag: Json) => ({ Tag: tag })) };
}

interface Row {
  module: string;
  event: string;
  ms: number;
  outMiB: number;
  peakMiB: number;
  health: { p50: number; p99: number; max: number; n: number };
  error?: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Polls /healthcheck one request after another until `done` is set. */
async function pollHealth(url: string, done: { value: boolean }): Promise<number[]> {
  const latencies: number[] = [];
  while (!done.value) {
    const started = performance.now();
    const res = await request(`${url}/healthcheck`);
    await res.body.text();
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 5));
  }
  return latencies;
}

async function exportOnce(module: string, standard: boolean, eventName: string, core: Json): Promise<Row> {
  const server = await startProcess(['dist/cli.js'], { MISP_MODULES_LOG_LEVEL: 'warn' });
  try {
    const body = JSON.stringify({ module, config: CONFIG[module] ?? {}, data: [standard ? core : toRaw(core)] });
    const done = { value: false };
    const polling = pollHealth(server.url, done);
    const started = performance.now();
    const res = await request(`${server.url}/query`, { method: 'POST', body, headersTimeout: 900_000, bodyTimeout: 900_000 });
    const answer = (await res.body.json()) as Json;
    const ms = Math.round(performance.now() - started);
    done.value = true;
    const latencies = (await polling).sort((a, b) => a - b);
    const r2 = (n: number) => Math.round(n * 10) / 10;
    return {
      module, event: eventName, ms,
      outMiB: typeof answer['data'] === 'string' ? Math.round((answer['data'].length * 3) / 4 / 2 ** 20 * 100) / 100 : 0,
      peakMiB: await peakMiB(server.child.pid!),
      health: { p50: r2(percentile(latencies, 50)), p99: r2(percentile(latencies, 99)), max: r2(latencies.at(-1) ?? NaN), n: latencies.length },
      ...(answer['error'] ? { error: String(answer['error']).slice(0, 120) } : {}),
    };
  } finally {
    await server.stop();
  }
}

const veryLong = JSON.parse(await readFile(new URL('../../shared/samples/misp-events/very_long_event.json', import.meta.url), 'utf8')) as Json;
const events: Array<[string, Json]> = [
  [`very_long_event.json (${veryLong['Event']['Attribute']?.length ?? 0} attributes, ${veryLong['Event']['Object']?.length ?? 0} objects)`, veryLong],
  ['synthetic, 100,000 attributes', syntheticEvent(100_000)],
];

const lister = await startProcess(['dist/cli.js'], { MISP_MODULES_LOG_LEVEL: 'warn' });
const modules = ((await (await request(`${lister.url}/modules`)).body.json()) as Json[])
  .filter((m) => m['type'] === 'export_mod' && !NETWORK_EXPORTS.has(m['name']))
  .map((m) => ({ name: m['name'] as string, standard: m['meta']?.['require_standard_format'] === true }));
await lister.stop();
const only = process.env['BENCH_ONLY']?.split(',');

const rows: Row[] = [];
for (const [eventName, core] of events) {
  for (const { name, standard } of modules) {
    if (only && !only.includes(name)) continue;
    const row = await exportOnce(name, standard, eventName, core);
    rows.push(row);
    process.stderr.write(`${name} on ${eventName}: ${row.ms} ms, peak ${row.peakMiB} MiB, healthcheck p99 ${row.health.p99} ms${row.error ? `, error: ${row.error}` : ''}\n`);
  }
}

const table = [
  '| export | event | time (ms) | output (MiB) | server peak RSS (MiB) | /healthcheck p50 / p99 / max (ms), samples | note |',
  '|---|---|---:|---:|---:|---|---|',
  ...rows.map((r) => `| ${r.module} | ${r.event} | ${r.ms} | ${r.outMiB} | ${r.peakMiB} | ${r.health.p50} / ${r.health.p99} / ${r.health.max}, ${r.health.n} | ${r.error ?? ''} |`),
].join('\n');
process.stdout.write(table + '\n');
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/exports.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
