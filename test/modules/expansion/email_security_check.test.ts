import assert from 'node:assert/strict';
import { after } from 'node:test';
import emailSecurityCheck from '../../../src/modules/expansion/email_security_check.js';
import { startFakeDns } from '../../support/fake-dns.js';
import { testModule, type Answer } from '../../support/module-tester.js';

const UUID = '5c8f2a41-7d3e-4b6a-9f10-2e4d6c8a0b11';
const attribute = (value: string, type = 'domain') => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

/** A resolver of the module's own (its custom_resolver setting). */
const own = await startFakeDns({ 'example.org': { TXT: ['v=spf1 -all'] } });
after(() => own.close());

/** The domain-ip object's domain and its texts as `comment: value`, after checking the answer's frame. */
function findings(answer: Answer): { domain: string[]; texts: string[] } {
  const results = answer['results'] as { Attribute: Array<Record<string, unknown>>; Object: Array<Record<string, any>> };
  assert.deepEqual(Object.keys(results).sort(), ['Attribute', 'Object']);
  assert.equal(results.Attribute.length, 1);
  assert.equal(results.Attribute[0]!['uuid'], UUID, 'the input attribute is echoed');
  assert.equal(results.Object.length, 1);
  const object = results.Object[0]!;
  assert.equal(object['name'], 'domain-ip');
  assert.deepEqual(
    object['ObjectReference'].map((r: Record<string, unknown>) => [r['referenced_uuid'], r['relationship_type']]),
    [[UUID, 'related-to']],
  );
  const attributes = object['Attribute'] as Array<Record<string, unknown>>;
  for (const a of attributes.filter((a) => a['object_relation'] === 'text')) {
    assert.equal(a['type'], 'text');
    assert.equal(a['disable_correlation'], true);
  }
  return {
    domain: attributes.filter((a) => a['object_relation'] === 'domain').map((a) => `${a['type']} ${a['value']}`),
    texts: attributes.filter((a) => a['object_relation'] === 'text').map((a) => `${a['comment']}: ${a['value']}`),
  };
}

const ALL_MISSING = [
  'SPF record: SPF: MISSING',
  'DMARC record: DMARC: MISSING',
  'DKIM check: DKIM: NOT FOUND (tested common selectors)',
  'MTA-STS record: MTA-STS: MISSING',
  'Overall email security posture score: Email Security Score: 0/5',
];

