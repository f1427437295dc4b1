import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ModuleContext } from '../../../src/core/module.js';
import dnsModule from '../../../src/modules/expansion/dns.js';
import type { DnsClient, DnsQueryOptions } from '../../../src/net/types.js';
import { startFakeDns, type FakeDns } from '../../support/fake-dns.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

let t: TestServer;
let dns: FakeDns;

before(async () => {
  dns = await startFakeDns({
    'www.example.org': { A: ['192.0.2.10', '192.0.2.11'], AAAA: ['2001:db8::10', '2001:db8::11'] },
    'alias.example.org': { CNAME: 'www.example.org' },
    'v4only.example.org': { A: ['192.0.2.20'] },
    'v6only.example.org': { AAAA: ['2001:db8::20'] },
    'norecords.example.org': {},
    'broken.example.org': { rcode: 'SERVFAIL' },
    'refused.example.org': { rcode: 'REFUSED' },
    'slow.example.org': { silent: true },
  });
  t = await startTestServer({ builtins: [dnsModule] });
});
after(async () => {
  await t.close();
  await dns.close();
});

const ask = (fields: Record<string, unknown>) => t.query({ module: 'dns', config: { nameserver: dns.address }, ...fields });

/** The single legacy entry of an answer, with its IPv4 and IPv6 parts. */
function addresses(answer: Record<string, any>): { v4: string[]; v6: string[] } {
  assert.equal(answer.results.length, 1);
  const [entry] = answer.results;
  assert.deepEqual(entry.types, ['ip-src', 'ip-dst']);
  const values: string[] = entry.values;
  const v4 = values.filter((v) => !v.includes(':'));
  // A records come first, then AAAA.
  assert.deepEqual(values, [...v4, ...values.filter((v) => v.includes(':'))]);
  return { v4: [...v4].sort(), v6: values.filter((v) => v.includes(':')).sort() };
}

