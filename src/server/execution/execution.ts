/**
 * The one way a query runs, wherever it runs. The route hands over the raw
 * body; where the query runs is a policy decided here, not by the caller:
 *
 * - a body over the offload threshold goes, unparsed, to a pool thread
 *   (parsing 20 MB must not hold the event loop);
 * - a query for an isolated module goes to the module's own thread, parsed or
 *   not: a large body the pool thread finds is for an isolated module comes
 *   back from it and is sent there;
 * - everything else runs here, on the in-process runner.
 *
 * The server, each pool thread and each module's thread hold one of these,
 * built by buildRunner (build.ts) from the same settings; they differ only
 * in the places they can send a query to.
 */
import { TIMEOUT_ERROR, type ClientGone, type QueryOutcome, type QueryRunner } from '../../core/runner.js';
import { RequestError } from '../../base/errors.js';
import { parseTimeoutSeconds } from '../../core/timeout.js';
import { parseQueryBody } from '../body.js';
import type { PoolAnswer, RunRequest, StartedNotice } from './protocol.js';
import { errorOutcome } from './remote-query.js';

/** A place other than this thread where queries run. */
export interface QueryPlace<A> {
  run(request: RunRequest, clientGone?: ClientGone): Promise<A>;
  /** Queries running there now. */
  readonly running: number;
  /** Answers every running query `Timeout.` and stops it (shutdown). */
  abortAll(): void;
}

export interface QueryJob {
  /** The raw body, or one already parsed. */
  body: Buffer | Record<string, unknown>;
  requestId: string;
  clientGone?: ClientGone;
  /** Told once the body is parsed, before the module runs here (threads that run queries for the server). */
  onStarted?: (notice: StartedNotice) => void;
  /** Receives the module's work when it runs here (it may settle after the answer). */
  onWork?: (work: Promise<unknown>) => void;
}

/** A query this thread must not run: it belongs on the named module's own thread (a pool thread gives it back). */
export interface HandBack {
  runOn: string;
  body: ArrayBuffer;
}

/** The threads of the isolated modules, one place per module. */
export interface OwnThreads {
  forModule(name: string): QueryPlace<QueryOutcome>;
  readonly running: number;
  abortAll(): void;
}

export interface Places {
  /** Bodies larger than `threshold` bytes run there. */
  pool?: { place: QueryPlace<PoolAnswer>; threshold: number };
  /**
   * Where isolated modules run: their own threads (the server), or `hand back`
   * (a pool thread, which cannot reach them). Absent: here (a module's own thread).
   */
  ownThreads?: OwnThreads | 'hand back';
}

type Placement =
  | { where: 'here'; body: Record<string, unknown>; module: string | undefined }
  | { where: 'own thread'; module: string; body: Record<string, unknown> }
  | { where: 'pool'; raw: Buffer }
  | { where: 'hand back'; module: string; raw: Buffer }
  | { where: 'answered'; outcome: QueryOutcome };

export interface ExecutionOptions {
  runner: QueryRunner;
  places: Places;
  /** Names of the modules that run on a thread of their own. */
  isolated: ReadonlySet<string>;
  /** Names of the modules whose identical queries in flight share one run (read-only lookups). */
  coalesced: ReadonlySet<string>;
  /** Told when a query joins a run in flight (for /metrics). */
  onJoined?: () => void;
  maxJsonDepth: number;
  defaultTimeoutSeconds: number;
}

/** The body's bytes, as an ArrayBuffer another thread can own (copied only when shared with other data). */
export function ownBytes(raw: Buffer): ArrayBuffer {
  const buffer = raw.buffer as ArrayBuffer;
  return raw.byteOffset === 0 && raw.byteLength === buffer.byteLength ? buffer : buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
}

/** One run on a module's own thread, shared by identical queries. */
interface SharedRun {
  answer: Promise<QueryOutcome>;
  waiters: number;
  /** Called when the last waiter leaves: the run is stopped. */
  allLeft: Array<() => void>;
}

export class QueryExecution {
  /** Runs on modules' own threads that identical queries may join (by module, body and timeout). */
  private readonly shared = new Map<string, SharedRun>();

  constructor(private readonly options: ExecutionOptions) {}

  /** Queries running now, here and on every place this execution sends to. */
  get running(): number {
    const { places, runner } = this.options;
    const threads = typeof places.ownThreads === 'object' ? places.ownThreads.running : 0;
    return runner.running + (places.pool?.place.running ?? 0) + threads;
  }

  abortAll(): void {
    const { places, runner } = this.options;
    runner.abortAll();
    places.pool?.place.abortAll();
    if (typeof places.ownThreads === 'object') places.ownThreads.abortAll();
  }

  /**
   * For the route, where a query enters: its answer, and its one log line
   * and metrics (the in-process runner writes them for queries run here).
   * The server's execution never hands a query back: it holds the modules' threads.
   */
  answer(job: QueryJob): Promise<QueryOutcome> {
    const placed = this.place(job);
    // The hot path (a small query for a module run here) is the runner's call, nothing around it.
    if (placed.where === 'here') return this.options.runner.run(placed.body, job.requestId, job.clientGone);
    return this.elsewhere(placed, job, true) as Promise<QueryOutcome>;
  }

