/**
 * The server side of an isolated module: one worker thread per module,
 * started on first use. Queries are posted to it and answered by message.
 *
 * A query that is aborted (timeout, client gone, shutdown) is told to stop;
 * if the thread has not settled it within the grace period, the module is
 * stuck (a loop on the CPU, an abort signal ignored while holding work): the
 * thread is terminated, which stops any JavaScript, and the next query
 * starts a fresh one. Other queries that were running on the terminated
 * thread fail with a clear error; the server itself is never blocked.
 */
import { Worker } from 'node:worker_threads';
import { AbortedError, ModuleError } from '../errors.js';
import type { ModuleContext, ModuleResult, Query } from '../module.js';
import { sourceOrBuilt } from '../worker-pool.js';
import type { FromThread, ThreadData, ToThread } from './protocol.js';

export interface ModuleThreadOptions {
  /** How long an aborted query may take to stop before its thread is terminated. */
  abortGraceMs: number;
  /** Memory cap of the thread (MiB of old generation). */
  maxOldGenerationSizeMb: number;
  /** Told when a thread is terminated or fails, for the server log. */
  onThreadEvent: (event: { module: string; what: string; error?: unknown }) => void;
}

interface Pending {
  resolve(result: ModuleResult): void;
  reject(error: unknown): void;
  ctx: ModuleContext;
  graceTimer?: NodeJS.Timeout;
}

/**
 * Running from source (development, tests), tsx's hooks do not reach worker
 * threads on Node 20: the thread registers them itself, so that the entry,
 * the modules and what they import load as on the main thread.
 */
function fromSource(entry: string): string {
  // The same registration as `node --import tsx`: ESM and CommonJS hooks.
  const esm = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const cjs = JSON.stringify(import.meta.resolve('tsx/cjs/api'));
  return `Promise.all([import(${esm}), import(${cjs})]).then(([e, c]) => { e.register(); c.register(); return import(${JSON.stringify(entry)}); });`;
}

/** The thread was terminated or crashed while this query ran on it. */
export class ThreadLostError extends Error {}

export class ModuleThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly data: ThreadData,
    private readonly options: ModuleThreadOptions,
  ) {}

  /** Queries running on the thread now. */
  get running(): number {
    return this.pending.size;
  }

  /** Whether a thread is alive (for tests and metrics). */
  get alive(): boolean {
    return this.worker !== undefined;
  }

  run(query: Query, ctx: ModuleContext): Promise<ModuleResult> {
    if (this.closed) return Promise.reject(new AbortedError('The server is shutting down.'));
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<ModuleResult>((resolve, reject) => {
      const pending: Pending = { resolve, reject, ctx };
      this.pending.set(id, pending);
      this.post(worker, {
        type: 'run',
        id,
        query: query as Record<string, unknown>,
        config: { ...ctx.config },
        configProvided: ctx.configProvided,
        requestId: ctx.requestId,
      });
      ctx.signal.addEventListener(
        'abort',
        () => {
          if (!this.pending.has(id) || this.worker !== worker) return;
          this.post(worker, { type: 'abort', id, reason: String((ctx.signal.reason as Error)?.message ?? 'aborted') });
          pending.graceTimer = setTimeout(() => this.terminate(worker, `query ${ctx.requestId} did not stop within ${this.options.abortGraceMs} ms of its abort`), this.options.abortGraceMs);
          pending.graceTimer.unref();
        },
        { once: true },
      );
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker) await this.terminate(worker, 'the server is shutting down');
  }

  private post(worker: Worker, message: ToThread): void {
    worker.postMessage(message);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const entry = sourceOrBuilt(new URL('./thread-entry.js', import.meta.url));
    const worker = new Worker(entry.endsWith('.ts') ? fromSource(entry) : new URL(entry), {
      ...(entry.endsWith('.ts') ? { eval: true } : {}),
      workerData: this.data,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
    worker.on('message', (message: FromThread) => this.receive(message));
    worker.on('error', (error) => {
      this.options.onThreadEvent({ module: this.data.source.name, what: 'thread failed', error });
      this.lose(worker, `the module's thread failed: ${error.message}`);
    });
    worker.on('exit', () => this.lose(worker, "the module's thread stopped"));
    // An idle thread must not keep the process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(message: FromThread): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'log') {
      pending.ctx.log[message.level](message.message, message.details);
      return;
    }
    this.pending.delete(message.id);
    clearTimeout(pending.graceTimer);
    if (message.type === 'result') pending.resolve(message.result as ModuleResult);
    else if (message.aborted) pending.reject(new AbortedError(message.message));
    else if (message.moduleError) pending.reject(new ModuleError(message.message));
    else {
      const error = new Error(message.message);
      if (message.stack) error.stack = message.stack;
      pending.reject(error);
    }
  }

  private async terminate(worker: Worker, why: string): Promise<void> {
    if (this.worker === worker && !this.closed) this.options.onThreadEvent({ module: this.data.source.name, what: `thread terminated: ${why}` });
    this.lose(worker, `the module's thread was stopped because ${why}`);
    await worker.terminate();
  }

  /** Fails every query of a thread that is gone; the next query starts a new one. */
  private lose(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      clearTimeout(pending.graceTimer);
      pending.reject(pending.ctx.signal.aborted ? new AbortedError(why) : new ThreadLostError(why));
    }
  }
}
