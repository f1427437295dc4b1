import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { AbortedError, isAbortError, ModuleError } from '../../src/base/errors.js';
import { startFakeHttp, type Routes } from '../support/fake-http.js';
import { testNetwork } from '../support/network.js';
import { waitFor } from '../support/wait.js';
import type { NetworkSettings } from '../../src/net/settings.js';

const VENDOR = 'https://api.vendor.example';

async function setup(t: TestContext, routes: Routes, settings: Partial<NetworkSettings> = {}) {
  const fake = await startFakeHttp(routes);
  const net = testNetwork({ upstreams: { 'api.vendor.example': fake.url }, ...settings });
  t.after(async () => {
    await net.close();
    await fake.close();
  });
  return { fake, net };
}

test('headers that never come: the per-request timeout fires and the connection is closed', async (t) => {
  const { fake, net } = await setup(t, { 'GET /never': { hang: true } });
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.getJson(`${VENDOR}/never`, { timeoutMs: 200 }), (error: unknown) => {
    assert.ok(error instanceof ModuleError);
    assert.equal(error.message, 'api.vendor.example answered nothing within 0.2 s.');
    return true;
  });
  await waitFor(() => fake.openConnections() === 0, 'the fake still has an open connection');
});

test('the default timeout comes from the settings and is named in seconds', async (t) => {
  const { net } = await setup(t, { 'GET /never': { hang: true } }, { requestTimeoutMs: 300 });
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.request(`${VENDOR}/never`, { service: 'Vendor' }), { message: 'Vendor answered nothing within 0.3 s.' });
});

test('a body that trickles beyond the timeout is cut off', async (t) => {
  const { fake, net } = await setup(t, { 'GET /slow': { trickle: { chunk: '{"a":', everyMs: 50 } } });
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.getJson(`${VENDOR}/slow`, { timeoutMs: 300 }), {
    name: 'ModuleError',
    message: 'api.vendor.example did not finish its answer within 0.3 s.',
  });
  await waitFor(() => fake.openConnections() === 0, 'the trickling connection stayed open');
});

test('a trickle that ends in time is a normal answer', async (t) => {
  const { net } = await setup(t, { 'GET /slow': { trickle: { chunk: 'ab', everyMs: 5, count: 3 } } });
  const { http } = net.forQuery(new AbortController().signal);
  const response = await http.request(`${VENDOR}/slow`);
  assert.equal(response.text(), 'ababab');
});

test('aborting the query rejects with an abort error and closes the upstream connection', async (t) => {
  let arrived!: () => void;
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  const { fake, net } = await setup(t, {
    'GET /never': () => {
      arrived();
      return { hang: true };
    },
  });
  const query = new AbortController();
  const { http } = net.forQuery(query.signal);
  const pending = http.getJson(`${VENDOR}/never`);
  await requestArrived;
  assert.equal(fake.openConnections(), 1);
  query.abort();
  await assert.rejects(pending, (error: unknown) => {
    assert.ok(isAbortError(error), `expected an abort error, got ${String(error)}`);
    assert.ok(!(error instanceof ModuleError));
    return true;
  });
  await waitFor(() => fake.openConnections() === 0, 'the upstream did not see the connection close');
});

test('aborting the query during the body also aborts, keeping the AbortedError reason', async (t) => {
  const { fake, net } = await setup(t, { 'GET /slow': { trickle: { chunk: 'x', everyMs: 20 } } });
  const query = new AbortController();
  const { http } = net.forQuery(query.signal);
  const reason = new AbortedError('Timeout.');
  setTimeout(() => query.abort(reason), 100);
  await assert.rejects(http.request(`${VENDOR}/slow`), (error: unknown) => error === reason);
  await waitFor(() => fake.openConnections() === 0, 'the upstream did not see the connection close');
});

test('an already aborted query sends nothing', async (t) => {
  const { fake, net } = await setup(t, { 'GET /x': { json: {} } });
  const { http } = net.forQuery(AbortSignal.abort());
  await assert.rejects(http.getJson(`${VENDOR}/x`), (error: unknown) => isAbortError(error));
  assert.equal(fake.requests.length, 0);
});

test('aborting the query while waiting to retry stops the retries', async (t) => {
  const query = new AbortController();
  const { fake, net } = await setup(t, {
    'GET /busy': () => {
      setImmediate(() => query.abort());
      return { status: 503, headers: { 'retry-after': '5' } };
    },
  });
  const { http } = net.forQuery(query.signal);
  await assert.rejects(http.request(`${VENDOR}/busy`), (error: unknown) => isAbortError(error));
  assert.equal(fake.requests.length, 1);
});

