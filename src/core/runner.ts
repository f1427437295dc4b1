/**
 * Runs one /query: finds the module, normalises config and timeout, checks
 * the input, runs the handler under an AbortSignal with the query's timeout,
 * and maps every outcome to the JSON MISP expects (always HTTP 200 for
 * module-level outcomes, PROTOCOL.md §3.6).
 */
import type { Logger } from 'pino';
import { normaliseConfig } from './config.js';
import { AbortedError, ModuleError, RequestError } from '../base/errors.js';
import { checkQueryInput } from './input-check.js';
import type { ModuleContext, ModuleDefinition, ModuleLogger, Query } from './module.js';
import type { ModuleRegistry } from './registry.js';
import { collectSecrets, redactSensitiveKeys, scrubText, type SecretRegistry } from './secrets.js';
import { LazyAbort } from './lazy-abort.js';
import { ModuleLoadError } from './lazy-module.js';
import { QueryContext, type QueryNetwork } from './query-context.js';
import type { SharedResources } from './resource-cache.js';
import { parseTimeoutSeconds } from './timeout.js';
import type { WorkerPool } from './worker-pool.js';
import type { QueryMetrics, QueryOutcomeKind } from './metrics.js';
import type { SlotLimiter } from './rate-limiter.js';
import type { ResultCache } from './result-cache.js';

export type { QueryNetwork } from './query-context.js';
export type { QueryOutcomeKind } from './metrics.js';

/** What the runner needs from the network layer. */

/** Registers a callback for when the client hangs up (at most once). */
export type ClientGone = (listener: () => void) => void;


export interface QueryOutcome {
  status: number;
  /** The serialised JSON body. */
  body: string;
  outcome: QueryOutcomeKind;
  module?: string;
  /** A result object without an `error`: an answer the cache may keep. */
  cacheable?: boolean;
}

export interface RunnerOptions {
  registry: ModuleRegistry;
  logger: Logger;
  secrets: SecretRegistry;
  network: QueryNetwork;
  workers: WorkerPool;
  resources: SharedResources;
  /** Seconds; upstream's default is 300. */
  defaultTimeoutSeconds: number;
  metrics?: QueryMetrics;
  /** Write the one-line summary of each query (off where another runner writes it). Default true. */
  logSummary?: boolean;
  /** Called on every result when set (`--strict-results`): returns violations to log. */
  checkResult?: (module: ModuleDefinition, result: unknown, query: Query) => string[];
  /** Successful lookups kept and served again, and lookups in flight joined across instances (`--cache-ttl`, `--redis`). */
  cache?: ResultCache;
  /** Where vendor requests wait for a rate-limit slot; default the process's limiter. */
  limiter?: SlotLimiter;
}

export const TIMEOUT_ERROR = 'Timeout.';

const TIMED_OUT = Symbol('timed out');
const CLIENT_GONE = Symbol('client gone');

interface RunParameters {
  config: ModuleContext['config'];
  provided: boolean;
  timeoutSeconds: number;
  requestId: string;
  clientGone: ClientGone | undefined;
  onWork: ((work: Promise<unknown>) => void) | undefined;
  /** The query's secrets (collectSecrets): an answer that spells one is not cached. */
  secrets: readonly string[];
}

/** One run of a module's handler, awaited by one or more identical queries. */
interface Flight {
  work: Promise<unknown>;
  abort: LazyAbort;
  waiters: number;
  requestId: string;
  /** The result serialised once for every waiter, when the flight already did it (to cache it). */
  body?: string;
}

/** An answer that comes serialised from the cache or from another instance's identical lookup. */
class CachedAnswer {
  constructor(readonly body: string) {}
}

/** The JSON of a result worth caching (a result object, not an error); undefined otherwise. */
function cacheableBody(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || 'error' in result) return undefined;
  try {
    return JSON.stringify(result);
  } catch {
    return undefined;
  }
}

/** The part of a query that identifies it for coalescing and caching: module and everything but `timeout`. */
export function queryIdentity(module: ModuleDefinition, query: Query): string {
  // MISP almost never sends `timeout`; copying the query only to drop it would cost on every hover.
  let identity: object = query;
  if ('timeout' in query) {
    const { timeout: _timeout, ...rest } = query;
    identity = rest;
  }
  return `${module.name}\n${JSON.stringify(identity)}`;
}

function json(body: unknown): string {
  return JSON.stringify(body);
}

function errorOutcome(kind: QueryOutcomeKind, message: string, module?: string, status = 200): QueryOutcome {
  return { status, body: json({ error: message }), outcome: kind, ...(module ? { module } : {}) };
}

