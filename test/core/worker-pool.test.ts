import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { defineModule } from '../../src/core/module.js';
import { startTestServer } from '../server/harness.js';

const TASK = new URL('./fixtures/spin-task.js', import.meta.url);

const cpuModule = defineModule({
  name: 'test_cpu',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: { version: '1', author: 't', description: 'CPU work on a worker', name: 'cpu' },
  attributes: { input: ['text'] },
  async handle(query, ctx) {
    const op = query['text'] === 'spin' ? 'spin' : 'square';
    const value = await ctx.workers.run<{ op: string; n: number }, number>(TASK, { op, n: 12 });
    return { results: [{ types: ['text'], values: [String(value)] }] };
  },
});

const t = await startTestServer({ builtins: [cpuModule] });
after(() => t.close());

test('a task runs on a worker thread and answers', async () => {
  assert.deepEqual(await t.query({ module: 'test_cpu', text: 'square' }), { results: [{ types: ['text'], values: ['144'] }] });
});

test('a task that never yields is terminated on timeout, and the server answers meanwhile', async () => {
  const spinning = t.query({ module: 'test_cpu', text: 'spin', timeout: 1.5 });
  // The event loop is free while the worker spins.
  const health = await t.get('/healthcheck');
  assert.equal(health.text, '{"status":true}');
  assert.deepEqual(await spinning, { error: 'Timeout.' });
  // Its thread was terminated; the pool serves the next task.
  assert.deepEqual(await t.query({ module: 'test_cpu', text: 'square' }), { results: [{ types: ['text'], values: ['144'] }] });
  const threads = await t.server.workers.threadCount();
  assert.ok(threads <= 2, `threads: ${threads}`);
});
