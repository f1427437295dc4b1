/**
 * npm run bench:startup-profile: where the server's start goes. Starts the
 * built server with `-t` (start, then stop) RUNS times under `node
 * --cpu-prof`, and sums the sampled CPU time by what ran: our code by folder
 * (mapped through the bundle's source maps, so src/modules/ apart), each
 * package, Node compiling ES modules (the bundle and its chunks: V8 parses a
 * whole file) or CommonJS packages, the rest of Node's loader and bootstrap,
 * garbage collection. Each run also starts it once without the profiler and
 * reports, at exit after a GC, the resident memory, the V8 heap (reserved
 * and in use) and V8's code statistics (bench/heap-at-exit.mjs).
 *
 *   npm run build && RUNS=5 npm run bench:startup-profile
 *   BASELINE_DIR=/path/to/other/checkout RUNS=5 npm run bench:startup-profile   # that build too, alternately
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env['RUNS'] ?? 5);
const baseline = process.env['BASELINE_DIR'];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  positionTicks?: Array<{ line: number; ticks: number }>;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | undefined>();
function sourceMapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]));
    } catch {
      maps.set(file, undefined);
    }
  }
  return maps.get(file);
}

/** What ran at this place: a folder of ours, a package, or a part of Node. */
function category(url: string, functionName: string, line: number, column: number): string {
  if (!url) return ['(garbage collector)', '(program)', '(idle)'].includes(functionName) ? functionName : 'Node: native (file reads, stat…)';
  if (url.startsWith('node:')) {
    if (/compileSourceTextModule/.test(functionName)) return 'Node: compiling ES modules (our bundle and chunks, ESM packages)';
    if (/wrapSafe|compileFunction/.test(functionName)) return 'Node: compiling CommonJS packages';
    return 'Node: loader and bootstrap';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `package ${pkg[1]}`;
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  const source = sourceMapOf(file)?.findEntry(line, column);
  const original = source && 'originalSource' in source ? String(source.originalSource) : '';
  const ours = /src\/(.*)$/.exec(original)?.[1];
  if (!ours) return 'ours (unmapped)';
  if (ours.startsWith('modules/')) return 'ours: src/modules (module files and their helpers)';
  return `ours: src/${ours.split('/')[0]!.replace(/\.ts$/, '')}`;
}

function selfTimes(profile: Profile): Map<string, number> {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const totals = new Map<string, number>();
  const add = (key: string, us: number) => totals.set(key, (totals.get(key) ?? 0) + us);
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { url, functionName, lineNumber, columnNumber } = node.callFrame;
    const ticks = node.positionTicks ?? [];
    const all = ticks.reduce((sum, p) => sum + p.ticks, 0);
    // A file's top level is one function: its lines say whose code it was.
    if (url.startsWith('file:') && all > 0) for (const p of ticks) add(category(url, functionName, p.line - 1, 0), (us * p.ticks) / all);
    else add(category(url, functionName, lineNumber, columnNumber), us);
  }
  return totals;
}

interface Run {
  cpu: Map<string, number>;
  heap: Record<string, number>;
}

function run(cli: string): Run {
  const dir = mkdtempSync(path.join(tmpdir(), 'startup-profile-'));
  try {
    const env = { ...process.env, MISP_MODULES_LOG_LEVEL: 'silent' };
    const profiled = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, cli, '-t', '-p', '0'], { env, encoding: 'utf8' });
    if (profiled.status !== 0) throw new Error(`${cli} -t failed: ${profiled.stderr}`);
    const profile = JSON.parse(readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8')) as Profile;
    const plain = spawnSync(process.execPath, ['--expose-gc', '--import', './bench/heap-at-exit.mjs', cli, '-t', '-p', '0'], { env, encoding: 'utf8' });
    const heap = JSON.parse(/HEAP-AT-EXIT (.*)/.exec(plain.stderr)?.[1] ?? '{}') as Record<string, number>;
    return { cpu: selfTimes(profile), heap };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (us: number) => (us / 1000).toFixed(1);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

const builds: Array<[string, string]> = [['this build', 'dist/cli.js']];
if (baseline) builds.push([`baseline (${baseline})`, path.join(baseline, 'dist/cli.js')]);
const runs = new Map<string, Run[]>(builds.map(([name]) => [name, []]));
for (let i = 0; i < RUNS; i++) for (const [name, cli] of builds) runs.get(name)!.push(run(cli));

const categories = [...new Set([...runs.values()].flatMap((list) => list.flatMap((r) => [...r.cpu.keys()])))];
const medianOf = (name: string, key: string) => median(runs.get(name)!.map((r) => r.cpu.get(key) ?? 0));
const totalOf = (name: string) => median(runs.get(name)!.map((r) => [...r.cpu.values()].reduce((a, b) => a + b, 0)));
categories.sort((a, b) => medianOf(builds.at(-1)![0], b) - medianOf(builds.at(-1)![0], a));
const names = builds.map(([name]) => name);
const lines = [
  `CPU sampled during \`-t\` (start, then stop), median of ${RUNS} runs, ms:`,
  '',
  `| what ran | ${names.join(' | ')} |`,
  `|---|${names.map(() => '---|').join('')}`,
  ...categories.filter((c) => names.some((n) => medianOf(n, c) >= 500)).map((c) => `| ${c} | ${names.map((n) => ms(medianOf(n, c))).join(' | ')} |`),
  `| total sampled | ${names.map((n) => ms(totalOf(n))).join(' | ')} |`,
  '',
  'At exit, after a GC (median), MiB:',
  '',
  `| | ${names.join(' | ')} |`,
  `|---|${names.map(() => '---|').join('')}`,
  ...['rss', 'heapTotal', 'heapUsed', 'bytecode', 'machineCode', 'scriptSource'].map((k) => `| ${k} | ${names.map((n) => mib(median(runs.get(n)!.map((r) => r.heap[k] ?? 0)))).join(' | ')} |`),
];
process.stdout.write(lines.join('\n') + '\n');
