/** One autocannon load run, reduced to the figures BENCHMARKS.md reports. */
import autocannon from 'autocannon';

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export async function load(options: { url: string; method?: 'GET' | 'POST'; body?: string; connections: number; durationSeconds: number; headers?: Record<string, string> }): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    connections: options.connections,
    duration: options.durationSeconds,
    headers: { ...options.headers, ...(options.body ? { 'content-type': 'application/json' } : {}) },
    ...(options.body ? { body: options.body } : {}),
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
