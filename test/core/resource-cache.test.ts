import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResourceCache } from '../../src/core/resource-cache.js';

test('a resource is loaded once per key and version', async () => {
  const cache = new ResourceCache();
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cache.get('db', 'v1', load), 1);
  assert.equal(await cache.get('db', 'v1', load), 1);
  assert.equal(await Promise.all([cache.get('other', 'v1', load), cache.get('other', 'v1', load)]).then((v) => v[0]), 2);
  assert.equal(loads, 2);
  assert.equal(await cache.get('db', 'v2', load), 3, 'a new version reloads');
});

test('a failed load is not kept', async () => {
  const cache = new ResourceCache();
  let calls = 0;
  const flaky = async () => {
    calls++;
    if (calls === 1) throw new Error('not yet');
    return 'ok';
  };
  await assert.rejects(cache.get('db', 'v1', flaky), /not yet/);
  assert.equal(await cache.get('db', 'v1', flaky), 'ok');
  assert.equal(calls, 2);
});

test('at most maxEntries are kept, least recently used out first', async () => {
  const cache = new ResourceCache(2);
  let loads = 0;
  const load = async () => ++loads;
  await cache.get('a', 'v', load);
  await cache.get('b', 'v', load);
  await cache.get('a', 'v', load); // a is now the most recent
  await cache.get('c', 'v', load); // evicts b
  assert.equal(cache.size, 2);
  assert.equal(loads, 3);
  await cache.get('a', 'v', load);
  assert.equal(loads, 3, 'a was kept');
  await cache.get('b', 'v', load);
  assert.equal(loads, 4, 'b was evicted and reloaded');
});
