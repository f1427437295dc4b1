/**
 * Query metrics, kept as plain counters on the hot path and written in the
 * Prometheus text format (0.0.4) when /metrics is scraped. Hand-written
 * rather than prom-client: importing it costs about 40 ms at start, and the
 * hot path here is a Map lookup and a few additions.
 *
 * Labels only ever hold module names from the registry and fixed outcome
 * names: nothing a client sends (an unknown module name, a config value)
 * becomes a label, so secrets cannot reach /metrics and label sets stay bounded.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { UpstreamConnectionCounts } from '../net/index.js';
import type { SharedFigures } from './shared-state.js';

/** How a query ended, as counted in /metrics. */
export type QueryOutcomeKind = 'ok' | 'error' | 'timeout' | 'crash' | 'unknown-module' | 'bad-request' | 'aborted';

/** Upper bounds of the duration buckets, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

interface ModuleStats {
  outcomes: Map<QueryOutcomeKind, number>;
  /** Cumulative counts are computed at scrape time; these are per bucket. */
  buckets: number[];
  sum: number;
  count: number;
}

/** Gauges read at scrape time from the parts of the server that own them. */
export interface MetricGauges {
  queriesRunning(): number;
  isolatedThreads(): number;
  workerThreads(): Promise<number>;
  /** Upstream connections the server's thread has opened, by protocol. */
  upstreamConnections?(): UpstreamConnectionCounts;
  /** The result cache and Redis link, when the server has them. */
  shared?(): SharedFigures;
}

export class QueryMetrics {
  private readonly modules = new Map<string, ModuleStats>();
  private coalesced = 0;
  private threadsTerminated = 0;
  private readonly loopDelay: IntervalHistogram;
  private readonly started = Date.now() / 1000;

  constructor() {
    this.loopDelay = monitorEventLoopDelay({ resolution: 20 });
    this.loopDelay.enable();
  }

  /** `module` is a registry name, or undefined for queries that named no known module. */
  record(module: string | undefined, outcome: QueryOutcomeKind, seconds: number): void {
    const key = module ?? '';
    let stats = this.modules.get(key);
    if (!stats) {
      stats = { outcomes: new Map(), buckets: new Array<number>(BUCKETS.length + 1).fill(0), sum: 0, count: 0 };
      this.modules.set(key, stats);
    }
    stats.outcomes.set(outcome, (stats.outcomes.get(outcome) ?? 0) + 1);
    let i = 0;
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
    stats.buckets[i]!++;
    stats.sum += seconds;
    stats.count++;
  }

  recordCoalesced(): void {
    this.coalesced++;
  }

  recordThreadTerminated(): void {
    this.threadsTerminated++;
  }

  stop(): void {
    this.loopDelay.disable();
  }

