/**
 * /modules (and /openapi.json, which lists the module names) is serialised
 * once, on its first request, and again only when the registry changes. The
 * module here counts how often its description is read.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defineModule, type ModuleDefinition } from '../../src/core/module.js';
import { startTestServer, type HttpAnswer, type TestServer } from './harness.js';

let metaReads = 0;
const META = Object.freeze({ version: '1', author: 'tests', description: 'Counts reads of its meta', name: 'Counted listing' });
const counted: ModuleDefinition = Object.freeze({
  ...defineModule({ name: 'listing_counted', kind: 'expansion', moduleType: ['expansion'], meta: META, attributes: { input: ['text'] }, handle: async () => ({ results: [] }) }),
  get meta() {
    metaReads++;
    return META;
  },
});
const later = defineModule({
  name: 'listing_added_later',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: { version: '1', author: 'tests', description: 'Added after the first listing', name: 'Added later' },
  attributes: { input: ['text'] },
  handle: async () => ({ results: [] }),
});

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [counted] });
});
after(() => t.close());

test('/modules and /openapi.json are serialised on first request, then served as the same bytes', async () => {
  assert.equal(metaReads, 0, 'nothing is serialised at start');
  const answers: HttpAnswer[] = [];
  for (let i = 0; i < 5; i++) {
    answers.push(await t.get('/modules'), await t.get('/modules', { 'accept-encoding': 'gzip' }), await t.get('/openapi.json'));
  }
  assert.equal(metaReads, 1, 'the module was described once');
  const etags = (path: number) => new Set(answers.filter((_, i) => i % 3 === path).map((a) => a.headers['etag']));
  assert.equal(etags(0).size, 1);
  assert.equal(etags(1).size, 1);
  assert.deepEqual((answers[0]!.json() as Array<{ name: string }>).map((m) => m.name), ['listing_counted']);
});

test('a module added to the registry is listed at the next request, with a new ETag', async () => {
  const before = await t.get('/modules');
  t.server.registry.add(later);
  const after = await t.get('/modules');
  assert.deepEqual((after.json() as Array<{ name: string }>).map((m) => m.name), ['listing_counted', 'listing_added_later']);
  assert.notEqual(after.headers['etag'], before.headers['etag']);
  assert.match((await t.get('/openapi.json')).text, /"listing_added_later"/);
  assert.equal(metaReads, 2, 'described again once, for the new list');
  assert.equal((await t.get('/modules', { 'if-none-match': String(after.headers['etag']) })).status, 304);
});
