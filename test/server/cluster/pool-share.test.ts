/** Each worker process's share of the worker-thread pool (src/server/cluster/pool-share.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { poolSizing } from '../../../src/core/worker-pool.js';
import { workerPoolOptions } from '../../../src/server/cluster/pool-share.js';

const GiB = 2 ** 30;

test('one process: the pool as before (threads per core, a quarter of the host memory)', () => {
  assert.deepEqual(workerPoolOptions({ workers: 1, workerMemoryMb: 0 }, 8, 32 * GiB), { memoryMb: 0 });
  assert.deepEqual(workerPoolOptions({ workers: 1, workerMemoryMb: 2048 }, 8, 32 * GiB), { memoryMb: 2048 });
});

test('N workers share the cores and the default pool memory; the set never takes more than one process would', () => {
  const single = poolSizing(workerPoolOptions({ workers: 1, workerMemoryMb: 0 }, 8, 32 * GiB), 8, 32 * GiB);
  assert.deepEqual(single, { threads: 2, threadHeapMb: 1024, poolMemoryMb: 4096 });
  const share = workerPoolOptions({ workers: 4, workerMemoryMb: 0 }, 8, 32 * GiB);
  assert.deepEqual(share, { maxThreads: 2, memoryMb: 1024 });
  const each = poolSizing(share, 8, 32 * GiB);
  assert.deepEqual(each, { threads: 1, threadHeapMb: 512, poolMemoryMb: 1024 });
  assert.ok(4 * each.poolMemoryMb <= single.poolMemoryMb);
  // Two workers on two cores: one thread each, half the memory each.
  assert.deepEqual(workerPoolOptions({ workers: 2, workerMemoryMb: 0 }, 2, 24 * GiB), { maxThreads: 1, memoryMb: 2048 });
});

test('a worker keeps at least one thread and 1 GiB; an explicit --worker-memory is per process', () => {
  assert.deepEqual(workerPoolOptions({ workers: 16, workerMemoryMb: 0 }, 4, 8 * GiB), { maxThreads: 1, memoryMb: 1024 });
  assert.deepEqual(workerPoolOptions({ workers: 3, workerMemoryMb: 3000 }, 12, 64 * GiB), { maxThreads: 4, memoryMb: 3000 });
});