testModule({
  module: emailSecurityCheck,
  dns: {
    'example.org': { TXT: ['google-site-verification=Xyz123', 'v=spf1 include:_spf.example.org -all'] },
    '_dmarc.example.org': { TXT: ['v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.org; pct=100'] },
    'google._domainkey.example.org': { TXT: ['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu5'] },
    'selector1._domainkey.example.org': { TXT: [['v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ', 'DwIDAQAB']] },
    'k1._domainkey.example.org': { TXT: ['not a key'] },
    '_mta-sts.example.org': { TXT: ['v=STSv1; id=20240115T000000'] },
    // SPF split in two strings (as long records are), DMARC without enforcement, nothing else.
    'partial.example': { TXT: [['v=spf1 ip4:192.0.2.0/24 ', 'include:_spf.partial.example -all']] },
    '_dmarc.partial.example': { TXT: ['v=DMARC1; sp=reject; p=none'] },
    'nomail.example': { A: ['192.0.2.80'] },
    'utf8.example': { TXT: ['v=spf1 include:_spf.exämple.org "quoted" -all'] },
    'broken.example': { rcode: 'SERVFAIL' },
    'silent.example': { silent: true },
  },
  rows: [
    {
      name: 'a domain with every record: upstream\'s texts and a score of 5/5',
      query: attribute('example.org'),
      inputUuids: [UUID],
      check: (answer, _requests, dns) => {
        assert.deepEqual(findings(answer), {
          domain: ['domain example.org'],
          texts: [
            'SPF record: SPF: v=spf1 include:_spf.example.org -all',
            'DMARC record and policy: DMARC: reject — v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.org; pct=100',
            'DKIM selectors found: DKIM: FOUND (2 selector(s): google, selector1)',
            'MTA-STS record: MTA-STS: v=STSv1; id=20240115T000000',
            'Overall email security posture score: Email Security Score: 5/5',
          ],
        });
        assert.equal(dns.length, 15, 'the domain, _dmarc, _mta-sts and 12 DKIM selectors');
        assert.ok(dns.every((q) => q.type === 'TXT'));
        assert.ok(dns.some((q) => q.name === 'everlytickey2._domainkey.example.org'));
      },
    },
    {
      name: 'a hostname; a split SPF record read joined; a DMARC p=none scores 1',
      query: attribute('partial.example', 'hostname'),
      check: (answer) =>
        assert.deepEqual(findings(answer).texts, [
          'SPF record: SPF: v=spf1 ip4:192.0.2.0/24 include:_spf.partial.example -all',
          'DMARC record and policy: DMARC: none — v=DMARC1; sp=reject; p=none',
          'DKIM check: DKIM: NOT FOUND (tested common selectors)',
          'MTA-STS record: MTA-STS: MISSING',
          'Overall email security posture score: Email Security Score: 2/5',
        ]),
    },
    {
      name: 'a record\'s UTF-8 and quotes are shown as written (upstream showed dnspython\'s escapes)',
      query: attribute('utf8.example'),
      check: (answer) => assert.equal(findings(answer).texts[0], 'SPF record: SPF: v=spf1 include:_spf.exämple.org "quoted" -all'),
    },
    { name: 'a domain without TXT records: every check MISSING (upstream)', query: attribute('nomail.example'), check: (answer) => assert.deepEqual(findings(answer).texts, ALL_MISSING) },
    { name: 'a domain that does not exist (NXDOMAIN): every check MISSING (upstream)', query: attribute('unknown.example'), check: (answer) => assert.deepEqual(findings(answer).texts, ALL_MISSING) },
    {
      name: 'custom_resolver (declared here, never declared upstream) is the resolver asked',
      query: attribute('example.org'),
      config: { custom_resolver: own.address },
      check: (answer, _requests, dns) => {
        assert.equal(findings(answer).texts[0], 'SPF record: SPF: v=spf1 -all');
        assert.deepEqual(dns, [], 'the server\'s resolver is not asked');
      },
    },
    {
      name: 'the DNS server fails (SERVFAIL): an error, not a MISSING never checked',
      query: attribute('broken.example'),
      messageId: 'lookupFailed',
      data: { domain: 'broken.example', reason: 'The DNS server failed to resolve broken.example (SERVFAIL).' },
    },
    {
      name: 'the DNS server never answers (upstream\'s 2 s per lookup)',
      query: attribute('silent.example'),
      messageId: 'lookupFailed',
      data: { domain: 'silent.example', reason: 'The DNS server did not answer in time for silent.example (timeout).' },
    },
    { name: 'the query timeout is shorter', query: { ...attribute('silent.example'), timeout: 0.5 }, error: 'Timeout.' },
    { name: 'a malformed custom_resolver', query: attribute('example.org'), config: { custom_resolver: 'dns.example.org' }, error: 'Invalid nameserver "dns.example.org": expected an IP address, ip:port or [ipv6]:port.' },
    { name: 'no attribute: upstream\'s text', query: { domain: 'example.org' }, messageId: 'invalidAttribute' },
    { name: 'an attribute without type', query: { attribute: { value: 'example.org', uuid: UUID } }, messageId: 'invalidAttribute' },
    { name: 'an attribute without value', query: { attribute: { type: 'domain', uuid: UUID } }, messageId: 'invalidAttribute' },
    { name: 'a type the module does not take: upstream\'s text', query: attribute('192.0.2.1', 'ip-src'), messageId: 'unsupportedType', data: { type: 'ip-src' } },
    { name: 'an empty value', query: attribute(''), messageId: 'invalidDomain', data: { value: '' } },
    { name: 'a label over 63 bytes', query: attribute(`${'a'.repeat(64)}.example`), messageId: 'invalidDomain', data: { value: `${'a'.repeat(64)}.example` } },
  ],
});
