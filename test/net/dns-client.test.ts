import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test, type TestContext } from 'node:test';
import dnsPacket from 'dns-packet';
import { isAbortError, ModuleError } from '../../src/base/errors.js';
import { createDnsClient, DnsError, parseDnsServers, parseNameserver } from '../../src/net/dns-client.js';
import { startFakeDns, type Zone } from '../support/fake-dns.js';

const ZONE: Zone = {
  'www.example.org': { A: ['192.0.2.10', '192.0.2.11'], AAAA: ['2001:db8::10'] },
  'alias.example.org': { CNAME: 'www.example.org' },
  'example.org': {
    MX: [{ exchange: 'mail.example.org', priority: 10 }],
    TXT: ['v=spf1 -all', ['part one', 'part two']],
    NS: ['ns1.example.org', 'ns2.example.org'],
  },
  'v4only.example.org': { A: ['192.0.2.20'] },
  'broken.example.org': { rcode: 'SERVFAIL' },
  'refused.example.org': { rcode: 'REFUSED' },
  'slow.example.org': { silent: true },
  '10.2.0.192.in-addr.arpa': { PTR: ['www.example.org'] },
};

async function setup(t: TestContext, zone: Zone = ZONE) {
  const server = await startFakeDns(zone);
  t.after(() => server.close());
  const controller = new AbortController();
  return { server, controller, dns: createDnsClient(controller.signal), options: { nameservers: [server.address] } };
}

function dnsFailure(code: string, message: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof DnsError, `expected a DnsError, got ${String(error)}`);
    assert.ok(error instanceof ModuleError);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  };
}

test('A and AAAA records, every one of them', async (t) => {
  const { server, dns, options } = await setup(t);
  assert.deepEqual((await dns.resolve4('www.example.org', options)).sort(), ['192.0.2.10', '192.0.2.11']);
  assert.deepEqual(await dns.resolve6('www.example.org', options), ['2001:db8::10']);
  assert.deepEqual(await dns.resolve4('WWW.Example.ORG', options).then((r) => r.length), 2);
  assert.deepEqual(server.queries.slice(0, 2).map((q) => q.type), ['A', 'AAAA']);
});

test('CNAMEs are followed; MX, TXT, NS and PTR come back as node:dns shapes them', async (t) => {
  const { dns, options } = await setup(t);
  assert.deepEqual((await dns.resolve4('alias.example.org', options)).sort(), ['192.0.2.10', '192.0.2.11']);
  assert.deepEqual(await dns.resolve('alias.example.org', 'CNAME', options), ['www.example.org']);
  assert.deepEqual(await dns.resolve('example.org', 'MX', options), [{ exchange: 'mail.example.org', priority: 10 }]);
  assert.deepEqual(await dns.resolve('example.org', 'TXT', options), [['v=spf1 -all'], ['part one', 'part two']]);
  assert.deepEqual((await dns.resolve('example.org', 'NS', options)).sort(), ['ns1.example.org', 'ns2.example.org']);
  assert.deepEqual(await dns.reverse('192.0.2.10', options), ['www.example.org']);
});

test('NXDOMAIN, NODATA, SERVFAIL and REFUSED have their own codes', async (t) => {
  const { dns, options } = await setup(t);
  await assert.rejects(dns.resolve4('missing.example.org', options), dnsFailure('NXDOMAIN', /^missing\.example\.org does not exist \(NXDOMAIN\)\.$/));
  await assert.rejects(dns.resolve6('v4only.example.org', options), dnsFailure('NODATA', /^v4only\.example\.org has no AAAA record\.$/));
  await assert.rejects(dns.resolve4('broken.example.org', { ...options, tries: 1 }), dnsFailure('SERVFAIL', /SERVFAIL/));
  await assert.rejects(dns.resolve4('refused.example.org', { ...options, tries: 1 }), dnsFailure('REFUSED', /REFUSED/));
});

test('a server that never answers is a TIMEOUT', async (t) => {
  const { server, dns, options } = await setup(t);
  await assert.rejects(dns.resolve4('slow.example.org', { ...options, timeoutMs: 100, tries: 1 }), dnsFailure('TIMEOUT', /timeout/));
  assert.ok(server.queries.some((q) => q.name === 'slow.example.org'));
});

