/** The delay before a dead worker is replaced (src/server/cluster/restart-backoff.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_BACKOFF, RestartBackoff } from '../../../src/server/cluster/restart-backoff.js';

test('at once after the first death, then doubling while replacements die young, up to the maximum', () => {
  const backoff = new RestartBackoff(DEFAULT_BACKOFF);
  const delays = Array.from({ length: 10 }, () => backoff.next(1000));
  assert.deepEqual(delays, [0, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
});

test('a worker that served long enough ends the streak: its replacement starts at once', () => {
  const backoff = new RestartBackoff({ firstDelayMs: 100, maxDelayMs: 1000, stableAfterMs: 5000 });
  assert.deepEqual([backoff.next(10), backoff.next(10), backoff.next(10)], [0, 100, 200]);
  assert.equal(backoff.next(5000), 0);
  assert.equal(backoff.next(4999), 100);
});
