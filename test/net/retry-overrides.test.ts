import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rewriteUrl, unrewriteUrl } from '../../src/net/overrides.js';
import { parseRetryAfter, retryDelay } from '../../src/net/retry.js';

test('Retry-After: seconds, HTTP dates, garbage', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('3', now), 3000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter('-1', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('retryDelay: only 429/503, only idempotent methods, bounded by retries, cap and deadline', () => {
  const base = { method: 'GET', status: 429, retryAfter: '1', attempt: 0, maxRetries: 2, maxDelayMs: 10_000, remainingMs: 30_000, now: 0 };
  assert.equal(retryDelay(base), 1000);
  assert.equal(retryDelay({ ...base, status: 503 }), 1000);
  assert.equal(retryDelay({ ...base, status: 500 }), undefined);
  assert.equal(retryDelay({ ...base, method: 'POST' }), undefined);
  assert.equal(retryDelay({ ...base, method: 'PUT' }), 1000);
  assert.equal(retryDelay({ ...base, attempt: 2 }), undefined);
  assert.equal(retryDelay({ ...base, retryAfter: '11' }), undefined, 'beyond the cap');
  assert.equal(retryDelay({ ...base, remainingMs: 1000 }), undefined, 'beyond the deadline');
  assert.equal(retryDelay({ ...base, retryAfter: undefined }), 500, 'backoff without Retry-After');
  assert.equal(retryDelay({ ...base, retryAfter: undefined, attempt: 1 }), 1000);
});

test('rewriteUrl maps hosts (and host:port) onto the override base, keeping path and query', () => {
  const map = new Map([
    ['cve.circl.lu', new URL('http://127.0.0.1:4567/mirror/')],
    ['api.example:8443', new URL('http://127.0.0.1:9/')],
  ]);
  assert.equal(rewriteUrl(new URL('https://cve.circl.lu/api/x?y=1'), map).target.href, 'http://127.0.0.1:4567/mirror/api/x?y=1');
  assert.equal(rewriteUrl(new URL('http://CVE.circl.lu'), map).target.href, 'http://127.0.0.1:4567/mirror/');
  assert.equal(rewriteUrl(new URL('https://api.example:8443/a'), map).target.href, 'http://127.0.0.1:9/a');
  assert.equal(rewriteUrl(new URL('https://api.example/a'), map).target.href, 'https://api.example/a');
  assert.equal(rewriteUrl(new URL('https://other.example/a'), map).overriddenHost, undefined);
});

test('unrewriteUrl reads a URL on the override target as the vendor URL', () => {
  const map = new Map([['cve.circl.lu', new URL('http://127.0.0.1:4567/mirror')]]);
  const logical = new URL('https://cve.circl.lu/api/old');
  assert.equal(unrewriteUrl(new URL('http://127.0.0.1:4567/mirror/api/new?x=1'), logical, map).href, 'https://cve.circl.lu/api/new?x=1');
  assert.equal(unrewriteUrl(new URL('http://127.0.0.1:4567/elsewhere'), logical, map).href, 'http://127.0.0.1:4567/elsewhere');
  assert.equal(unrewriteUrl(new URL('https://example.org/x'), logical, map).href, 'https://example.org/x');
});
