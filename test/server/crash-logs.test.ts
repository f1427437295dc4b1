/**
 * Every crash outcome ("look in the server logs (request id …)") has a log
 * line with that request id and its cause: a worker-pool task whose thread
 * exits or runs out of memory, an offloaded query whose own thread dies, an
 * isolated module whose thread exits. Each case is run several times: the
 * line must be there every time, not most times.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './harness.js';

const indexUrl = pathToFileURL(join(process.cwd(), 'src/index.ts')).href;
const THRESHOLD = 4096;
const RUNS = 5;

let dir: string;

/**
 * `crasher` takes `text` = how to crash:
 * - `task-exit:N`: a worker-pool task calls process.exit(N);
 * - `task-oom`: a worker-pool task, on a thread with a 16 MiB heap, allocates until it runs out;
 * - `thread-exit:N`: the module itself calls process.exit(N) (its own thread: isolated or offloaded).
 */
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'misp-crash-'));
  await mkdir(join(dir, 'expansion'));
  await writeFile(
    join(dir, 'expansion', 'crash-task.mjs'),
    `export default async function (input) {
  if (input.how === 'exit') process.exit(input.code);
  const kept = [];
  for (;;) kept.push(new Array(1e5).fill({ n: kept.length }));
}`,
  );
  await writeFile(
    join(dir, 'expansion', 'crasher.mjs'),
    `import { Worker } from 'node:worker_threads';
import { defineModule } from ${JSON.stringify(indexUrl)};
const TASK = new URL('./crash-task.mjs', import.meta.url);
/** A thread with a small heap, as the worker pool's threads have a bounded one. */
function smallHeapTask(input) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(\`import(\${JSON.stringify(TASK.href)}).then((m) => m.default(\${JSON.stringify(input)}))\`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 16 } });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error('the task thread exited with code ' + code)));
  });
}
export default defineModule({
  name: 'crasher', kind: 'expansion', moduleType: ['expansion'],
  meta: { version: '1', author: 'test', description: 'crashes as told', name: 'crasher' },
  attributes: { input: ['text'], output: ['text'] },
  async handle(query, ctx) {
    const [how, code] = query.text.split(':');
    if (how === 'task-exit') await ctx.workers.run(TASK, { how: 'exit', code: Number(code) });
    if (how === 'task-oom') await smallHeapTask({ how: 'oom' });
    if (how === 'thread-exit') process.exit(Number(code));
    return { results: [{ types: ['text'], values: ['no crash'] }] };
  },
});`,
  );
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Sends the query (padded past the offload threshold when asked) and returns the request id of its crash answer. */
async function crash(t: TestServer, text: string, offload: boolean): Promise<string> {
  const body = { module: 'crasher', text, ...(offload ? { padding: 'x'.repeat(THRESHOLD * 2) } : {}) };
  const answer = await t.query(body);
  const m = /look in the server logs for details \(request id ([\w.:-]+)\)/.exec(String(answer['error']));
  assert.ok(m, `a crash answer: ${JSON.stringify(answer)}`);
  return m[1]!;
}

/** The log records of one request id at level error, once they arrived (lines from threads come by message). */
async function errorLines(t: TestServer, requestId: string): Promise<Array<Record<string, unknown>>> {
  // The summary line may be written just after the answer; the error lines come before it.
  for (let i = 0; i < 100 && !t.logs.records().some((r) => r['reqId'] === requestId && r['msg'] === 'query'); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  return t.logs.records().filter((r) => r['reqId'] === requestId && (r['level'] as number) >= 50);
}

/** The error line's text, its error's message and stack included. */
const described = (line: Record<string, unknown>) => `${String(line['msg'])} ${JSON.stringify(line['err'] ?? '')}`;

async function expectCause(t: TestServer, text: string, offload: boolean, cause: RegExp, runs = RUNS): Promise<void> {
  for (let run = 0; run < runs; run++) {
    const requestId = await crash(t, text, offload);
    const lines = await errorLines(t, requestId);
    assert.ok(
      lines.some((line) => cause.test(described(line))),
      `run ${run + 1}: no error line with request id ${requestId} and its cause ${cause}; lines of that id: ${JSON.stringify(lines)}`,
    );
  }
}

describe('crash outcomes are logged with their request id and cause', () => {
  test('offloaded queries (the module runs on a pool thread)', async () => {
    const t = await startTestServer({ settings: { customDir: dir, offloadBytes: THRESHOLD } });
    try {
      await expectCause(t, 'task-exit:7', true, /code:? 7\b/);
      await expectCause(t, 'task-oom', true, /out of memory|ERR_WORKER_OUT_OF_MEMORY/i, 3);
      // The offloaded query's own thread dies.
      await expectCause(t, 'thread-exit:9', true, /code:? 9\b/, 2);
      // The server still serves.
      assert.deepEqual(await t.query({ module: 'crasher', text: 'fine' }), { results: [{ types: ['text'], values: ['no crash'] }] });
    } finally {
      await t.close();
    }
  });

  test('an isolated module (its own thread)', async () => {
    const t = await startTestServer({ settings: { customDir: dir, offloadBytes: 0 } });
    try {
      await expectCause(t, 'task-exit:7', false, /code:? 7\b/);
      await expectCause(t, 'task-oom', false, /out of memory|ERR_WORKER_OUT_OF_MEMORY/i);
      await expectCause(t, 'thread-exit:5', false, /code:? 5\b/, 2);
    } finally {
      await t.close();
    }
  });

  test('a module on the main thread', async () => {
    const t = await startTestServer({ settings: { customDir: dir, offloadBytes: 0, isolate: ['none'] } });
    try {
      await expectCause(t, 'task-exit:7', false, /code:? 7\b/);
      await expectCause(t, 'task-oom', false, /out of memory|ERR_WORKER_OUT_OF_MEMORY/i);
    } finally {
      await t.close();
    }
  });
});