  async render(gauges: MetricGauges): Promise<string> {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const label = (module: string) => (module === '' ? 'module="(unknown)"' : `module="${escapeLabel(module)}"`);

    metric('misp_modules_queries_total', 'counter', 'Queries answered, by module and outcome.');
    for (const [module, stats] of this.modules) {
      for (const [outcome, n] of stats.outcomes) out.push(`misp_modules_queries_total{${label(module)},outcome="${outcome}"} ${n}`);
    }
    metric('misp_modules_query_duration_seconds', 'histogram', 'Time from a query reaching the runner to its answer.');
    for (const [module, stats] of this.modules) {
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += stats.buckets[i]!;
        out.push(`misp_modules_query_duration_seconds_bucket{${label(module)},le="${le}"} ${cumulative}`);
      });
      out.push(`misp_modules_query_duration_seconds_bucket{${label(module)},le="+Inf"} ${stats.count}`);
      out.push(`misp_modules_query_duration_seconds_sum{${label(module)}} ${round(stats.sum)}`);
      out.push(`misp_modules_query_duration_seconds_count{${label(module)}} ${stats.count}`);
    }
    metric('misp_modules_queries_coalesced_total', 'counter', 'Queries that joined an identical lookup already in flight.');
    out.push(`misp_modules_queries_coalesced_total ${this.coalesced}`);
    metric('misp_modules_queries_running', 'gauge', 'Queries running now.');
    out.push(`misp_modules_queries_running ${gauges.queriesRunning()}`);
    metric('misp_modules_isolated_threads', 'gauge', 'Threads of isolated modules alive now.');
    out.push(`misp_modules_isolated_threads ${gauges.isolatedThreads()}`);
    metric('misp_modules_isolated_threads_terminated_total', 'counter', 'Threads of isolated modules terminated because an aborted query did not stop.');
    out.push(`misp_modules_isolated_threads_terminated_total ${this.threadsTerminated}`);
    metric('misp_modules_worker_threads', 'gauge', 'Threads of the CPU worker pool alive now.');
    out.push(`misp_modules_worker_threads ${await gauges.workerThreads()}`);
    if (gauges.upstreamConnections) {
      const opened = gauges.upstreamConnections();
      metric('misp_modules_upstream_connections_total', 'counter', 'Connections to upstream services opened by the server thread, by the protocol they speak (ALPN).');
      out.push(`misp_modules_upstream_connections_total{protocol="h2"} ${opened.h2}`);
      out.push(`misp_modules_upstream_connections_total{protocol="http/1.1"} ${opened['http/1.1']}`);
    }
    renderShared(gauges.shared?.() ?? {}, metric, out);

    const memory = process.memoryUsage();
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.');
    out.push(`process_resident_memory_bytes ${memory.rss}`);
    metric('nodejs_heap_size_used_bytes', 'gauge', 'V8 heap used in bytes.');
    out.push(`nodejs_heap_size_used_bytes ${memory.heapUsed}`);
    metric('nodejs_eventloop_lag_p99_seconds', 'gauge', 'The 99th percentile of event loop delay since the previous scrape.');
    out.push(`nodejs_eventloop_lag_p99_seconds ${round(this.loopDelay.percentile(99) / 1e9)}`);
    metric('nodejs_eventloop_lag_max_seconds', 'gauge', 'The largest event loop delay since the previous scrape.');
    out.push(`nodejs_eventloop_lag_max_seconds ${round(this.loopDelay.max / 1e9)}`);
    this.loopDelay.reset();
    metric('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch in seconds.');
    out.push(`process_start_time_seconds ${Math.round(this.started)}`);
    return out.join('\n') + '\n';
  }
}

/** The result cache's counters (with `--cache-ttl` or `--redis`) and the Redis link's state (with `--redis`). */
function renderShared(figures: SharedFigures, metric: (name: string, type: string, help: string) => void, out: string[]): void {
  const { cache, redis } = figures;
  if (cache) {
    metric('misp_modules_cache_hits_total', 'counter', 'Queries answered from the result cache, by where the answer was: this process (local) or Redis (redis).');
    out.push(`misp_modules_cache_hits_total{source="local"} ${cache.hitsLocal}`, `misp_modules_cache_hits_total{source="redis"} ${cache.hitsShared}`);
    metric('misp_modules_cache_misses_total', 'counter', 'Cacheable lookups that were not in the cache and ran.');
    out.push(`misp_modules_cache_misses_total ${cache.misses}`);
    metric('misp_modules_cache_stores_total', 'counter', 'Answers kept in the cache.');
    out.push(`misp_modules_cache_stores_total ${cache.stores}`);
    metric('misp_modules_cache_joined_total', 'counter', 'Lookups that waited for an identical lookup in flight on another instance and took its answer.');
    out.push(`misp_modules_cache_joined_total ${cache.joined}`);
    metric('misp_modules_cache_entries', 'gauge', "Answers in this process's cache.");
    out.push(`misp_modules_cache_entries ${cache.entries}`);
    metric('misp_modules_cache_bytes', 'gauge', "Approximate size of this process's cache in bytes.");
    out.push(`misp_modules_cache_bytes ${cache.bytes}`);
  }
  if (redis) {
    metric('misp_modules_redis_up', 'gauge', '1 while Redis answers (cache, lookups in flight and rate limits shared), 0 while it does not (this process alone).');
    out.push(`misp_modules_redis_up ${redis.up ? 1 : 0}`);
    metric('misp_modules_redis_failures_total', 'counter', 'Redis commands that failed or took longer than --redis-timeout.');
    out.push(`misp_modules_redis_failures_total ${redis.failures}`);
    metric('misp_modules_redis_outages_total', 'counter', 'Times Redis became unavailable after answering.');
    out.push(`misp_modules_redis_outages_total ${redis.outages}`);
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