/** The logger modules see: lines carry the request id and module; sensitive keys in details are redacted. */
function moduleLogger(log: () => Logger): ModuleLogger {
  const details = (d: Record<string, unknown> | undefined) => (d ? redactSensitiveKeys(d) : {});
  return {
    debug: (message, d) => log().debug(details(d), message),
    info: (message, d) => log().info(details(d), message),
    warn: (message, d) => log().warn(details(d), message),
    error: (message, d) => log().error(details(d), message),
  };
}

export class QueryRunner {
  private readonly shutdown = new AbortController();
  private readonly flights = new Map<string, Flight>();
  /** Work in progress, aborted together on shutdown (a set, not one listener per query). */
  private readonly inProgress = new Set<LazyAbort>();
  private inFlight = 0;

  constructor(private readonly options: RunnerOptions) {}

  /** Queries currently running. */
  get running(): number {
    return this.inFlight;
  }

  /** Aborts every running query (used when a graceful shutdown runs out of time). */
  abortAll(): void {
    const reason = new AbortedError('The server is shutting down.');
    this.shutdown.abort(reason);
    for (const abort of this.inProgress) abort.abort(reason);
  }

  /**
   * `onWork`, when given, receives the module's work once it starts: it
   * settles when the handler does, which may be after the answer (a timeout).
   */
  async run(body: Record<string, unknown>, requestId: string, clientGone?: ClientGone, onWork?: (work: Promise<unknown>) => void): Promise<QueryOutcome> {
    const { registry } = this.options;
    const started = performance.now();
    const name = body['module'];
    const module = typeof name === 'string' ? registry.get(name) : undefined;
    const secrets = collectSecrets(body, module);
    const release = this.options.secrets.add(secrets);
    let outcome: QueryOutcome;
    try {
      outcome = await this.dispatch(body, requestId, module, secrets, clientGone, onWork);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      outcome = errorOutcome('bad-request', error.message, module?.name, error.status);
    }
    const ms = performance.now() - started;
    if (this.options.logSummary !== false) this.logSummary(requestId, name, outcome, ms);
    release();
    return outcome;
  }

  /** The one line per query: request id, module, outcome, duration; and its metrics. */
  logSummary(requestId: string, name: unknown, outcome: QueryOutcome, ms: number): void {
    this.options.logger.info({ reqId: requestId, module: typeof name === 'string' ? name.slice(0, 200) : undefined, outcome: outcome.outcome, ms: Math.round(ms * 10) / 10 }, 'query');
    this.options.metrics?.record(outcome.module !== undefined && this.options.registry.has(outcome.module) ? outcome.module : undefined, outcome.outcome, ms / 1000);
  }

  private async dispatch(
    body: Record<string, unknown>,
    requestId: string,
    module: ModuleDefinition | undefined,
    secrets: readonly string[],
    clientGone?: ClientGone,
    onWork?: (work: Promise<unknown>) => void,
  ): Promise<QueryOutcome> {
    const name = body['module'];
    const timeoutSeconds = parseTimeoutSeconds(body['timeout'], this.options.defaultTimeoutSeconds);
    if (name === undefined || name === null || name === '') {
      return errorOutcome('unknown-module', 'The request has no "module" field: name the module to query (GET /modules lists them).');
    }
    if (typeof name !== 'string') throw new RequestError('"module" must be a string naming a module.');
    if (!module) {
      return errorOutcome('unknown-module', `Unknown module '${name.slice(0, 200)}': this server has no module of that name (GET /modules lists them).`);
    }
    const { config, provided } = normaliseConfig(body['config'], module);
    const query = body as Query;
    const inputProblem = checkQueryInput(module, query);
    if (inputProblem) return errorOutcome('error', inputProblem, module.name);
    return this.execute(module, query, { config, provided, timeoutSeconds, requestId, clientGone, onWork, secrets });
  }

