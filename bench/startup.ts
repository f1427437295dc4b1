/**
 * Start to first /healthcheck and resident memory after start, for this
 * build and another one (a checkout's dist/ given in BASELINE_DIR), started
 * alternately so that machine noise hits both alike:
 *   BASELINE_DIR=/path/to/old/checkout RUNS=5 npm run bench:startup
 */
import path from 'node:path';
import { request } from 'undici';
import { residentMiB, startProcess } from './processes.js';

const RUNS = Number(process.env['RUNS'] ?? 5);
const baseline = process.env['BASELINE_DIR'];

interface Sample {
  startMs: number;
  rssMiB: number;
  modules: number;
}

async function sample(cli: string): Promise<Sample> {
  const server = await startProcess([cli], { MISP_MODULES_LOG_LEVEL: 'warn' });
  try {
    const rssMiB = await residentMiB(server.child.pid!);
    const modules = (JSON.parse(await (await request(`${server.url}/modules`)).body.text()) as unknown[]).length;
    return { startMs: Math.round(server.startMs), rssMiB, modules };
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const builds: Array<[string, string]> = [['this build', 'dist/cli.js']];
if (baseline) builds.push([`baseline (${baseline})`, path.join(baseline, 'dist/cli.js')]);
const samples = new Map<string, Sample[]>(builds.map(([name]) => [name, []]));
for (let run = 0; run < RUNS; run += 1) {
  for (const [name, cli] of builds) samples.get(name)!.push(await sample(cli));
}
for (const [name] of builds) {
  const list = samples.get(name)!;
  process.stdout.write(
    `${name}: ${list[0]!.modules} modules; start to first /healthcheck median ${median(list.map((s) => s.startMs))} ms ` +
      `(${list.map((s) => s.startMs).join(', ')}); RSS after start median ${median(list.map((s) => s.rssMiB))} MiB\n`,
  );
}
