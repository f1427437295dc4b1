import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import rbl from '../../../src/modules/expansion/rbl.js';
import { RBL_ZONES } from '../../../src/modules/expansion/_rbl/zones.js';
import { startFakeDns, type FakeDns, type Zone, type ZoneEntry } from '../../support/fake-dns.js';
import { testModule } from '../../support/module-tester.js';
import { startTestServer, type TestServer } from '../../server/harness.js';

/** Every zone's entry for one address (reversed, as DNSBLs are asked). */
function everyZone(ip: string, entry: ZoneEntry): Zone {
  const reversed = ip.split('.').reverse().join('.');
  return Object.fromEntries(RBL_ZONES.map((zone) => [`${reversed}.${zone}`, entry]));
}

const LISTED = '192.0.2.1';

testModule({
  module: rbl,
  config: { timeout: '0.2' },
  dns: {
    // 192.0.2.1: listed by three lists (as they word their TXT records), failing at two, unknown to the rest.
    '1.2.0.192.bl.spamcop.net': { TXT: ['Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1'] },
    '1.2.0.192.zen.spamhaus.org': { TXT: ['Listed by SBL, see https://check.spamhaus.org/sbl/query/SBL123', 'Listed by XBL, see https://check.spamhaus.org/'] },
    '1.2.0.192.b.barracudacentral.org': { TXT: ['http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1'], A: ['127.0.0.2'] },
    '1.2.0.192.dnsbl.sorbs.net': { A: ['127.0.0.10'] },
    '1.2.0.192.psbl.surriel.com': { rcode: 'SERVFAIL' },
    '1.2.0.192.virbl.bit.nl': { silent: true },
    // 192.0.2.3: every list fails; 192.0.2.4: no list answers.
    ...everyZone('192.0.2.3', { rcode: 'SERVFAIL' }),
    ...everyZone('192.0.2.4', { silent: true }),
  },
  rows: [
    {
      name: 'a listed address: one line per list that answered TXT, in upstream\'s zone order, records as dnspython prints them',
      query: { 'ip-src': LISTED },
      results: [
        {
          types: ['text'],
          values: [
            '1.2.0.192.b.barracudacentral.org: "http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1"',
            '1.2.0.192.zen.spamhaus.org: "Listed by SBL, see https://check.spamhaus.org/sbl/query/SBL123"  -  "Listed by XBL, see https://check.spamhaus.org/"',
            '1.2.0.192.bl.spamcop.net: "Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1"',
          ].join('\n'),
        },
      ],
      check: (_answer, _requests, dns) => {
        assert.equal(dns.length, RBL_ZONES.length, 'every zone is asked once');
        assert.deepEqual(new Set(dns.map((q) => q.name)), new Set(RBL_ZONES.map((zone) => `1.2.0.192.${zone}`)));
        assert.ok(dns.every((q) => q.type === 'TXT'));
      },
    },
    { name: 'ip-dst when there is no ip-src', query: { 'ip-dst': LISTED }, check: (answer) => assert.match(JSON.stringify(answer), /bl\.spamcop\.net/) },
    { name: 'ip-src is preferred to ip-dst', query: { 'ip-src': '192.0.2.2', 'ip-dst': LISTED }, messageId: 'noData' },
    { name: 'an address no list knows (NXDOMAIN everywhere): upstream\'s text', query: { 'ip-src': '192.0.2.2' }, messageId: 'noData' },
    {
      name: 'every list fails (SERVFAIL): said, rather than "No data found"',
      query: { 'ip-src': '192.0.2.3' },
      messageId: 'allFailed',
      data: { reason: 'The DNS server failed to resolve 3.2.0.192.spam.spamrats.com (SERVFAIL).' },
    },
    {
      name: 'no list answers in time (the timeout setting per lookup)',
      query: { 'ip-src': '192.0.2.4' },
      messageId: 'allFailed',
      data: { reason: 'The DNS server did not answer in time for 4.2.0.192.spam.spamrats.com (timeout).' },
    },
    { name: 'the query timeout ends the lookups still running', query: { 'ip-src': '192.0.2.4', timeout: 0.5 }, config: { timeout: '5' }, error: 'Timeout.' },
    { name: 'a timeout setting that is no positive number falls back to 0.4 s', query: { 'ip-src': LISTED }, config: { timeout: '0' }, check: (answer) => assert.match(JSON.stringify(answer), /zen\.spamhaus\.org/) },
    { name: 'a timeout setting that is not a number falls back to 0.4 s', query: { 'ip-src': '192.0.2.2' }, config: { timeout: 'soon' }, messageId: 'noData' },
    { name: 'an IPv6 address', query: { 'ip-src': '2001:db8::1' }, messageId: 'notIpv4', data: { value: '2001:db8::1' } },
    { name: 'a value that is no address', query: { 'ip-dst': 'www.example.org' }, messageId: 'notIpv4', data: { value: 'www.example.org' } },
    { name: 'no ip-src or ip-dst: upstream\'s text', query: { domain: 'example.org' }, messageId: 'unsupported' },
    { name: 'an ip-src that is not a string', query: { 'ip-src': ['192.0.2.1'] }, messageId: 'unsupported' },
  ],
});

describe('rbl asks the lists concurrently, at most a dozen at a time', () => {
  let dns: FakeDns;
  let t: TestServer;
  before(async () => {
    // Every list answers after 150 ms.
    dns = await startFakeDns(everyZone('198.51.100.7', { TXT: ['listed'], delayMs: 150 }));
    t = await startTestServer({ builtins: [rbl], settings: { dnsServers: [dns.address] } });
  });
  after(async () => {
    await t.close();
    await dns.close();
  });

  test('56 lists answering in 150 ms each take five rounds, not 56, and every line keeps upstream\'s order', async () => {
    const started = Date.now();
    const answer = await t.query({ module: 'rbl', 'ip-src': '198.51.100.7', config: { timeout: '2' } });
    const elapsed = Date.now() - started;
    const values = (answer['results'] as Array<{ values: string }>)[0]!.values;
    assert.deepEqual(values.split('\n'), RBL_ZONES.map((zone) => `7.100.51.198.${zone}: "listed"`));
    assert.ok(dns.peakPending >= 8 && dns.peakPending <= 16, `at most 16 lookups in flight (peak ${dns.peakPending})`);
    assert.ok(elapsed >= 4 * 150 && elapsed < 56 * 150, `rounds of lookups, not one by one (${elapsed} ms)`);
  });
});
