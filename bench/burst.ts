/** N concurrent /query requests, each on its own connection, as MISP's PHP workers send them. */
import { Agent, request } from 'undici';

export interface BurstFigures {
  requests: number;
  ok: number;
  errors: Record<string, number>;
  /** Time from the first request sent to the last answer, in ms. */
  wallMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function burst(url: string, bodies: string[]): Promise<BurstFigures> {
  const agent = new Agent({ connections: bodies.length, pipelining: 0, keepAliveTimeout: 1000 });
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    bodies.map(async (body) => {
      const t0 = performance.now();
      try {
        const res = await request(`${url}/query`, { method: 'POST', body, dispatcher: agent, headersTimeout: 120_000, bodyTimeout: 120_000 });
        const answer = (await res.body.json()) as { error?: string };
        if (res.statusCode === 200 && answer.error === undefined) ok++;
        else errors[answer.error ?? `HTTP ${res.statusCode}`] = (errors[answer.error ?? `HTTP ${res.statusCode}`] ?? 0) + 1;
      } catch (error) {
        const key = (error as Error).message;
        errors[key] = (errors[key] ?? 0) + 1;
      }
      latencies.push(performance.now() - t0);
    }),
  );
  const wallMs = performance.now() - started;
  await agent.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  return { requests: bodies.length, ok, errors, wallMs: Math.round(wallMs), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(latencies[latencies.length - 1]!) };
}

/** Open file descriptors of a process (sockets included), Linux. */
export async function openFds(pid: number): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(`/proc/${pid}/fd`)).length;
}