test('timeoutMs × tries bounds the whole lookup (c-ares alone may overrun by a second)', async (t) => {
  const { dns, options } = await setup(t);
  for (const [timeoutMs, tries] of [[1000, 1], [250, 2]] as const) {
    const started = Date.now();
    await assert.rejects(dns.resolve('slow.example.org', 'TXT', { ...options, timeoutMs, tries }), dnsFailure('TIMEOUT', /timeout/));
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= timeoutMs * tries - 20 && elapsed < timeoutMs * tries + 300, `${timeoutMs} ms × ${tries} took ${elapsed} ms`);
  }
});

test('aborting the query cancels the lookup with an abort error', async (t) => {
  const { server, controller, dns, options } = await setup(t);
  const pending = dns.resolve4('slow.example.org', { ...options, timeoutMs: 60_000, tries: 1 });
  while (!server.queries.some((q) => q.name === 'slow.example.org')) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  await assert.rejects(pending, (error: unknown) => {
    assert.ok(isAbortError(error), `expected an abort error, got ${String(error)}`);
    assert.ok(!(error instanceof ModuleError));
    return true;
  });
  await assert.rejects(dns.resolve4('www.example.org', options), (error: unknown) => isAbortError(error));
});

test('nameservers are per call', async (t) => {
  const first = await setup(t, { 'host.example': { A: ['192.0.2.1'] } });
  const second = await startFakeDns({ 'host.example': { A: ['192.0.2.2'] } });
  t.after(() => second.close());
  assert.deepEqual(await first.dns.resolve4('host.example', first.options), ['192.0.2.1']);
  assert.deepEqual(await first.dns.resolve4('host.example', { nameservers: [second.address] }), ['192.0.2.2']);
  assert.deepEqual(await first.dns.resolve4('host.example', first.options), ['192.0.2.1']);
});

test('nameserver forms: ip, ip:port, [v6], [v6]:port; anything else is a clear ModuleError', () => {
  assert.equal(parseNameserver('8.8.8.8'), '8.8.8.8');
  assert.equal(parseNameserver(' 127.0.0.1:5353 '), '127.0.0.1:5353');
  assert.equal(parseNameserver('2001:4860:4860::8888'), '2001:4860:4860::8888');
  assert.equal(parseNameserver('[::1]'), '::1');
  assert.equal(parseNameserver('[::1]:5353'), '[::1]:5353');
  for (const bad of ['dns.google', '1.2.3.4:0', '1.2.3.4:70000', '1.2.3.4:', '[1.2.3.4]:53', '::1:53x', '']) {
    assert.throws(() => parseNameserver(bad), (error: unknown) => {
      assert.ok(error instanceof ModuleError);
      assert.match(error.message, /^Invalid nameserver ".*": expected an IP address, ip:port or \[ipv6\]:port\.$/);
      return true;
    }, bad);
  }
});

test('a bad nameserver in the options rejects the lookup', async (t) => {
  const { dns } = await setup(t);
  await assert.rejects(dns.resolve4('www.example.org', { nameservers: ['not-an-ip'] }), { name: 'ModuleError', message: /Invalid nameserver "not-an-ip"/ });
  await assert.rejects(dns.reverse('not-an-ip'), { name: 'ModuleError', message: 'not-an-ip is not an IP address.' });
});

test('the fake DNS server also answers over TCP when asked', async (t) => {
  const server = await startFakeDns({ 'tcp.example': { A: ['192.0.2.53'] } }, { tcp: true });
  t.after(() => server.close());
  const socket = connect(server.port, '127.0.0.1');
  t.after(() => socket.destroy());
  socket.write(dnsPacket.streamEncode({ type: 'query', id: 7, questions: [{ type: 'A', name: 'tcp.example' }] }));
  const data = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
  const answer = dnsPacket.streamDecode(data);
  assert.equal(answer.id, 7);
  assert.deepEqual(answer.answers?.map((a) => (a as { data: unknown }).data), ['192.0.2.53']);
  assert.deepEqual(server.queries, [{ name: 'tcp.example', type: 'A', transport: 'tcp' }]);
});

