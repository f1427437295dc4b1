/**
 * Each worker process of `--workers N` has its own worker-thread pool
 * (piscina: PDF, OCR, parsing, offloaded queries). Left to their defaults,
 * N pools would each take a thread per core and a quarter of the host's
 * memory; so by default a worker's pool gets its share: cores / N threads
 * (at least one) and the default pool memory / N (at least 1 GiB, what one
 * pool thread needs). An explicit --worker-memory is per process.
 */
import { availableParallelism, totalmem } from 'node:os';
import { defaultPoolMemoryMb, type WorkerPoolOptions } from '../../core/worker-pool.js';
import type { ServerSettings } from '../settings.js';

export function workerPoolOptions(
  settings: Pick<ServerSettings, 'workers' | 'workerMemoryMb'>,
  cores = availableParallelism(),
  hostBytes = totalmem(),
): WorkerPoolOptions {
  if (settings.workers <= 1) return { memoryMb: settings.workerMemoryMb };
  return {
    maxThreads: Math.max(1, Math.ceil(cores / settings.workers)),
    memoryMb: settings.workerMemoryMb || Math.max(1024, Math.floor(defaultPoolMemoryMb(hostBytes) / settings.workers)),
  };
}