test('an answer over the size cap is refused (declared length)', async (t) => {
  const { net } = await setup(t, { 'GET /big': { body: Buffer.alloc(2048, 0x61) } });
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.request(`${VENDOR}/big`, { maxBytes: 1024 }), {
    name: 'ModuleError',
    message: 'api.vendor.example answered more than 1024 bytes.',
  });
  const ok = await http.request(`${VENDOR}/big`, { maxBytes: 2048 });
  assert.equal(ok.body.length, 2048);
});

test('an endless answer is cut at the size cap and its connection closed', async (t) => {
  const { fake, net } = await setup(t, { 'GET /endless': { endless: true } }, { maxResponseBytes: 1024 * 1024 });
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.request(`${VENDOR}/endless`), { message: 'api.vendor.example answered more than 1048576 bytes.' });
  await waitFor(() => fake.openConnections() === 0, 'the endless connection stayed open');
});

test('a connection reset mid-body is a ModuleError', async (t) => {
  const { net } = await setup(t, { 'GET /reset': { resetAfter: '{"partial":' } });
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.getJson(`${VENDOR}/reset`, { service: 'Vendor' }), {
    name: 'ModuleError',
    message: 'Vendor closed the connection before the end of its answer.',
  });
});

test('connection refused names the service', async (t) => {
  const closed = await startFakeHttp({});
  await closed.close();
  const net = testNetwork({ upstreams: { 'api.passivetotal.org': closed.url } });
  t.after(() => net.close());
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.getJson('https://api.passivetotal.org/v2/dns/passive'), {
    name: 'ModuleError',
    message: 'Could not connect to api.passivetotal.org: connection refused.',
  });
});

test('close() ends pooled keep-alive connections', async (t) => {
  const { fake, net } = await setup(t, { 'GET /x': { json: {} } });
  const { http } = net.forQuery(new AbortController().signal);
  await http.getJson(`${VENDOR}/x`);
  assert.equal(fake.openConnections(), 1, 'the connection is kept alive');
  await net.close();
  await waitFor(() => fake.openConnections() === 0, 'close() left a connection open');
});

test('connections are limited per upstream: one slow upstream does not block another', async (t) => {
  let arrived!: () => void;
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  const slow = await startFakeHttp({
    'GET /never': () => {
      arrived();
      return { hang: true };
    },
  });
  const fast = await startFakeHttp({ 'GET /x': { json: { ok: true } } });
  const net = testNetwork({ upstreams: { 'slow.example': slow.url, 'fast.example': fast.url }, perHostConcurrency: 1 });
  t.after(async () => {
    await net.close();
    await Promise.all([slow.close(), fast.close()]);
  });
  const query = new AbortController();
  const { http } = net.forQuery(query.signal);
  const first = http.request('https://slow.example/never').catch((error: unknown) => error);
  await requestArrived;
  const queued = http.request('https://slow.example/never').catch((error: unknown) => error);
  assert.deepEqual(await http.getJson('https://fast.example/x'), { ok: true });
  assert.equal(slow.requests.length, 1, 'the second request to the slow upstream waits for its only connection');
  query.abort();
  assert.ok(isAbortError(await first));
  assert.ok(isAbortError(await queued));
  await waitFor(() => slow.openConnections() === 0, 'the slow upstream kept a connection');
});

test('after aborts, timeouts and close(), no socket or timer is left behind in this process', async () => {
  const count = (kind: string) => process.getActiveResourcesInfo().filter((name) => name === kind).length;
  await waitFor(() => count('TCPSocketWrap') === 0, 'sockets from earlier tests are still open');
  const baselineTimers = count('Timeout');
  const fake = await startFakeHttp({ 'GET /never': { hang: true }, 'GET /endless': { endless: true }, 'GET /x': { json: {} } });
  const net = testNetwork({ upstreams: { 'api.vendor.example': fake.url }, maxResponseBytes: 4096 });
  const query = new AbortController();
  const { http } = net.forQuery(query.signal);
  await http.getJson(`${VENDOR}/x`);
  await assert.rejects(http.request(`${VENDOR}/never`, { timeoutMs: 50 }));
  await assert.rejects(http.request(`${VENDOR}/endless`));
  const aborted = http.request(`${VENDOR}/never`);
  setImmediate(() => query.abort());
  await assert.rejects(aborted);
  await net.close();
  await fake.close();
  await waitFor(() => count('TCPSocketWrap') === 0 && count('TCPServerWrap') === 0, 'a socket or server is still open');
  await waitFor(() => count('Timeout') <= baselineTimers, 'a timer is still pending');
});
