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
 *
 * Memory: each thread's heap is capped (resourceLimits) and the pool as a
 * whole may use `memoryMb`: it runs only as many threads as fit, counting
 * the thread an offloaded query may add (queries beyond wait in the queue),
 * so several heavy queries at once cannot take the host. A thread that reaches its cap is ended by Node and its query
 * answers an error saying so. Node does not always manage that (a single
 * huge allocation aborts the whole process: nodejs/node#47224), which is why
 * every parser of untrusted input also has budgets of its own
 * (src/modules/_shared/budget.ts) that stop well below the cap.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina as PiscinaPool } from 'piscina';
import { isMainThread, resourceLimits, type MessagePort } from 'node:worker_threads';
import { AbortedError, ModuleError } from '../base/errors.js';

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
  /**
   * Heap all the pool's threads may use together (MiB); the thread count is
   * lowered to fit. Default (0 or unset): a quarter of the host's memory,
   * between 1 and 4 GiB.
   */
  memoryMb?: number;
}

/** Threads and per-thread heap cap the pool runs with. */
export interface PoolSizing {
  threads: number;
  threadHeapMb: number;
  poolMemoryMb: number;
}

const MIB = 1024 * 1024;

/** The default pool memory: a quarter of the host's, at least 1 GiB, at most 4 GiB. */
export function defaultPoolMemoryMb(hostBytes = totalmem()): number {
  return Math.min(4096, Math.max(1024, Math.floor(hostBytes / MIB / 4)));
}

/**
 * As many threads as asked for (default: cores) and as fit in the pool
 * memory, one at least. Each thread counts twice: it may run an offloaded
 * query (src/server/offload), whose module work runs on one more thread,
 * of a pool created on that thread (`parentHeapMb`, that thread's own cap:
 * such a nested pool keeps within it).
 */
export function poolSizing(
  options: WorkerPoolOptions,
  cores = availableParallelism(),
  hostBytes = totalmem(),
  parentHeapMb: number | undefined = isMainThread ? undefined : resourceLimits.maxOldGenerationSizeMb,
): PoolSizing {
  const wanted = options.maxThreads ?? Math.max(1, cores);
  if (parentHeapMb) {
    const threadHeapMb = Math.min(options.maxOldGenerationSizeMb ?? 1024, parentHeapMb);
    return { threads: 1, threadHeapMb, poolMemoryMb: threadHeapMb };
  }
  const poolMemoryMb = options.memoryMb || defaultPoolMemoryMb(hostBytes);
  const threadHeapMb = Math.min(options.maxOldGenerationSizeMb ?? 1024, Math.floor(poolMemoryMb / 2));
  return { threads: Math.max(1, Math.min(wanted, Math.floor(poolMemoryMb / (2 * threadHeapMb)))), threadHeapMb, poolMemoryMb };
}

/** A worker that reached its heap cap: Node's error code for it. */
const OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

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
  readonly sizing: PoolSizing;

  constructor(
    private readonly options: WorkerPoolOptions = {},
    /** Told about worker crashes (out of memory, a task that kills its thread). */
    private readonly onWorkerError: (error: unknown) => void = () => undefined,
  ) {
    this.sizing = poolSizing(options);
  }

  private get(): Promise<PiscinaPool> {
    this.pool ??= import('piscina').then(({ Piscina }) => {
      const pool = new Piscina({
          filename: sourceOrBuilt(new URL('./worker-entry.js', import.meta.url)),
          maxThreads: this.sizing.threads,
          minThreads: 0,
          idleTimeout: 30_000,
          maxQueue: this.options.maxQueue ?? 256,
          resourceLimits: { maxOldGenerationSizeMb: this.sizing.threadHeapMb },
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
          if ((error as { code?: unknown } | null)?.code === OUT_OF_MEMORY) {
            throw new ModuleError(
              `The query ran out of memory: its worker thread reached the ${this.sizing.threadHeapMb} MiB heap cap and was stopped (the input is too large or too complex for this server).`,
              { cause: error },
            );
          }
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
