/**
 * The server side of an isolated module: a worker thread of the module's
 * own, started on first use, running queries with the same runner as the
 * server (thread-entry.ts). Queries, raw or parsed, are posted to it and
 * answered by message; the deadline is kept here (remote-query.ts).
 *
 * A query the server gives up on (timeout, client gone, shutdown) is told to
 * stop, and the thread is pinged. A thread that does not answer the ping at
 * once is stuck (a loop on the CPU): it is retired, so new queries go to a
 * fresh thread instead of queueing behind the loop. If the query's work has
 * not settled within the grace period, its thread is terminated, which stops
 * any JavaScript. Queries the terminated thread had not started yet are sent
 * to the fresh thread (the module never saw them); those it was running fail
 * with a clear error. The server itself is never blocked.
 */
import type { Worker } from 'node:worker_threads';
import { AbortedError } from '../../base/errors.js';
import type { ClientGone, QueryOutcome } from '../../core/runner.js';
import { startThread } from '../../core/thread-start.js';
import type { QueryPlace } from './execution.js';
import type { FromThread, ModuleThreadData, RunRequest, ToThread } from './protocol.js';
import { errorOutcome, RemoteQuery } from './remote-query.js';
import { TIMEOUT_ERROR } from '../../core/runner.js';

export interface ModuleThreadOptions {
  /** How long a query told to stop may take before its thread is terminated. */
  abortGraceMs: number;
  /** Memory cap of the thread (MiB of old generation). */
  maxOldGenerationSizeMb: number;
  /** Told when a thread is terminated or fails, or loses a query, for the server log. */
  onThreadEvent: (event: { module: string; what: string; error?: unknown; requestId?: string }) => void;
  /** Writes a log line from the thread (already scrubbed there) to the server's log. */
  writeLine: (line: string) => void;
}

/** How long a thread has to answer a ping before it counts as stuck. */
const PING_MS = 100;

interface Pending {
  request: RunRequest;
  remote: RemoteQuery;
  resolve(outcome: QueryOutcome): void;
  reject(error: unknown): void;
  worker: Worker;
  /** The thread parsed it and called the runner: from here the module has seen the query. */
  started: boolean;
  /** The server gave up on it. */
  stopped: boolean;
  graceTimer?: NodeJS.Timeout;
}

/** The thread was terminated or crashed while this query ran on it. */
export class ThreadLostError extends Error {}

