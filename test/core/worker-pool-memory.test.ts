/**
 * Issue 13, item 7 (worker pool): the pool's threads share one memory
 * budget, and a thread that runs out of heap ends its query with an error,
 * not the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defineModule } from '../../src/core/module.js';
import { defaultPoolMemoryMb, poolSizing } from '../../src/core/worker-pool.js';
import { startTestServer, type TestServer } from '../server/harness.js';

const TASK = new URL('./fixtures/hog-task.js', import.meta.url);
const GIB = 1024 ** 3;

const hogModule = defineModule({
  name: 'test_hog',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: { version: '1', author: 't', description: 'holds memory on a worker', name: 'hog' },
  attributes: { input: ['text'] },
  async handle(query, ctx) {
    const held = await ctx.workers.run<{ mib: number }, number>(TASK, { mib: Number(query['text']) });
    return { results: [{ types: ['text'], values: [String(held)] }] };
  },
});

describe('worker pool memory', () => {
  test('threads are as many as fit in the pool memory, each counted twice (an offloaded query adds one), each under its heap cap', () => {
    // 2 cores, 24 GiB: a quarter is 6 GiB, capped at 4 GiB; two 1 GiB threads (and the two they may add).
    assert.deepEqual(poolSizing({}, 2, 24 * GIB, undefined), { threads: 2, threadHeapMb: 1024, poolMemoryMb: 4096 });
    // 64 cores: only 2 threads of 1 GiB (×2) fit in 4 GiB.
    assert.deepEqual(poolSizing({}, 64, 24 * GIB, undefined), { threads: 2, threadHeapMb: 1024, poolMemoryMb: 4096 });
    // A small host: 1 GiB at least, so one thread of 512 MiB.
    assert.deepEqual(poolSizing({}, 8, 2 * GIB, undefined), { threads: 1, threadHeapMb: 512, poolMemoryMb: 1024 });
    // An admin's figure wins; a pool smaller than two threads' caps lowers the cap.
    assert.deepEqual(poolSizing({ memoryMb: 6000 }, 8, 24 * GIB, undefined), { threads: 2, threadHeapMb: 1024, poolMemoryMb: 6000 });
    assert.deepEqual(poolSizing({ memoryMb: 256 }, 8, 24 * GIB, undefined), { threads: 1, threadHeapMb: 128, poolMemoryMb: 256 });
    assert.equal(defaultPoolMemoryMb(8 * GIB), 2048);
  });

  test('a pool created on a worker thread (an offloaded query) runs one thread within the cap of its own thread', () => {
    assert.deepEqual(poolSizing({ maxThreads: 1 }, 2, 24 * GIB, 512), { threads: 1, threadHeapMb: 512, poolMemoryMb: 512 });
    // A thread created without a cap reports V8's own (4 GiB here): the nested thread still gets 1 GiB at most.
    assert.deepEqual(poolSizing({ maxThreads: 1 }, 2, 24 * GIB, 4096), { threads: 1, threadHeapMb: 1024, poolMemoryMb: 1024 });
  });

  describe('a thread that reaches its heap cap', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ builtins: [hogModule], settings: { workerMemoryMb: 256 } });
    });
    after(() => t.close());

    test('answers an error naming the cap, and the same server keeps serving', async () => {
      assert.deepEqual(t.server.workers.sizing, { threads: 1, threadHeapMb: 128, poolMemoryMb: 256 });
      assert.deepEqual(await t.query({ module: 'test_hog', text: '4096' }), {
        error: 'The query ran out of memory: its worker thread reached the 128 MiB heap cap and was stopped (the input is too large or too complex for this server).',
      });
      assert.equal((await t.get('/healthcheck')).text, '{"status":true}');
      // A new thread serves the next query.
      assert.deepEqual(await t.query({ module: 'test_hog', text: '4' }), { results: [{ types: ['text'], values: ['256'] }] });
    });
  });
});
