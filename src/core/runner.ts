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
}

/** One run of a module's handler, awaited by one or more identical queries. */
interface Flight {
  work: Promise<unknown>;
  abort: LazyAbort;
  waiters: number;
  requestId: string;
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
    const release = this.options.secrets.add(collectSecrets(body, module));
    let outcome: QueryOutcome;
    try {
      outcome = await this.dispatch(body, requestId, module, clientGone, onWork);
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
    return this.execute(module, query, { config, provided, timeoutSeconds, requestId, clientGone, onWork });
  }

  /** Starts the module's work, with its own abort controller (shared by coalesced waiters). */
  private startFlight(module: ModuleDefinition, query: Query, run: RunParameters, log: () => Logger): Flight {
    const abort = new LazyAbort();
    abort.deadline = Date.now() + run.timeoutSeconds * 1000;
    if (this.shutdown.signal.aborted) abort.abort(this.shutdown.signal.reason);
    this.inProgress.add(abort);
    const { network, workers } = this.options;
    const ctx = new QueryContext(run.config, run.provided, moduleLogger(log), run.requestId, abort, network, workers, this.options.resources);
    // The handler starts on the next turn of the event loop, not in a microtask of the
    // request's last chunk: the loop then reads every request that is ready before it
    // writes answers. Measured: /query throughput doubles at 50 connections (BENCHMARKS.md).
    const work = new Promise<void>((resolve) => setImmediate(resolve)).then(() => module.handle(query, ctx));
    const flight: Flight = { work, abort, waiters: 0, requestId: run.requestId };
    // The handler may settle after every waiter has left; its outcome is then dropped here.
    work.catch(() => undefined).finally(() => this.inProgress.delete(abort));
    return flight;
  }

  /**
   * Joins an identical read-only lookup already in flight (same module, body
   * and config, `timeout` aside) or starts a new one.
   */
  private flightFor(module: ModuleDefinition, query: Query, run: RunParameters, log: () => Logger): Flight {
    if (!module.coalesce) return this.startFlight(module, query, run, log);
    // MISP almost never sends `timeout`; copying the query only to drop it would cost on every hover.
    let identity: object = query;
    if ('timeout' in query) {
      const { timeout: _timeout, ...rest } = query;
      identity = rest;
    }
    const key = `${module.name}\n${JSON.stringify(identity)}`;
    const existing = this.flights.get(key);
    if (existing && !existing.abort.aborted) {
      log().debug({ sharedWith: existing.requestId }, 'joined an identical query in flight');
      this.options.metrics?.recordCoalesced();
      return existing;
    }
    const flight = this.startFlight(module, query, run, log);
    this.flights.set(key, flight);
    flight.work
      .catch(() => undefined)
      .finally(() => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      });
    return flight;
  }

  private async execute(module: ModuleDefinition, query: Query, run: RunParameters): Promise<QueryOutcome> {
    // Child loggers cost; most queries never log beyond their summary line.
    let child: Logger | undefined;
    const log = () => (child ??= this.options.logger.child({ reqId: run.requestId, module: module.name }));
    const flight = this.flightFor(module, query, run, log);
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
      return this.serialise(module, winner, query, log, run.requestId);
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

  private serialise(module: ModuleDefinition, result: unknown, query: Query, log: () => Logger, requestId: string): QueryOutcome {
    if (typeof result !== 'object' || result === null || Array.isArray(result)) {
      log().error({ returned: result === null ? 'null' : Array.isArray(result) ? 'array' : typeof result }, `module ${module.name} returned no result object`);
      return this.crash(module, requestId);
    }
    let body: string;
    try {
      body = JSON.stringify(result);
    } catch (error) {
      log().error({ err: error }, `module ${module.name} returned a result that cannot be serialised`);
      return this.crash(module, requestId);
    }
    if (this.options.checkResult) {
      const violations = this.options.checkResult(module, result, query);
      if (violations.length > 0) log().warn({ violations }, `module ${module.name} returned results that MISP may reject`);
    }
    const isError = typeof (result as { error?: unknown }).error === 'string' && !('results' in result);
    return { status: 200, body, outcome: isError ? 'error' : 'ok', module: module.name };
  }
}