  /**
   * Starts the module's work, with its own abort controller (shared by
   * coalesced waiters). With a cache key, the cache (and other instances,
   * through Redis) may answer instead, and a successful answer is kept.
   */
  private startFlight(module: ModuleDefinition, query: Query, run: RunParameters, log: () => Logger, cacheKey?: string): Flight {
    const abort = new LazyAbort();
    abort.deadline = Date.now() + run.timeoutSeconds * 1000;
    if (this.shutdown.signal.aborted) abort.abort(this.shutdown.signal.reason);
    this.inProgress.add(abort);
    const { network, workers } = this.options;
    const ctx = new QueryContext(run.config, run.provided, moduleLogger(log), run.requestId, abort, network, workers, this.options.resources, this.options.limiter);
    // The handler starts on the next turn of the event loop, not in a microtask of the
    // request's last chunk: the loop then reads every request that is ready before it
    // writes answers. Measured: /query throughput doubles at 50 connections (BENCHMARKS.md).
    const next = new Promise<void>((resolve) => setImmediate(resolve));
    const cache = this.options.cache;
    const work =
      cache && cacheKey !== undefined
        ? next.then(() => this.handleThroughCache(cache, cacheKey, module, query, ctx, abort, run.secrets, flight))
        : next.then(() => module.handle(query, ctx));
    const flight: Flight = { work, abort, waiters: 0, requestId: run.requestId };
    // The handler may settle after every waiter has left; its outcome is then dropped here.
    work.catch(() => undefined).finally(() => this.inProgress.delete(abort));
    return flight;
  }

  /** The module's run behind the cache: a cached or another instance's answer, else the handler, whose answer is kept. */
  private async handleThroughCache(
    cache: ResultCache,
    key: string,
    module: ModuleDefinition,
    query: Query,
    ctx: QueryContext,
    abort: LazyAbort,
    secrets: readonly string[],
    flight: Flight,
  ): Promise<unknown> {
    // The signal (an AbortController) is made only if the lookup waits for another instance.
    const before = await cache.beforeRun(key, () => abort.signal);
    if ('body' in before) return new CachedAnswer(before.body);
    let result: unknown;
    try {
      result = await module.handle(query, ctx);
    } catch (error) {
      cache.release(before.lease);
      throw error;
    }
    const body = cacheableBody(result);
    if (body !== undefined) flight.body = body;
    if (body !== undefined && cache.accepts(body, secrets)) cache.store(key, body, before.lease);
    else cache.release(before.lease);
    return result;
  }

  /**
   * Joins an identical read-only lookup already in flight (same module, body
   * and config, `timeout` aside) or starts a new one.
   */
  private flightFor(module: ModuleDefinition, query: Query, run: RunParameters, log: () => Logger, identity: string | undefined, cacheKey: string | undefined): Flight {
    if (identity === undefined) return this.startFlight(module, query, run, log);
    const existing = this.flights.get(identity);
    if (existing && !existing.abort.aborted) {
      log().debug({ sharedWith: existing.requestId }, 'joined an identical query in flight');
      this.options.metrics?.recordCoalesced();
      return existing;
    }
    const flight = this.startFlight(module, query, run, log, cacheKey);
    this.flights.set(identity, flight);
    flight.work
      .catch(() => undefined)
      .finally(() => {
        if (this.flights.get(identity) === flight) this.flights.delete(identity);
      });
    return flight;
  }

  /**
   * The cache around a query that runs elsewhere (a module's own thread,
   * whose runner has no cache): the same keys, hits and stores as here.
   * `waitSignal` (asked for only when the cache is used) stops a wait for
   * another instance's answer: every waiter left, or the deadline passed.
   */
  async throughCache(body: Record<string, unknown>, waitSignal: () => AbortSignal, runElsewhere: () => Promise<QueryOutcome>): Promise<QueryOutcome> {
    const cache = this.options.cache;
    const name = body['module'];
    const module = typeof name === 'string' ? this.options.registry.get(name) : undefined;
    if (!cache || !module?.cache) return runElsewhere();
    const key = cache.keyOf(queryIdentity(module, body as Query));
    const hit = cache.local(key);
    if (hit !== undefined) return { status: 200, body: hit, outcome: 'ok', module: module.name };
    let before;
    try {
      before = await cache.beforeRun(key, waitSignal);
    } catch {
      return errorOutcome('timeout', TIMEOUT_ERROR, module.name);
    }
    if ('body' in before) return { status: 200, body: before.body, outcome: 'ok', module: module.name };
    let outcome: QueryOutcome;
    try {
      outcome = await runElsewhere();
    } catch (error) {
      cache.release(before.lease);
      throw error;
    }
    if (outcome.cacheable === true && outcome.status === 200 && cache.accepts(outcome.body, collectSecrets(body, module))) {
      cache.store(key, outcome.body, before.lease);
    } else {
      cache.release(before.lease);
    }
    return outcome;
  }

