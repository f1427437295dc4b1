/**
 * CPU-heavy module work (PDF rendering, OCR, YARA, big archives) runs on
 * worker threads so the event loop keeps answering other queries. A task is
 * a module file whose default export is `async (input) => output`; it runs
 * in a pooled worker, and when the query's signal aborts (timeout, client
 * gone) the worker running it is terminated: a hard stop, whatever the task
 * was doing.
 *
 * The pool (piscina) is created on first use, so a server whose modules never
 * need it pays nothing at start.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina as PiscinaPool } from 'piscina';
import type { MessagePort } from 'node:worker_threads';
import { AbortedError } from '../base/errors.js';

export interface WorkerRunner {
  /**
   * Runs `task` (a file URL; `new URL('./my-task.js', import.meta.url)`) with
   * `input` (structured-cloneable) on a worker thread.
   */
  run<I, O>(task: URL, input: I, options?: { transferList?: Array<ArrayBuffer | MessagePort> }): Promise<O>;
}

export interface WorkerPoolOptions {
  /** Worker threads; default: the number of cores (at least 1). */
  maxThreads?: number;
  /** Tasks waiting for a thread; beyond it a run is refused. Default 256. */
  maxQueue?: number;
  /** Memory cap per worker (MiB of old generation). Default 1024. */
  maxOldGenerationSizeMb?: number;
}

/**
 * Task files are named `.js` as in dist/; when running from source (tsx in
 * development and tests) only the `.ts` file exists, and tsx does not map
 * the extension for imports made from piscina's plain-JS worker.
 */
export function sourceOrBuilt(url: URL): string {
  if (url.protocol !== 'file:' || !url.pathname.endsWith('.js') || existsSync(fileURLToPath(url))) return url.href;
  const ts = new URL(url.href.replace(/\.js$/, '.ts'));
  return existsSync(fileURLToPath(ts)) ? ts.href : url.href;
}

export class WorkerPool {
  private pool: Promise<PiscinaPool> | undefined;

  constructor(
    private readonly options: WorkerPoolOptions = {},
    /** Told about worker crashes (out of memory, a task that kills its thread). */
    private readonly onWorkerError: (error: unknown) => void = () => undefined,
  ) {}

  private get(): Promise<PiscinaPool> {
    this.pool ??= import('piscina').then(({ Piscina }) => {
      const pool = new Piscina({
          filename: sourceOrBuilt(new URL('./worker-entry.js', import.meta.url)),
          maxThreads: this.options.maxThreads ?? Math.max(1, availableParallelism()),
          minThreads: 0,
          idleTimeout: 30_000,
          maxQueue: this.options.maxQueue ?? 256,
          resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb ?? 1024 },
      });
      // Without a listener, a crashed worker's 'error' event would end the process.
      pool.on('error', this.onWorkerError);
      return pool;
    });
    return this.pool;
  }

  /** A runner bound to one query's signal. */
  forQuery(signal: AbortSignal): WorkerRunner {
    return {
      run: async <I, O>(task: URL, input: I, options: { transferList?: Array<ArrayBuffer | MessagePort> } = {}): Promise<O> => {
        if (signal.aborted) throw new AbortedError();
        const pool = await this.get();
        try {
          return (await pool.run({ task: sourceOrBuilt(task), input }, { signal, ...(options.transferList ? { transferList: options.transferList } : {}) })) as O;
        } catch (error) {
          if (signal.aborted) throw new AbortedError();
          throw error;
        }
      },
    };
  }

  /** Threads currently alive (0 before first use). */
  async threadCount(): Promise<number> {
    return this.pool ? (await this.pool).threads.length : 0;
  }

  async close(): Promise<void> {
    if (this.pool) await (await this.pool).destroy();
  }
}
