/**
 * The one function that builds a runner from settings. The server, every
 * pool thread and every isolated module's thread call it: the same
 * in-process runner (registry, network, logger, timeouts, strict results)
 * and the same execution policy (execution.ts); only the places a query can
 * be sent to differ.
 */
import type { Logger } from 'pino';
import type { QueryMetrics } from '../../core/metrics.js';
import type { SlotLimiter } from '../../core/rate-limiter.js';
import type { ResultCache } from '../../core/result-cache.js';
import type { ModuleRegistry } from '../../core/registry.js';
import { ResourceCache } from '../../core/resource-cache.js';
import { QueryRunner, type QueryNetwork } from '../../core/runner.js';
import type { SecretRegistry } from '../../core/secrets.js';
import type { WorkerPool } from '../../core/worker-pool.js';
import { QueryExecution, type Places } from './execution.js';
import type { ExecutionSettings } from './protocol.js';

/** What each thread has of its own. */
export interface RunnerParts {
  registry: ModuleRegistry;
  logger: Logger;
  secrets: SecretRegistry;
  network: QueryNetwork;
  workers: WorkerPool;
  metrics?: QueryMetrics;
  /** The server's result cache (threads have none: the server consults it for queries it sends them). */
  cache?: ResultCache;
  /** The server's rate-limit windows (threads use their own). */
  limiter?: SlotLimiter;
}

export async function buildRunner(settings: ExecutionSettings, parts: RunnerParts, places: Places): Promise<QueryExecution> {
  const runner = new QueryRunner({
    ...parts,
    resources: new ResourceCache(),
    defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
    // The query's one line is written where it entered: the server (the runner for queries run there, QueryExecution.answer for the others).
    logSummary: parts.metrics !== undefined,
    // Loaded only when asked for: the data model is not needed to serve.
    ...(settings.strictResults ? { checkResult: (await import('../result-checker.js')).createResultChecker() } : {}),
  });
  return new QueryExecution({
    runner,
    places,
    isolated: new Set(settings.isolated),
    coalesced: new Set(parts.registry.all().filter((m) => m.coalesce).map((m) => m.name)),
    ...(parts.metrics ? { onJoined: () => parts.metrics?.recordCoalesced() } : {}),
    maxJsonDepth: settings.maxJsonDepth,
    defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
  });
}