  private async execute(module: ModuleDefinition, query: Query, run: RunParameters): Promise<QueryOutcome> {
    // Child loggers cost; most queries never log beyond their summary line.
    let child: Logger | undefined;
    const log = () => (child ??= this.options.logger.child({ reqId: run.requestId, module: module.name }));
    const identity = module.coalesce ? queryIdentity(module, query) : undefined;
    const cache = this.options.cache;
    const cacheKey = cache && identity !== undefined && module.cache ? cache.keyOf(identity) : undefined;
    if (cacheKey !== undefined) {
      // A repeated hover answered from this process's LRU: no flight, no turn of the event loop.
      const hit = cache!.local(cacheKey);
      if (hit !== undefined) return { status: 200, body: hit, outcome: 'ok', module: module.name };
    }
    const flight = this.flightFor(module, query, run, log, identity, cacheKey);
    run.onWork?.(flight.work);
    flight.waiters++;
    let left = false;
    // A waiter that gives up (timeout, client gone) leaves; the last one to leave aborts the work.
    const leave = (reason: string) => {
      if (left) return;
      left = true;
      flight.waiters--;
      if (flight.waiters === 0) flight.abort.abort(new AbortedError(reason));
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), run.timeoutSeconds * 1000);
    });
    const clientGone = new Promise<typeof CLIENT_GONE>((resolve) => run.clientGone?.(() => resolve(CLIENT_GONE)));
    const flightAborted = new Promise<AbortedError>((resolve) => flight.abort.onAbort(() => resolve(new AbortedError())));
    this.inFlight++;
    try {
      const winner = await Promise.race([flight.work, timedOut, clientGone, flightAborted]);
      if (winner === TIMED_OUT) {
        leave(`Timed out after ${run.timeoutSeconds} s.`);
        log().warn({ timeoutSeconds: run.timeoutSeconds }, 'query timed out; its work was aborted');
        return errorOutcome('timeout', TIMEOUT_ERROR, module.name);
      }
      if (winner === CLIENT_GONE) {
        leave('The client went away.');
        return errorOutcome('aborted', TIMEOUT_ERROR, module.name);
      }
      if (winner instanceof AbortedError) return errorOutcome('aborted', TIMEOUT_ERROR, module.name);
      if (winner instanceof CachedAnswer) return { status: 200, body: winner.body, outcome: 'ok', module: module.name };
      return this.serialise(module, winner, query, log, run.requestId, flight.body);
    } catch (error) {
      if (flight.abort.aborted) return errorOutcome('timeout', TIMEOUT_ERROR, module.name);
      if (error instanceof ModuleError) {
        return errorOutcome('error', scrubText(error.message, collectSecrets(query, module)), module.name);
      }
      if (error instanceof ModuleLoadError) {
        // A built-in module's code is imported on its first query (core/lazy-module.ts).
        log().error({ err: error.cause }, `module ${module.name}: its code could not be loaded`);
        return errorOutcome('crash', `${error.message}: look in the server logs for details (request id ${run.requestId}).`, module.name);
      }
      log().error({ err: error }, `module ${module.name} failed`);
      return this.crash(module, run.requestId);
    } finally {
      clearTimeout(timer);
      if (!left) {
        left = true;
        flight.waiters--;
      }
      this.inFlight--;
    }
  }

  private crash(module: ModuleDefinition, requestId: string): QueryOutcome {
    return errorOutcome(
      'crash',
      `Something went wrong in module '${module.name}', look in the server logs for details (request id ${requestId}).`,
      module.name,
    );
  }

  /** `serialised`: the result's JSON when the flight already made it (to cache it). */
  private serialise(module: ModuleDefinition, result: unknown, query: Query, log: () => Logger, requestId: string, serialised?: string): QueryOutcome {
    if (typeof result !== 'object' || result === null || Array.isArray(result)) {
      log().error({ returned: result === null ? 'null' : Array.isArray(result) ? 'array' : typeof result }, `module ${module.name} returned no result object`);
      return this.crash(module, requestId);
    }
    let body: string;
    try {
      body = serialised ?? JSON.stringify(result);
    } catch (error) {
      log().error({ err: error }, `module ${module.name} returned a result that cannot be serialised`);
      return this.crash(module, requestId);
    }
    if (this.options.checkResult) {
      const violations = this.options.checkResult(module, result, query);
      if (violations.length > 0) log().warn({ violations }, `module ${module.name} returned results that MISP may reject`);
    }
    const isError = typeof (result as { error?: unknown }).error === 'string' && !('results' in result);
    return { status: 200, body, outcome: isError ? 'error' : 'ok', module: module.name, cacheable: !('error' in result) };
  }
}
