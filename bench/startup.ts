/**
 * Start to first /healthcheck, the CPU time the process used to get there
 * (user + system, from /proc/PID/stat: it does not depend on how busy the
 * machine is, unlike the wall-clock time) and resident memory after start,
 * for this build and other ones (a checkout's dist/ given in BASELINE_DIR;
 * any other cli files in OTHER_CLIS, comma-separated), started alternately
 * so that machine noise hits all alike:
 *   BASELINE_DIR=/path/to/old/checkout RUNS=5 npm run bench:startup
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { residentMiB, startProcess } from './processes.js';

const RUNS = Number(process.env['RUNS'] ?? 5);
const baseline = process.env['BASELINE_DIR'];
const others = (process.env['OTHER_CLIS'] ?? '').split(',').filter(Boolean);
const TICKS_PER_SECOND = 100;

interface Sample {
  startMs: number;
  cpuMs: number;
  rssMiB: number;
  modules: number;
}

async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the command name).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function sample(cli: string): Promise<Sample> {
  const server = await startProcess([cli], { MISP_MODULES_LOG_LEVEL: 'warn' });
  try {
    const cpu = await cpuMs(server.child.pid!);
    const rssMiB = await residentMiB(server.child.pid!);
    const modules = (JSON.parse(await (await request(`${server.url}/modules`)).body.text()) as unknown[]).length;
    return { startMs: Math.round(server.startMs), cpuMs: cpu, rssMiB, modules };
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const builds: Array<[string, string]> = [['this build', 'dist/cli.js']];
if (baseline) builds.push([`baseline (${baseline})`, path.join(baseline, 'dist/cli.js')]);
for (const cli of others) builds.push([cli, cli]);
const samples = new Map<string, Sample[]>(builds.map(([name]) => [name, []]));
for (let run = 0; run < RUNS; run += 1) {
  for (const [name, cli] of builds) samples.get(name)!.push(await sample(cli));
}
for (const [name] of builds) {
  const list = samples.get(name)!;
  process.stdout.write(
    `${name}: ${list[0]!.modules} modules; start to first /healthcheck median ${median(list.map((s) => s.startMs))} ms ` +
      `(${list.map((s) => s.startMs).join(', ')}); CPU to start median ${median(list.map((s) => s.cpuMs))} ms ` +
      `(${list.map((s) => s.cpuMs).join(', ')}); RSS after start median ${median(list.map((s) => s.rssMiB))} MiB\n`,
  );
}
