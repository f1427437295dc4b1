import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { startFakeHttp } from '../support/fake-http.js';
import { startFakeProxy } from '../support/fake-proxy.js';
import { testNetwork } from '../support/network.js';
import { createTestCertificate } from '../support/tls-cert.js';

async function httpsFake(t: TestContext) {
  const certificate = createTestCertificate(['secure.example.test']);
  const fake = await startFakeHttp({ 'GET /x': { json: { secure: true } } }, { tls: certificate });
  t.after(async () => {
    await fake.close();
    certificate.cleanup();
  });
  return { fake, certificate };
}

test('TLS is verified: a self-signed upstream is refused without caFile', async (t) => {
  const { fake } = await httpsFake(t);
  const net = testNetwork({ upstreams: { 'secure.example': fake.url } });
  t.after(() => net.close());
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.getJson('https://secure.example/x'), {
    name: 'ModuleError',
    message: /^Could not connect to secure\.example: its TLS certificate could not be verified \([A-Z_]+\)\.$/,
  });
  assert.equal(fake.requests.length, 0);
});

test('caFile adds a trusted CA', async (t) => {
  const { fake, certificate } = await httpsFake(t);
  const net = testNetwork({ upstreams: { 'secure.example': fake.url }, caFile: certificate.certFile });
  t.after(() => net.close());
  const { http } = net.forQuery(new AbortController().signal);
  assert.deepEqual(await http.getJson('https://secure.example/x'), { secure: true });
});

test('https through a proxy is tunnelled and verified end to end', async (t) => {
  const { fake, certificate } = await httpsFake(t);
  const proxy = await startFakeProxy({ hosts: { 'secure.example.test:443': `127.0.0.1:${fake.port}` } });
  t.after(() => proxy.close());
  const trusted = testNetwork({ proxy: { https: proxy.url }, caFile: certificate.certFile });
  const untrusted = testNetwork({ proxy: { https: proxy.url } });
  t.after(() => Promise.all([trusted.close(), untrusted.close()]));
  const signal = new AbortController().signal;
  assert.deepEqual(await trusted.forQuery(signal).http.getJson('https://secure.example.test/x'), { secure: true });
  assert.deepEqual(proxy.requests.map((r) => `${r.method} ${r.target}`), ['CONNECT secure.example.test:443']);
  await assert.rejects(untrusted.forQuery(signal).http.getJson('https://secure.example.test/x'), {
    message: /^Could not connect to secure\.example\.test through the proxy: its TLS certificate could not be verified/,
  });
});

test('verifyTls: false reaches a self-signed admin-configured server; the same URL is still verified by default', async (t) => {
  const { fake } = await httpsFake(t);
  const net = testNetwork({ upstreams: { 'secure.example': fake.url } });
  t.after(() => net.close());
  const { http } = net.forQuery(new AbortController().signal);
  assert.deepEqual(await http.getJson('https://secure.example/x', { verifyTls: false }), { secure: true });
  await assert.rejects(http.getJson('https://secure.example/x'), { message: /TLS certificate could not be verified/ });
});

test('verifyTls: false is refused with a user-supplied URL', async (t) => {
  const { fake } = await httpsFake(t);
  const net = testNetwork({});
  t.after(() => net.close());
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.getJson(`${fake.url}/x`, { verifyTls: false, userUrl: true }), { name: 'TypeError', message: /verifyTls: false/ });
  assert.equal(fake.requests.length, 0);
});

test('verifyTls: false through a proxy skips the check of the target only', async (t) => {
  const { fake } = await httpsFake(t);
  const proxy = await startFakeProxy({ hosts: { 'secure.example.test:443': `127.0.0.1:${fake.port}` } });
  t.after(() => proxy.close());
  const net = testNetwork({ proxy: { https: proxy.url } });
  t.after(() => net.close());
  const { http } = net.forQuery(new AbortController().signal);
  assert.deepEqual(await http.getJson('https://secure.example.test/x', { verifyTls: false }), { secure: true });
  await assert.rejects(http.getJson('https://secure.example.test/x'), { message: /TLS certificate could not be verified/ });
});