describe('dns', () => {
  test('a hostname resolves to every A and AAAA record, in upstream\'s result shape', async () => {
    const answer = await ask({ hostname: 'www.example.org' });
    assert.deepEqual(Object.keys(answer), ['results']);
    assert.deepEqual(Object.keys((answer as any).results[0]).sort(), ['types', 'values']);
    assert.deepEqual(addresses(answer), { v4: ['192.0.2.10', '192.0.2.11'], v6: ['2001:db8::10', '2001:db8::11'] });
    assertValidResults(answer);
  });

  test('domain and domain|ip inputs; CNAMEs are followed; the configured ip:port nameserver is the one asked', async () => {
    const before = dns.queries.length;
    assert.deepEqual(addresses(await ask({ domain: 'alias.example.org' })).v4, ['192.0.2.10', '192.0.2.11']);
    const composite = await ask({ 'domain|ip': 'v4only.example.org|203.0.113.9' });
    assert.deepEqual(addresses(composite), { v4: ['192.0.2.20'], v6: [] });
    assertValidResults(composite);
    const asked = dns.queries.slice(before).map((q) => `${q.name} ${q.type}`).sort();
    assert.deepEqual(asked, ['alias.example.org A', 'alias.example.org AAAA', 'v4only.example.org A', 'v4only.example.org AAAA']);
  });

  test('a name with only AAAA records still answers', async () => {
    assert.deepEqual(addresses(await ask({ hostname: 'v6only.example.org' })), { v4: [], v6: ['2001:db8::20'] });
  });

  test('NXDOMAIN, SERVFAIL, REFUSED and a name without addresses each get their message', async () => {
    assert.deepEqual(await ask({ hostname: 'nothere.example.org' }), { error: 'NXDOMAIN' });
    assert.deepEqual(await ask({ hostname: 'broken.example.org' }), {
      error: 'DNS resolving error: The DNS server failed to resolve broken.example.org (SERVFAIL).',
    });
    assert.deepEqual(await ask({ hostname: 'refused.example.org' }), {
      error: 'DNS resolving error: The DNS server refused to resolve refused.example.org (REFUSED).',
    });
    assert.deepEqual(await ask({ hostname: 'norecords.example.org' }), {
      error: 'DNS resolving error: norecords.example.org has no A or AAAA record.',
    });
  });

  test('a DNS server that never answers gives upstream\'s "Timeout" (not the query timeout "Timeout.")', async () => {
    const before = dns.queries.length;
    assert.deepEqual(await ask({ hostname: 'slow.example.org' }), { error: 'Timeout' });
    assert.ok(dns.queries.slice(before).some((q) => q.name === 'slow.example.org'));
  });

  test('the query timeout still wins when it is shorter than the DNS timeout', async () => {
    assert.deepEqual(await ask({ hostname: 'slow.example.org', timeout: 1 }), { error: 'Timeout.' });
  });

  test('bad input: a type the module does not take, an empty domain part, an invalid nameserver', async () => {
    assert.deepEqual(await ask({ 'ip-src': '192.0.2.1' }), {
      error: "Module 'dns' needs one of these attribute types in the request: hostname, domain, domain|ip.",
    });
    assert.deepEqual(await ask({ 'domain|ip': '|192.0.2.1' }), { error: 'The domain|ip attribute holds no name to resolve.' });
    assert.deepEqual(await t.query({ module: 'dns', hostname: 'www.example.org', config: { nameserver: 'dns.example.org' } }), {
      error: 'Invalid nameserver "dns.example.org": expected an IP address, ip:port or [ipv6]:port.',
    });
  });

  test('several nameservers may be given, comma separated', async () => {
    const answer = await t.query({ module: 'dns', hostname: 'v4only.example.org', config: { nameserver: `${dns.address}, ${dns.address}` } });
    assert.deepEqual(addresses(answer).v4, ['192.0.2.20']);
  });

  test('/modules lists dns as expansion and hover with its nameserver setting', async () => {
    const modules = (await t.get('/modules')).json() as Array<Record<string, any>>;
    const entry = modules.find((m) => m.name === 'dns')!;
    assert.deepEqual(entry.meta['module-type'], ['expansion', 'hover']);
    assert.deepEqual(entry.meta.config, ['nameserver']);
    assert.deepEqual(entry.mispattributes, { input: ['hostname', 'domain', 'domain|ip'], output: ['ip-src', 'ip-dst'] });
  });
});

describe('dns nameserver choice (upstream: 8.8.8.8 only without any config)', () => {
  /** Runs the handler with a DNS client that records the nameservers it is given and answers nothing from the network. */
  async function nameserversUsed(config: Record<string, string | undefined>, configProvided: boolean): Promise<string[][]> {
    const seen: string[][] = [];
    const record = async (_name: string, options?: DnsQueryOptions): Promise<string[]> => {
      seen.push(options?.nameservers ?? (options?.defaultNameservers ?? []).map((s) => `default ${s}`));
      return ['192.0.2.1'];
    };
    const client: DnsClient = {
      resolve4: record,
      resolve6: async (name, options) => (await record(name, options), []),
      resolve: () => Promise.reject(new Error('not used')),
      reverse: () => Promise.reject(new Error('not used')),
    };
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    const ctx = { config, configProvided, dns: client, log, signal: new AbortController().signal, requestId: 'test' } as unknown as ModuleContext;
    const answer = await dnsModule.handle({ module: 'dns', hostname: 'www.example.org' }, ctx);
    assert.deepEqual(answer, { results: [{ types: ['ip-src', 'ip-dst'], values: ['192.0.2.1'] }] });
    return seen;
  }

  test('no config key at all: 8.8.8.8, as a default the server\'s --dns-server overrides', async () => {
    assert.deepEqual(await nameserversUsed({}, false), [['default 8.8.8.8'], ['default 8.8.8.8']]);
  });

  test('a config without nameserver: the system resolvers (no server list)', async () => {
    assert.deepEqual(await nameserversUsed({ nameserver: undefined }, true), [[], []]);
  });

  test('a configured nameserver is passed on as given', async () => {
    assert.deepEqual(await nameserversUsed({ nameserver: '192.0.2.53:5353' }, true), [['192.0.2.53:5353'], ['192.0.2.53:5353']]);
  });
});