export class ModuleThread implements QueryPlace<QueryOutcome> {
  /** Where new queries go; undefined until first use or after it was retired. */
  private worker: Worker | undefined;
  /** Every live thread: the current one and retired ones still finishing queries. */
  private readonly workers = new Set<Worker>();
  private readonly pending = new Map<number, Pending>();
  private readonly pings = new Map<Worker, NodeJS.Timeout>();
  /** Queries not answered yet. */
  private readonly waiting = new Set<RemoteQuery>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly data: ModuleThreadData,
    private readonly options: ModuleThreadOptions,
  ) {}

  /** Queries running on the module's threads now. */
  get running(): number {
    return this.pending.size;
  }

  /** Whether a thread is alive (for tests and metrics). */
  get alive(): boolean {
    return this.workers.size > 0;
  }

  run(request: RunRequest, clientGone?: ClientGone): Promise<QueryOutcome> {
    if (this.closed) return Promise.resolve(errorOutcome('aborted', TIMEOUT_ERROR, this.data.module));
    const id = this.nextId++;
    const remote = new RemoteQuery();
    const answer = new Promise<QueryOutcome>((resolve, reject) => {
      const pending: Pending = { request, remote, resolve, reject, worker: this.current(), started: false, stopped: false };
      this.pending.set(id, pending);
      this.dispatch(id, pending);
    });
    this.waiting.add(remote);
    return remote.settle({
      requestId: request.requestId,
      answer,
      wrap: (outcome) => outcome,
      stop: (reason) => this.stop(id, reason),
      lost: (error, module) => this.options.onThreadEvent({ module: module ?? this.data.module, what: 'lost a query it was running', error, requestId: request.requestId }),
      clientGone,
    }).finally(() => this.waiting.delete(remote));
  }

  abortAll(): void {
    for (const remote of this.waiting) remote.shutdown();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((worker) => this.terminate(worker, 'the server is shutting down')));
  }

  private dispatch(id: number, pending: Pending): void {
    const { body, requestId } = pending.request;
    // A raw body is copied, not transferred: it may have to move to a fresh thread.
    this.post(pending.worker, { type: 'run', id, body, requestId });
  }

  private stop(id: number, reason: string): void {
    const pending = this.pending.get(id);
    if (!pending || pending.stopped) return;
    pending.stopped = true;
    const { worker, request } = pending;
    this.post(worker, { type: 'abort', id, reason });
    this.ping(worker);
    pending.graceTimer = setTimeout(
      () => void this.terminate(worker, `query ${request.requestId} did not stop within ${this.options.abortGraceMs} ms of its abort`),
      this.options.abortGraceMs,
    );
    pending.graceTimer.unref();
  }

  /** A thread that cannot answer at once is retired: new queries start a fresh one. */
  private ping(worker: Worker): void {
    if (this.pings.has(worker)) return;
    const timer = setTimeout(() => {
      this.pings.delete(worker);
      if (this.worker === worker) this.worker = undefined;
    }, PING_MS);
    timer.unref();
    this.pings.set(worker, timer);
    this.post(worker, { type: 'ping' });
  }

  private post(worker: Worker, message: ToThread): void {
    worker.postMessage(message);
  }

  private current(): Worker {
    if (this.worker) return this.worker;
    const worker = startThread(new URL('./thread-entry.js', import.meta.url), {
      workerData: this.data,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
    worker.on('message', (message: FromThread) => this.receive(worker, message));
    worker.on('error', (error) => {
      this.options.onThreadEvent({ module: this.data.module, what: 'thread failed', error });
      this.lose(worker, `the module's thread failed: ${error.message}`);
    });
    worker.on('exit', (code) => this.lose(worker, `the module's thread stopped (exit code ${code})`));
    // An idle thread must not keep the process alive.
    worker.unref();
    this.worker = worker;
    this.workers.add(worker);
    return worker;
  }

  private receive(worker: Worker, message: FromThread): void {
    if (message.type === 'pong') {
      clearTimeout(this.pings.get(worker));
      this.pings.delete(worker);
      return;
    }
    if (message.type === 'log') {
      this.options.writeLine(message.line);
      return;
    }
    // A module's thread shares its port with every query: its lines are in order with its outcomes.
    if (message.type === 'lines-done') return;
    const pending = this.pending.get(message.id);
    if (!pending || pending.worker !== worker) return;
    if (message.type === 'started') {
      pending.started = true;
      pending.remote.started(message);
      return;
    }
    this.pending.delete(message.id);
    clearTimeout(pending.graceTimer);
    pending.resolve(message.outcome);
    this.retireIfDrained(worker);
  }

  /** A retired thread is stopped once its last query settles. */
  private retireIfDrained(worker: Worker): void {
    if (worker === this.worker || !this.workers.has(worker)) return;
    for (const pending of this.pending.values()) if (pending.worker === worker) return;
    this.workers.delete(worker);
    void worker.terminate();
  }

  private async terminate(worker: Worker, why: string): Promise<void> {
    if (!this.workers.has(worker)) return;
    if (!this.closed) this.options.onThreadEvent({ module: this.data.module, what: `thread terminated: ${why}` });
    this.lose(worker, `the module's thread was stopped because ${why}`);
    await worker.terminate();
  }

  /**
   * Forgets a thread that is gone. Its queries that had not started go to a
   * fresh thread; the others fail.
   */
  private lose(worker: Worker, why: string): void {
    if (!this.workers.delete(worker)) return;
    if (this.worker === worker) this.worker = undefined;
    clearTimeout(this.pings.get(worker));
    this.pings.delete(worker);
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      clearTimeout(pending.graceTimer);
      if (!pending.started && !pending.stopped && !this.closed) {
        pending.worker = this.current();
        this.dispatch(id, pending);
        continue;
      }
      this.pending.delete(id);
      pending.reject(pending.stopped ? new AbortedError(why) : new ThreadLostError(why));
    }
  }
}
