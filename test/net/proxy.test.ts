import assert from 'node:assert/strict';
import type { LookupFunction } from 'node:net';
import { test, type TestContext } from 'node:test';
import { createNetwork } from '../../src/net/network.js';
import { createProxyChooser } from '../../src/net/proxy.js';
import type { NetworkSettings } from '../../src/net/settings.js';
import { UrlGuardError } from '../../src/net/url-guard.js';
import { startFakeHttp } from '../support/fake-http.js';
import { startFakeProxy, type FakeProxyOptions } from '../support/fake-proxy.js';
import { TEST_USER_AGENT, testNetwork } from '../support/network.js';

async function setup(t: TestContext, proxyOptions: Omit<FakeProxyOptions, 'hosts'> = {}) {
  const fake = await startFakeHttp({ 'GET /x': (req) => ({ json: { ok: true, q: req.query } }) });
  const proxy = await startFakeProxy({
    ...proxyOptions,
    hosts: { 'api.example.test': `127.0.0.1:${fake.port}`, 'public.example': `127.0.0.1:${fake.port}` },
  });
  t.after(async () => {
    await proxy.close();
    await fake.close();
  });
  return { fake, proxy };
}

function network(t: TestContext, settings: Partial<NetworkSettings>) {
  const net = testNetwork(settings);
  t.after(() => net.close());
  return net.forQuery(new AbortController().signal).http;
}

test('requests go through the configured proxy (CONNECT tunnel)', async (t) => {
  const { fake, proxy } = await setup(t);
  const http = network(t, { proxy: { http: proxy.url } });
  assert.deepEqual(await http.getJson('http://api.example.test/x?a=1'), { ok: true, q: { a: '1' } });
  assert.deepEqual(proxy.requests.map((r) => `${r.method} ${r.target}`), ['CONNECT api.example.test:80']);
  assert.equal(fake.requests[0]?.headers['user-agent'], TEST_USER_AGENT);
});

test('HTTP_PROXY from the environment is honoured', async (t) => {
  const { proxy } = await setup(t);
  const net = createNetwork({ userAgent: 'x' }, { HTTP_PROXY: proxy.url });
  t.after(() => net.close());
  const { http } = net.forQuery(new AbortController().signal);
  await http.getJson('http://api.example.test/x');
  assert.equal(proxy.requests.length, 1);
});

test('NO_PROXY from the environment bypasses the proxy', async (t) => {
  const { fake, proxy } = await setup(t);
  const net = createNetwork(
    { userAgent: 'x', upstreams: { 'api.example.test': fake.url } },
    { HTTP_PROXY: proxy.url, NO_PROXY: '*' },
  );
  t.after(() => net.close());
  await net.forQuery(new AbortController().signal).http.getJson('http://api.example.test/x');
  assert.equal(proxy.requests.length, 0);
  assert.equal(fake.requests.length, 1);
});

test('loopback destinations (local overrides) never use the proxy', async (t) => {
  const { fake, proxy } = await setup(t);
  const http = network(t, { proxy: { http: proxy.url, https: proxy.url }, upstreams: { 'cve.circl.lu': fake.url } });
  await http.getJson('https://cve.circl.lu/x');
  assert.equal(proxy.requests.length, 0);
  assert.equal(fake.requests.length, 1);
});

test('proxy credentials are sent; a 407 is a clear error that hides them', async (t) => {
  const { proxy } = await setup(t, { auth: { username: 'proxyuser', password: 'pr0xy-SECRET' } });
  const good = new URL(proxy.url);
  good.username = 'proxyuser';
  good.password = 'pr0xy-SECRET';
  const http = network(t, { proxy: { http: good.href } });
  assert.deepEqual(await http.getJson('http://api.example.test/x'), { ok: true, q: {} });
  assert.match(String(proxy.requests[0]?.headers['proxy-authorization']), /^Basic /);

  const bad = new URL(good.href);
  bad.password = 'wrong-SECRET';
  const denied = network(t, { proxy: { http: bad.href } });
  await assert.rejects(denied.getJson('http://api.example.test/x', { service: 'Vendor' }), (error: Error) => {
    assert.equal(error.name, 'ModuleError');
    assert.equal(error.message, 'Could not connect to Vendor through the proxy: the proxy answered HTTP 407 Proxy Authentication Required.');
    assert.ok(!error.message.includes('SECRET'));
    return true;
  });
});

test('a proxy that is down names the proxy in the error', async (t) => {
  const { proxy } = await setup(t);
  const url = proxy.url;
  await proxy.close();
  const http = network(t, { proxy: { http: url } });
  await assert.rejects(http.getJson('http://api.example.test/x'), {
    name: 'ModuleError',
    message: 'Could not connect to api.example.test through the proxy: connection refused.',
  });
});

