import assert from 'node:assert/strict';
import type { LookupFunction } from 'node:net';
import { test, type TestContext } from 'node:test';
import { ModuleError } from '../../src/base/errors.js';
import type { NetworkSettings } from '../../src/net/settings.js';
import { UrlGuardError } from '../../src/net/url-guard.js';
import { startFakeHttp, type Routes } from '../support/fake-http.js';
import { testNetwork } from '../support/network.js';

/** A lookup answering from a table, for names that must resolve to chosen addresses. */
function tableLookup(table: Record<string, string[]>): LookupFunction {
  return (hostname, options, callback) => {
    const addresses = table[hostname];
    if (!addresses) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      return;
    }
    const all = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, all);
    else callback(null, all[0]!.address, all[0]!.family);
  };
}

async function setup(t: TestContext, routes: Routes = {}, settings: Partial<NetworkSettings> = {}) {
  const fake = await startFakeHttp(routes);
  const net = testNetwork(settings);
  t.after(async () => {
    await net.close();
    await fake.close();
  });
  return { fake, net, http: net.forQuery(new AbortController().signal).http };
}

function refusal(pattern: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof UrlGuardError, `expected a UrlGuardError, got ${String(error)}`);
    assert.ok(error instanceof ModuleError);
    assert.match(error.message, /^Refusing to fetch /);
    assert.match(error.message, pattern);
    return true;
  };
}

const LITERALS: Array<[string, RegExp]> = [
  ['http://10.0.0.1/', /^Refusing to fetch http:\/\/10\.0\.0\.1\/: 10\.0\.0\.1 is in a private range \(10\.0\.0\.0\/8\)\. An admin can allow it with --allow-url-range\.$/],
  ['http://127.0.0.1:1/', /loopback/],
  ['http://0.0.0.0/', /0\.0\.0\.0\/8/],
  ['http://0/', /0\.0\.0\.0\/8/],
  ['http://172.16.5.4/', /172\.16\.0\.0\/12/],
  ['http://192.168.1.1/admin', /192\.168\.0\.0\/16/],
  ['http://100.64.1.1/', /carrier-grade NAT/],
  ['http://169.254.1.1/', /link-local/],
  ['http://169.254.169.254/latest/meta-data/', /cloud metadata/],
  ['http://224.0.0.1/', /multicast/],
  ['http://255.255.255.255/', /broadcast/],
  ['http://240.0.0.1/', /reserved/],
  ['http://198.18.0.1/', /benchmarking/],
  ['http://192.0.2.1/', /documentation/],
  ['http://198.51.100.1/', /documentation/],
  ['http://203.0.113.1/', /documentation/],
  // Odd IPv4 notations that URL parsing turns into 127.0.0.1.
  ['http://2130706433/', /127\.0\.0\.1 is in the loopback range/],
  ['http://0x7f.1/', /127\.0\.0\.1 is in the loopback range/],
  ['http://017700000001/', /127\.0\.0\.1 is in the loopback range/],
  ['http://0x7f000001/', /loopback/],
  ['http://127.1/', /loopback/],
  // IPv6, and IPv4 inside IPv6.
  ['http://[::1]/', /::1 is the loopback range/],
  ['http://[::]/', /unspecified/],
  ['http://[fe80::1]/', /link-local/],
  ['http://[fc00::1]/', /unique local/],
  ['http://[fd00:ec2::254]/latest/meta-data/', /cloud metadata/],
  ['http://[ff02::1]/', /multicast/],
  ['http://[2001:db8::1]/', /documentation/],
  ['http://[::ffff:127.0.0.1]/', /IPv4-mapped form of 127\.0\.0\.1\) is in the loopback range/],
  ['http://[::ffff:169.254.169.254]/', /IPv4-mapped form of 169\.254\.169\.254\) is the cloud metadata address/],
  ['http://[::127.0.0.1]/', /IPv4-compatible form of 127\.0\.0\.1/],
  ['http://[64:ff9b::7f00:1]/', /NAT64 form of 127\.0\.0\.1/],
  ['http://[64:ff9b::10.0.0.1]/', /NAT64 form of 10\.0\.0\.1/],
  ['http://[2002:7f00:1::]/', /6to4 form of 127\.0\.0\.1/],
  ['http://[2002:a9fe:a9fe::1]/', /6to4 form of 169\.254\.169\.254/],
  ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', /Teredo form of 127\.0\.0\.1/],
];

test('user URLs with special-purpose IP literals are refused before anything is sent', async (t) => {
  const { http } = await setup(t);
  for (const [url, pattern] of LITERALS) {
    await assert.rejects(http.request(url, { userUrl: true }), refusal(pattern), url);
  }
});

test('the refusal never shows the query string or credentials of the URL', async (t) => {
  const { http } = await setup(t);
  await assert.rejects(http.request('http://user:hunter2@10.0.0.1/path?token=SECRET#frag', { userUrl: true }), (error: Error) => {
    assert.equal(error.message.startsWith('Refusing to fetch http://10.0.0.1/path: '), true, error.message);
    assert.ok(!/SECRET|hunter2|frag/.test(error.message));
    return true;
  });
});