test('the server-wide resolvers answer calls that name none; a call\'s own nameservers win; defaultNameservers only without either', async (t) => {
  const serverWide = await startFakeDns({ 'host.example': { A: ['192.0.2.1'] } });
  const own = await startFakeDns({ 'host.example': { A: ['192.0.2.2'] } });
  const builtIn = await startFakeDns({ 'host.example': { A: ['192.0.2.3'] } });
  t.after(() => Promise.all([serverWide.close(), own.close(), builtIn.close()]));
  const signal = new AbortController().signal;
  const dns = createDnsClient(signal, parseDnsServers([serverWide.address]));
  assert.deepEqual(await dns.resolve4('host.example'), ['192.0.2.1']);
  assert.deepEqual(await dns.resolve4('host.example', { nameservers: [] }), ['192.0.2.1']);
  assert.deepEqual(await dns.resolve4('host.example', { defaultNameservers: [builtIn.address] }), ['192.0.2.1']);
  assert.deepEqual(await dns.resolve4('host.example', { nameservers: [own.address] }), ['192.0.2.2']);
  const withoutServerWide = createDnsClient(signal);
  assert.deepEqual(await withoutServerWide.resolve4('host.example', { defaultNameservers: [builtIn.address] }), ['192.0.2.3']);
  assert.deepEqual(serverWide.queries.length, 3);
});

test('parseDnsServers: repeated or comma separated entries; a bad one is a plain Error naming it', () => {
  assert.deepEqual(parseDnsServers(['192.0.2.53', '127.0.0.1:5353, [::1]:53', '', ' ::1 ']), ['192.0.2.53', '127.0.0.1:5353', '[::1]:53', '::1']);
  assert.throws(() => parseDnsServers(['192.0.2.53,resolver.example']), (error: unknown) => {
    assert.ok(error instanceof Error && !(error instanceof ModuleError));
    assert.match(error.message, /^Invalid DNS server "resolver.example": expected an IP address, ip:port or \[ipv6\]:port/);
    return true;
  });
});

test('reverse lookups ask PTR of the in-addr.arpa / ip6.arpa name, and keep the failure\'s own code', async (t) => {
  const { server, dns, options } = await setup(t, {
    '10.2.0.192.in-addr.arpa': { PTR: ['www.example.org'] },
    '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': { PTR: ['v6.example.org'] },
    '30.2.0.192.in-addr.arpa': { rcode: 'SERVFAIL' },
    '40.2.0.192.in-addr.arpa': { silent: true },
    '50.2.0.192.in-addr.arpa': { A: ['192.0.2.50'] },
  });
  assert.deepEqual(await dns.reverse('192.0.2.10', options), ['www.example.org']);
  assert.deepEqual(await dns.reverse('2001:db8::1', options), ['v6.example.org']);
  assert.deepEqual(server.queries.map((q) => q.type), ['PTR', 'PTR']);
  await assert.rejects(dns.reverse('192.0.2.77', options), dnsFailure('NXDOMAIN', /^192\.0\.2\.77 does not exist \(NXDOMAIN\)\.$/));
  await assert.rejects(dns.reverse('192.0.2.50', options), dnsFailure('NODATA', /^192\.0\.2\.50 has no PTR record\.$/));
  await assert.rejects(dns.reverse('192.0.2.30', { ...options, tries: 1 }), dnsFailure('SERVFAIL', /SERVFAIL/));
  await assert.rejects(dns.reverse('192.0.2.40', { ...options, timeoutMs: 100, tries: 1 }), dnsFailure('TIMEOUT', /timeout/));
});

test('many lookups of one query in flight at once: one abort listener, every one cancelled by the abort', async (t) => {
  const { server, controller, dns, options } = await setup(t);
  const warnings: Error[] = [];
  const onWarning = (warning: Error): void => void warnings.push(warning);
  process.on('warning', onWarning);
  t.after(() => process.off('warning', onWarning));
  const pending = Array.from({ length: 16 }, () => dns.resolve4('slow.example.org', { ...options, timeoutMs: 60_000, tries: 1 }));
  while (server.queries.filter((q) => q.name === 'slow.example.org').length < 16) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  const settled = await Promise.allSettled(pending);
  assert.ok(settled.every((s) => s.status === 'rejected' && isAbortError(s.reason)));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(warnings.filter((w) => w.name === 'MaxListenersExceededWarning'), []);
});
