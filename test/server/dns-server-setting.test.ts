/**
 * `--dns-server` / MISP_MODULES_DNS_SERVERS through a running server: a
 * module's lookups go to the resolver the server setting names, unless the
 * module's own `nameserver` setting names another.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import dnsModule from '../../src/modules/expansion/dns.js';
import { startFakeDns, type FakeDns } from '../support/fake-dns.js';
import { startTestServer, type TestServer } from './harness.js';

describe('the server-wide DNS resolver setting', () => {
  let serverWide: FakeDns;
  let moduleOwn: FakeDns;
  let t: TestServer;

  before(async () => {
    serverWide = await startFakeDns({ 'www.example.org': { A: ['192.0.2.10'] } });
    moduleOwn = await startFakeDns({ 'www.example.org': { A: ['192.0.2.99'] } });
    t = await startTestServer({ builtins: [dnsModule], settings: { dnsServers: [serverWide.address] } });
  });
  after(async () => {
    await t.close();
    await Promise.all([serverWide.close(), moduleOwn.close()]);
  });

  const values = (answer: Record<string, unknown>): unknown => (answer['results'] as Array<{ values: unknown }>)[0]?.values;

  test('a module query is answered by the resolver the server setting names', async () => {
    const before = serverWide.queries.length;
    const answer = await t.query({ module: 'dns', hostname: 'www.example.org', config: { nameserver: '' } });
    assert.deepEqual(values(answer), ['192.0.2.10']);
    assert.deepEqual(serverWide.queries.slice(before).map((q) => `${q.name} ${q.type}`).sort(), ['www.example.org A', 'www.example.org AAAA']);
  });

  test('it also replaces upstream\'s built-in 8.8.8.8 (a query without any config)', async () => {
    const before = serverWide.queries.length;
    assert.deepEqual(values(await t.query({ module: 'dns', hostname: 'www.example.org' })), ['192.0.2.10']);
    assert.equal(serverWide.queries.length - before, 2);
  });

  test('a module\'s own nameserver setting still wins for that module', async () => {
    const before = serverWide.queries.length;
    const answer = await t.query({ module: 'dns', hostname: 'www.example.org', config: { nameserver: moduleOwn.address } });
    assert.deepEqual(values(answer), ['192.0.2.99']);
    assert.equal(serverWide.queries.length, before);
  });

  test('a malformed setting stops the start with a message naming it', async () => {
    await assert.rejects(startTestServer({ builtins: [dnsModule], settings: { dnsServers: ['resolver.example'] } }), /Invalid DNS server "resolver.example"/);
  });
});

describe('the setting reaches modules running on a thread of their own', () => {
  test('an isolated built-in module (--isolate reversedns) asks the resolver the server setting names', async () => {
    const dns = await startFakeDns({ '10.2.0.192.in-addr.arpa': { PTR: ['isolated.example.org'] } });
    const t = await startTestServer({ settings: { dnsServers: [dns.address], isolate: ['reversedns'] } });
    try {
      const answer = await t.query({ module: 'reversedns', 'ip-src': '192.0.2.10' });
      assert.deepEqual(answer, { results: [{ types: ['hostname'], values: ['isolated.example.org'] }] });
      assert.deepEqual(dns.queries.map((q) => `${q.name} ${q.type}`), ['10.2.0.192.in-addr.arpa PTR']);
    } finally {
      await t.close();
      await dns.close();
    }
  });
});