test('user URLs through a proxy are checked by resolving the name first', async (t) => {
  const { fake, proxy } = await setup(t);
  const lookup: LookupFunction = (hostname, _options, callback) => {
    const table: Record<string, string> = { 'rebind.example': '10.0.0.1', 'public.example': '93.184.215.14' };
    const address = table[hostname];
    if (!address) callback(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), '', 0);
    else callback(null, [{ address, family: 4 }]);
  };
  const http = network(t, { proxy: { http: proxy.url }, lookup });
  await assert.rejects(http.request('http://rebind.example/x', { userUrl: true }), (error: unknown) => {
    assert.ok(error instanceof UrlGuardError);
    assert.match(error.message, /rebind\.example resolves to 10\.0\.0\.1 is in a private range/);
    return true;
  });
  await assert.rejects(http.request('http://10.1.2.3/', { userUrl: true }), UrlGuardError);
  assert.equal(proxy.requests.length, 0);
  assert.equal((await http.request('http://public.example/x', { userUrl: true })).status, 200);
  assert.deepEqual(proxy.requests.map((r) => r.target), ['public.example:80']);
  assert.equal(fake.requests.length, 1);
});

test('a request\'s own proxy replaces the server\'s proxy for that request', async (t) => {
  const { fake, proxy: serverProxy } = await setup(t);
  const own = await startFakeProxy({ auth: { username: 'mod', password: 'pa:ss-SECRET' }, hosts: { 'api.example.test': `127.0.0.1:${fake.port}` } });
  t.after(() => own.close());
  const ownUrl = new URL(own.url);
  ownUrl.username = 'mod';
  ownUrl.password = encodeURIComponent('pa:ss-SECRET');
  const http = network(t, { proxy: { http: serverProxy.url } });
  assert.deepEqual(await http.getJson('http://api.example.test/x', { proxy: ownUrl.href }), { ok: true, q: {} });
  assert.deepEqual(own.requests.map((r) => `${r.method} ${r.target}`), ['CONNECT api.example.test:80']);
  assert.match(String(own.requests[0]?.headers['proxy-authorization']), /^Basic /);
  assert.equal(serverProxy.requests.length, 0);
  // The next request without one follows the server's proxy again.
  await http.getJson('http://api.example.test/x');
  assert.equal(serverProxy.requests.length, 1);
  assert.equal(own.requests.length, 1);
});

test('a request\'s own proxy still leaves loopback destinations direct', async (t) => {
  const { fake, proxy } = await setup(t);
  const http = network(t, { upstreams: { 'cve.circl.lu': fake.url } });
  await http.getJson('https://cve.circl.lu/x', { proxy: proxy.url });
  assert.equal(proxy.requests.length, 0);
  assert.equal(fake.requests.length, 1);
});

test('a malformed per-request proxy is a clear error that does not repeat it', async (t) => {
  const http = network(t, {});
  for (const bad of ['not a url secret', 'ftp://user:SECRET@proxy.example:21', 'http://:1']) {
    await assert.rejects(http.getJson('http://api.example.test/x', { proxy: bad, service: 'Vendor' }), (error: Error) => {
      assert.equal(error.name, 'ModuleError');
      assert.match(error.message, /^Cannot reach Vendor: Invalid proxy URL: /);
      assert.ok(!/SECRET|secret/.test(error.message));
      return true;
    });
  }
});

test('NO_PROXY grammar: hosts, subdomains, ports, wildcard', () => {
  const chooser = createProxyChooser({ http: 'http://p:3128', noProxy: 'internal.example, .corp.example *.lan.example:8080' });
  const via = (url: string) => chooser.proxyFor(new URL(url));
  assert.equal(via('http://api.example.org/'), 'http://p:3128');
  assert.equal(via('https://api.example.org/'), 'http://p:3128', 'https falls back to the http proxy');
  assert.equal(via('http://internal.example/'), undefined);
  assert.equal(via('http://a.b.internal.example/'), undefined);
  assert.equal(via('http://notinternal.example/'), 'http://p:3128');
  assert.equal(via('http://x.corp.example/'), undefined);
  assert.equal(via('http://x.lan.example:8080/'), undefined);
  assert.equal(via('http://x.lan.example/'), 'http://p:3128');
  assert.equal(via('http://localhost:8080/'), undefined);
  assert.equal(via('http://127.0.0.2/'), undefined);
  assert.equal(via('http://[::1]/'), undefined);
  assert.equal(createProxyChooser({ http: 'http://p:3128', noProxy: '*' }).proxyFor(new URL('http://a.example/')), undefined);
  assert.equal(createProxyChooser({ https: 'http://s:3128' }).proxyFor(new URL('http://a.example/')), undefined);
  assert.equal(createProxyChooser({ https: 'http://s:3128' }).proxyFor(new URL('https://a.example/')), 'http://s:3128');
});
