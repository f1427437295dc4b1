/** N concurrent requests, each on its own connection, as MISP's PHP workers send them. */
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

/** Sends every request at once; each resolves to undefined when it succeeded, or to the error to count. */
async function measure(count: number, send: (i: number, agent: Agent) => Promise<string | undefined>): Promise<BurstFigures> {
  const agent = new Agent({ connections: count, pipelining: 0, keepAliveTimeout: 1000 });
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let ok = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const t0 = performance.now();
      let error: string | undefined;
      try {
        error = await send(i, agent);
      } catch (e) {
        error = (e as Error).message;
      }
      if (error === undefined) ok++;
      else errors[error] = (errors[error] ?? 0) + 1;
      latencies.push(performance.now() - t0);
    }),
  );
  const wallMs = performance.now() - started;
  await agent.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
  return { requests: count, ok, errors, wallMs: Math.round(wallMs), p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(latencies[latencies.length - 1]!) };
}

const TIMEOUTS = { headersTimeout: 120_000, bodyTimeout: 120_000 };

/** POST /query bodies to the server. */
export function burst(url: string, bodies: string[]): Promise<BurstFigures> {
  return measure(bodies.length, async (i, agent) => {
    const res = await request(`${url}/query`, { method: 'POST', body: bodies[i]!, dispatcher: agent, ...TIMEOUTS });
    const answer = (await res.body.json()) as { error?: string };
    if (res.statusCode === 200 && answer.error === undefined) return undefined;
    return answer.error ?? `HTTP ${res.statusCode}`;
  });
}

/** The same client sending GETs straight to URLs: the floor a server's burst is compared to. */
export function directBurst(urls: string[]): Promise<BurstFigures> {
  return measure(urls.length, async (i, agent) => {
    const res = await request(urls[i]!, { dispatcher: agent, ...TIMEOUTS });
    await res.body.json();
    return res.statusCode === 200 ? undefined : `HTTP ${res.statusCode}`;
  });
}

/** Open file descriptors of a process (sockets included), Linux. */
export async function openFds(pid: number): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(`/proc/${pid}/fd`)).length;
}