  /** For a thread that runs queries for the server: no log line (the server writes it); may hand a query back. */
  run(job: QueryJob): Promise<QueryOutcome | HandBack> {
    const placed = this.place(job);
    if (placed.where === 'here') {
      job.onStarted?.({ timeoutSeconds: this.timeoutOf(placed.body), ...(placed.module ? { module: placed.module } : {}) });
      return this.options.runner.run(placed.body, job.requestId, job.clientGone, job.onWork);
    }
    return this.elsewhere(placed, job, false);
  }

  /** The policy: where this query runs. */
  private place(job: QueryJob): Placement {
    const { places } = this.options;
    const raw = Buffer.isBuffer(job.body) ? job.body : undefined;
    if (raw && places.pool && raw.length > places.pool.threshold) return { where: 'pool', raw };
    let body: Record<string, unknown>;
    try {
      body = raw ? parseQueryBody(raw, this.options.maxJsonDepth) : (job.body as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      return { where: 'answered', outcome: { status: error.status, body: JSON.stringify({ error: error.message }), outcome: 'bad-request' } };
    }
    const name = body['module'];
    const module = typeof name === 'string' ? name.slice(0, 200) : undefined;
    if (module !== undefined && this.options.isolated.has(module) && places.ownThreads) {
      if (places.ownThreads !== 'hand back') return { where: 'own thread', module, body };
      if (raw) return { where: 'hand back', module, raw };
    }
    return { where: 'here', body, module };
  }

  private async elsewhere(placed: Exclude<Placement, { where: 'here' }>, job: QueryJob, summary: boolean): Promise<QueryOutcome | HandBack> {
    const started = performance.now();
    let result: QueryOutcome | HandBack;
    const request = (body: RunRequest['body']): RunRequest => ({ body, requestId: job.requestId });
    if (placed.where === 'answered') result = placed.outcome;
    else if (placed.where === 'hand back') result = { runOn: placed.module, body: ownBytes(placed.raw) };
    else if (placed.where === 'own thread') result = await this.onOwnThreadShared(placed.module, placed.body, job);
    else {
      const answer = await this.options.places.pool!.place.run(request(ownBytes(placed.raw)), job.clientGone);
      result = 'outcome' in answer ? answer.outcome : await this.onOwnThread(answer.runOn, request(answer.body), job);
    }
    if (summary && !('runOn' in result)) this.options.runner.logSummary(job.requestId, result.module, result, performance.now() - started);
    return result;
  }

  /**
   * Identical read-only lookups in flight share one run on the module's
   * thread, joined here before they cross to it (as the runner does for
   * queries run here). The `timeout` field is part of the identity: the shared
   * run's deadline is every waiter's. A waiter whose client leaves is answered
   * at once; the run is stopped when the last one leaves.
   */
  private onOwnThreadShared(name: string, body: Record<string, unknown>, job: QueryJob): Promise<QueryOutcome> {
    if (!this.options.coalesced.has(name)) return this.onOwnThread(name, { body, requestId: job.requestId }, job);
    const key = `${name}\n${JSON.stringify(body)}`;
    let run = this.shared.get(key);
    if (!run) {
      const allLeft: Array<() => void> = [];
      const runThere = () => this.onOwnThread(name, { body, requestId: job.requestId }, { ...job, clientGone: (listener) => allLeft.push(listener) });
      // The result cache answers first when it can (the module's thread has none of its own).
      let stopWaiting = (): void => undefined;
      const waitSignal = (): AbortSignal => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), this.timeoutOf(body) * 1000);
        allLeft.push(() => controller.abort());
        stopWaiting = () => clearTimeout(timer);
        return controller.signal;
      };
      const answer = this.options.runner.throughCache(body, waitSignal, runThere);
      void answer.then(() => stopWaiting(), () => stopWaiting());
      const started: SharedRun = { waiters: 0, allLeft, answer };
      this.shared.set(key, started);
      void started.answer.finally(() => {
        if (this.shared.get(key) === started) this.shared.delete(key);
      });
      run = started;
    } else {
      this.options.onJoined?.();
    }
    const joined = run;
    joined.waiters++;
    return new Promise<QueryOutcome>((resolve) => {
      let left = false;
      void joined.answer.then((outcome) => {
        if (left) return;
        left = true;
        joined.waiters--;
        resolve(outcome);
      });
      job.clientGone?.(() => {
        if (left) return;
        left = true;
        resolve(errorOutcome('aborted', TIMEOUT_ERROR, name));
        if (--joined.waiters > 0) return;
        // Nobody waits any more: the run stops, and no one may join it.
        if (this.shared.get(key) === joined) this.shared.delete(key);
        for (const listener of joined.allLeft) listener();
      });
    });
  }

  private onOwnThread(name: string, request: RunRequest, job: QueryJob): Promise<QueryOutcome> {
    const { ownThreads } = this.options.places;
    if (typeof ownThreads !== 'object') return Promise.resolve(errorOutcome('crash', `module ${name} has no thread to run on`, name));
    return ownThreads.forModule(name).run(request, job.clientGone);
  }

  private timeoutOf(body: Record<string, unknown>): number {
    try {
      return parseTimeoutSeconds(body['timeout'], this.options.defaultTimeoutSeconds);
    } catch {
      return this.options.defaultTimeoutSeconds; // the runner answers the bad timeout itself
    }
  }
}