test('only http and https user URLs are fetched', async (t) => {
  const { http } = await setup(t);
  for (const url of ['file:///etc/passwd', 'ftp://example.org/x', 'gopher://example.org/', 'data:text/plain,hi']) {
    await assert.rejects(http.request(url, { userUrl: true }), refusal(/only http and https URLs can be fetched/), url);
  }
});

test('a host name resolving to loopback (localhost) is refused at connect time', async (t) => {
  const { fake, http } = await setup(t, { 'GET /x': { json: {} } });
  await assert.rejects(
    http.request(`http://localhost:${fake.port}/x`, { userUrl: true }),
    refusal(/^Refusing to fetch http:\/\/localhost:\d+\/x: localhost resolves to (127\.0\.0\.1|::1) is (in )?the loopback range/),
  );
  assert.equal(fake.requests.length, 0);
});

test('a host name resolving to a private address, or to a mix of public and private, is refused', async (t) => {
  const lookup = tableLookup({
    'rebind.example': ['10.0.0.1'],
    'mixed.example': ['93.184.215.14', '192.168.0.1'],
    'meta.example': ['fd00:ec2::254'],
  });
  const { http } = await setup(t, {}, { lookup });
  await assert.rejects(http.request('http://rebind.example/', { userUrl: true }), refusal(/rebind\.example resolves to 10\.0\.0\.1 is in a private range \(10\.0\.0\.0\/8\)/));
  await assert.rejects(http.request('http://mixed.example/', { userUrl: true }), refusal(/192\.168\.0\.1/));
  await assert.rejects(http.request('https://meta.example/', { userUrl: true }), refusal(/cloud metadata/));
});

test('an allowed range passes, by literal and by name', async (t) => {
  const { fake, http } = await setup(t, { 'GET /page': { body: '<html>hello</html>' } }, {
    allowUrlRanges: ['127.0.0.0/8'],
    lookup: tableLookup({ 'intranet.example': ['127.0.0.1'] }),
  });
  assert.equal((await http.request(`${fake.url}/page`, { userUrl: true })).text(), '<html>hello</html>');
  assert.equal((await http.request(`http://intranet.example:${fake.port}/page`, { userUrl: true })).status, 200);
  assert.equal(fake.requests.length, 2);
});

test('every redirect hop is checked: a redirect to a private address is refused', async (t) => {
  const { fake, http } = await setup(
    t,
    {
      'GET /to-private': { redirect: 'http://10.0.0.1/' },
      'GET /to-metadata': { status: 307, redirect: 'http://[::ffff:169.254.169.254]/latest/meta-data/' },
      'GET /to-name': { redirect: 'http://rebind.example/' },
      'GET /to-file': { redirect: 'file:///etc/passwd' },
      'GET /to-ok': { redirect: '/ok' },
      'GET /ok': { json: { ok: true } },
    },
    { allowUrlRanges: ['127.0.0.0/8'], lookup: tableLookup({ 'rebind.example': ['192.168.1.1'] }) },
  );
  await assert.rejects(http.request(`${fake.url}/to-private`, { userUrl: true }), refusal(/^Refusing to fetch http:\/\/10\.0\.0\.1\/: .*private/));
  await assert.rejects(http.request(`${fake.url}/to-metadata`, { userUrl: true }), refusal(/IPv4-mapped form of 169\.254\.169\.254/));
  await assert.rejects(http.request(`${fake.url}/to-name`, { userUrl: true }), refusal(/rebind\.example resolves to 192\.168\.1\.1/));
  await assert.rejects(http.request(`${fake.url}/to-file`, { userUrl: true }), refusal(/only http and https/));
  assert.deepEqual((await http.request(`${fake.url}/to-ok`, { userUrl: true })).json(), { ok: true });
});

test('a user URL is guarded even when its host has an upstream override', async (t) => {
  const fake = await startFakeHttp({ 'GET /x': { json: { ok: true } } });
  const net = testNetwork({ upstreams: { 'site.example': fake.url } });
  t.after(async () => {
    await net.close();
    await fake.close();
  });
  const { http } = net.forQuery(new AbortController().signal);
  await assert.rejects(http.request('https://site.example/x', { userUrl: true }), refusal(/127\.0\.0\.1 is in the loopback range/));
  assert.equal(fake.requests.length, 0);
  // The same URL from module code (not user input) follows the admin's override.
  assert.deepEqual(await http.getJson('https://site.example/x'), { ok: true });
});

test('guarded and trusted requests do not share connections', async (t) => {
  const { fake, http } = await setup(t, { 'GET /x': { json: {} } }, { upstreams: {}, lookup: tableLookup({}) });
  await http.request(`${fake.url}/x`);
  assert.equal(fake.openConnections(), 1);
  await assert.rejects(http.request(`${fake.url}/x`, { userUrl: true }), refusal(/loopback/));
  assert.equal(fake.requests.length, 1);
});
