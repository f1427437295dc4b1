/**
 * Large bodies (--offload-bytes) are parsed and run on the worker pool: the
 * answers are the same as in-process, errors keep their status and message,
 * module log lines reach the server log scrubbed, and a module stuck on the
 * CPU is stopped at its deadline while the server keeps answering.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './harness.js';

const indexUrl = pathToFileURL(join(process.cwd(), 'src/index.ts')).href;
const SECRET = 'offload-secret-93be1d';
const THRESHOLD = 4096;

/** A raw-shape event big enough to be offloaded. */
function event(count: number) {
  const Attribute = Array.from({ length: count }, (_, i) => ({
    id: String(i + 1), type: 'domain', category: 'Network activity', value: `host${i}.example.org`, to_ids: true, uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, comment: '', timestamp: '1795824000',
  }));
  return { Event: { id: '1', info: 'offload test', uuid: '5f0e4c1c-0000-4000-8000-000000000001' }, Attribute, Object: [] };
}

let dir: string;
let offloaded: TestServer;
let inProcess: TestServer;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'misp-offload-'));
  await mkdir(join(dir, 'expansion'));
  await writeFile(
    join(dir, 'expansion', 'big_spin.mjs'),
    `import { defineModule, ModuleError } from ${JSON.stringify(indexUrl)};
export default defineModule({
  name: 'big_spin', kind: 'expansion', moduleType: ['expansion'],
  meta: { version: '1', author: 'test', description: 'loops or logs', name: 'big_spin' },
  config: { apikey: { description: 'key', secret: true } },
  attributes: { input: ['text'], output: ['text'] },
  async handle(query, ctx) {
    if (query.text.startsWith('spin')) for (;;) {}
    ctx.log.warn('working with key ' + ctx.config.apikey);
    if (query.text.startsWith('fail')) throw new ModuleError('refused key ' + ctx.config.apikey);
    return { results: [{ types: ['text'], values: [String(query.text.length)] }] };
  },
});`,
  );
  offloaded = await startTestServer({ settings: { customDir: dir, offloadBytes: THRESHOLD, isolateGraceMs: 200 } });
  inProcess = await startTestServer({ settings: { offloadBytes: 0 } });
});

after(async () => {
  await offloaded.close();
  await inProcess.close();
  await rm(dir, { recursive: true, force: true });
});

describe('offloaded queries', () => {
  test('an export of a large event answers exactly as in-process', async () => {
    const body = { module: 'liteexport', data: [event(500)] };
    assert.ok(JSON.stringify(body).length > THRESHOLD);
    const here = await inProcess.query(body);
    const there = await offloaded.query(body);
    assert.ok(typeof there['data'] === 'string' && there['data'].length > 1000);
    assert.deepEqual(there, here);
    assert.match(offloaded.logs.text, /"module":"liteexport","outcome":"ok"/);
  });

  test('request errors keep their status and message', async () => {
    const bad = `{"module": "liteexport", "data": [${'1,'.repeat(THRESHOLD)}`;
    const here = await inProcess.post('/query', bad);
    const there = await offloaded.post('/query', bad);
    assert.equal(there.status, 400);
    assert.deepEqual(there.json(), here.json());
    const proto = JSON.stringify({ module: 'liteexport', pad: 'x'.repeat(THRESHOLD) }).replace('"pad"', '"__proto__":{"a":1},"pad"');
    assert.equal((await offloaded.post('/query', proto)).status, 400);
    const unknown = { module: 'no_such_module', pad: 'x'.repeat(THRESHOLD) };
    assert.deepEqual(await offloaded.query(unknown), await inProcess.query(unknown));
    const badTimeout = await offloaded.post('/query', { module: 'liteexport', timeout: 'soon', pad: 'x'.repeat(THRESHOLD) });
    assert.equal(badTimeout.status, 400);
    assert.deepEqual(badTimeout.json(), { error: '"timeout" must be a number of seconds, got "soon".' });
  });

  test('module errors and log lines come back, with secrets scrubbed', async () => {
    const text = 'fail ' + 'x'.repeat(THRESHOLD);
    assert.deepEqual(await offloaded.query({ module: 'big_spin', text, config: { apikey: SECRET } }), { error: 'refused key [REDACTED]' });
    assert.match(offloaded.logs.text, /working with key \[REDACTED\]/);
    assert.ok(!offloaded.logs.text.includes(SECRET));
  });

  test('a module stuck on the CPU is stopped at its deadline; the server answers meanwhile', async () => {
    const stuck = offloaded.query({ module: 'big_spin', text: 'spin ' + 'x'.repeat(THRESHOLD), timeout: 0.5 });
    assert.equal((await offloaded.get('/healthcheck')).status, 200);
    assert.deepEqual(await offloaded.query({ module: 'big_spin', text: 'small' }), { results: [{ types: ['text'], values: ['5'] }] });
    assert.deepEqual(await stuck, { error: 'Timeout.' });
    // The pool's thread was replaced: the next offloaded query works.
    assert.deepEqual(await offloaded.query({ module: 'big_spin', text: 'y'.repeat(THRESHOLD + 1) }), { results: [{ types: ['text'], values: [String(THRESHOLD + 1)] }] });
  });
});
