import assert from 'node:assert/strict';
import { after } from 'node:test';
import reversedns from '../../../src/modules/expansion/reversedns.js';
import { startFakeDns } from '../../support/fake-dns.js';
import { testModule } from '../../support/module-tester.js';

/** A resolver of the module's own (its `nameserver` setting), answering differently from the server's. */
const own = await startFakeDns({ '10.2.0.192.in-addr.arpa': { PTR: ['own-resolver.example.org'] } });
after(() => own.close());

const hostname = (value: string) => [{ types: ['hostname'], values: [value] }];

testModule({
  module: reversedns,
  // The server's --dns-server: it replaces upstream's built-in 8.8.8.8.
  dns: {
    '10.2.0.192.in-addr.arpa': { PTR: ['www.example.org'] },
    '20.2.0.192.in-addr.arpa': { PTR: ['first.example.org', 'second.example.org'] },
    '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': { PTR: ['v6.example.org'] },
    '30.2.0.192.in-addr.arpa': { rcode: 'SERVFAIL' },
    '40.2.0.192.in-addr.arpa': { silent: true },
    '50.2.0.192.in-addr.arpa': { TXT: ['no PTR here'] },
  },
  rows: [
    {
      name: 'an ip-src without any config: the first PTR, asked of the server\'s resolver rather than 8.8.8.8',
      query: { 'ip-src': '192.0.2.10' },
      config: null,
      results: hostname('www.example.org'),
      check: (_answer, _requests, dns) => assert.deepEqual(dns.map((q) => `${q.name} ${q.type}`), ['10.2.0.192.in-addr.arpa PTR']),
    },
    { name: 'ip-dst is preferred to ip-src', query: { 'ip-src': '192.0.2.99', 'ip-dst': '192.0.2.10' }, results: hostname('www.example.org') },
    { name: 'the IP part of domain|ip', query: { 'domain|ip': 'example.org|192.0.2.10' }, config: { nameserver: '' }, results: hostname('www.example.org') },
    { name: 'the undeclared `ip` key upstream also reads', query: { ip: '192.0.2.10' }, results: hostname('www.example.org') },
    { name: 'several PTR records: the first', query: { 'ip-src': '192.0.2.20' }, results: hostname('first.example.org') },
    { name: 'an IPv6 address', query: { 'ip-dst': '2001:db8::1' }, results: hostname('v6.example.org') },
    {
      name: 'a configured nameserver wins over the server\'s resolver',
      query: { 'ip-src': '192.0.2.10' },
      config: { nameserver: own.address },
      results: hostname('own-resolver.example.org'),
      check: (_answer, _requests, dns) => assert.deepEqual(dns, []),
    },
    { name: 'no PTR zone for the address (NXDOMAIN): upstream\'s text', query: { 'ip-src': '192.0.2.77' }, messageId: 'nxdomain' },
    { name: 'a name without PTR record', query: { 'ip-src': '192.0.2.50' }, messageId: 'failed', data: { reason: '192.0.2.50 has no PTR record.' } },
    { name: 'the DNS server fails (SERVFAIL)', query: { 'ip-src': '192.0.2.30' }, messageId: 'failed', data: { reason: 'The DNS server failed to resolve 192.0.2.30 (SERVFAIL).' } },
    { name: 'the DNS server never answers: upstream\'s "Timeout" after 2 s', query: { 'ip-src': '192.0.2.40' }, messageId: 'timeout' },
    { name: 'the query timeout is shorter', query: { 'ip-src': '192.0.2.40', timeout: 0.3 }, error: 'Timeout.' },
    { name: 'a value that is no IP address', query: { 'ip-src': 'www.example.org' }, messageId: 'notAnIp', data: { value: 'www.example.org' } },
    { name: 'a domain|ip without IP part', query: { 'domain|ip': 'example.org' }, messageId: 'notAnIp', data: { value: '' } },
    { name: 'no input at all', query: { domain: 'example.org' }, messageId: 'noInput' },
    { name: 'a malformed nameserver setting', query: { 'ip-src': '192.0.2.10' }, config: { nameserver: 'dns.example.org' }, error: 'Invalid nameserver "dns.example.org": expected an IP address, ip:port or [ipv6]:port.' },
  ],
});
