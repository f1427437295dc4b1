/**
 * validin against a loopback Validin API (app.validin.com and an
 * enterprise endpoint): the axon routes upstream calls, `Authorization:
 * BEARER <key>` checked (401 otherwise), answers shaped like Validin's
 * documented `{key, status, records: {...}, records_returned, limit}`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import validin, { validinBaseUrl } from '../../../src/modules/expansion/validin.js';
import { reverseName } from '../../../src/modules/expansion/_validin/dns.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';
import { readObjects, type ReadObject } from './_answer-objects.js';

const UUID = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a';
const KEY = 'validin-key-8f7e6d';
const DOMAIN = 'bad-domain.example';
const IP = '203.0.113.5';

const answer = (key: string, records: Record<string, unknown>): FakeResponse => ({
  json: { key, effective_opts: { lookback: 14, limit: 100 }, status: 'finished', records, records_returned: Object.values(records).flat().length, limit: 100, limit_reached: false },
});
const seen = (value: string, value_type: string, first_seen = 1717200000, last_seen = 1717804800) => ({ key: DOMAIN, value, value_type, first_seen, last_seen });

const CRAWL = {
  value: {
    host: DOMAIN, ip: IP, port: 443, scheme: 'https', path: '/login', title: 'Sign in', start_line: 'HTTP/1.1 200 OK', length: 5120,
    time: '2024-06-01T10:00:00Z', header_hash: '0123456789abcdef0123456789abcdef', banner_0_hash: 'fedcba9876543210fedcba9876543210',
    body_hash: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', banner_full: ['HTTP/1.1 200 OK', 'Server: nginx'],
    ext_links: { scripts: ['cdn.other.example'], links: ['cdn.other.example', 'tracker.example'] },
    cert: { cert_issuer: { C: 'US', O: "Let's Encrypt", CN: 'R3' }, not_before: '2024-05-01T00:00:00Z', not_after: '2024-07-30T00:00:00Z', chain_fingerprints: ['1111111111111111111111111111111111111111', '2222222222222222222222222222222222222222'] },
    cert_details: { fingerprint: '1111111111111111111111111111111111111111', fingerprint_sha256: 'a'.repeat(64), jarm: '2ad2ad16d2ad2ad22c42d42d00000047a2b4b3f1a2f4c1e0d8b3f7c2a9e1b0c', domains: [DOMAIN, `www.${DOMAIN}`] },
    cert_chain_serials: ['04ab', '0912'],
  },
};
const OLD_CRAWL = { value: { ...CRAWL.value, time: '2024-05-01T10:00:00Z', title: 'Old' } };
const HTTP_CRAWL = { value: { host: DOMAIN, ip: IP, port: 8080, time: '2024-06-02T10:00:00Z', start_line: 'HTTP/1.1 302 Found', location: 'https://bad-domain.example/' } };

const DOMAIN_ROUTES = {
  'GET /api/axon/domain/dns/history/:q': () =>
    answer(DOMAIN, { A: [seen(IP, 'ip4')], NS: [seen('ns1.dns-host.example', 'dom'), seen('ns1.dns-host.example', 'dom')], SOA: [seen('x', 'dom')] }),
  'GET /api/axon/domain/dns/hostname/:q': () => answer(DOMAIN, { PTR: [seen('host5.provider.example', 'dom')] }),
  'GET /api/axon/domain/dns/extra/:q': () =>
    answer(DOMAIN, { MX: [seen('mail.bad-domain.example', 'dom')], TXT: [seen('v=spf1 -all', 'string')], HTTPS: [seen('1 . alpn="h2"', 'string')] }),
  'GET /api/axon/domain/certificates/:q': () =>
    answer(DOMAIN, {
      ctstream: [
        { key: DOMAIN, value: { common_name: DOMAIN, cert_issuer: 'R3', not_before: '2024-01-01T00:00:00Z', not_after: '2024-03-31T00:00:00Z', details: { fingerprint: '3'.repeat(40) } } },
        { key: DOMAIN, value: { common_name: DOMAIN, cert_issuer: "C=US, O=Let's Encrypt, CN=R3", not_before: '2024-05-01T00:00:00Z', not_after: '2024-07-30T00:00:00Z', timestamp: '2024-05-01T01:02:03Z', links: ['https://crt.sh/?id=123'], details: { fingerprint: '1'.repeat(40), fingerprint_sha256: 'a'.repeat(64), domains: [DOMAIN, `www.${DOMAIN}`] } } },
      ],
    }),
  'GET /api/axon/domain/crawl/history/:q': () => answer(DOMAIN, { crawlr: [OLD_CRAWL, CRAWL, HTTP_CRAWL, { value: { host: DOMAIN } }] }),
  'GET /api/axon/domain/subdomains/:q': () => answer(DOMAIN, { subdomains: [{ value: `www.${DOMAIN}` }, { value: `mail.${DOMAIN}` }, { value: '' }] }),
  'GET /api/axon/domain/registration/history/:q': () =>
    answer(DOMAIN, {
      registration: [
        {
          key: DOMAIN, domain: DOMAIN, date: '2024-06-01', found: true, status: ['clientTransferProhibited'], registrar: 'NameCheap, Inc.',
          registered: ['2024-04-28T00:00:00Z'], expires: ['2025-04-28T00:00:00Z'], changed: '2024-05-02T00:00:00Z',
          nameservers: ['ns1.dns-host.example', 'ns2.dns-host.example'], source: 'whois.namecheap.com',
          roles: { registrant: { email: ['abuse@bad-domain.example'], org: 'Privacy service', country: 'IS' }, tech: { email: 'tech@bad-domain.example' } },
        },
      ],
    }),
  'GET /api/axon/ip/dns/history/:q': () =>
    answer(IP, { A: [{ key: IP, value: DOMAIN, value_type: 'dom', first_seen: 1717200000, last_seen: 1717804800 }], NS_FOR: [{ key: IP, value: 'other-zone.example', value_type: 'dom' }] }),
  'GET /api/axon/ip/dns/hostname/:q': () => answer(IP, { PTR: [{ key: IP, value: 'host5.provider.example', value_type: 'dom' }] }),
  'GET /api/axon/ip/dns/extra/:q': () => answer(IP, {}),
  'GET /api/axon/ip/crawl/history/:q': () => answer(IP, { crawlr: [{ value: { ip: IP, port: 80, time: '2024-06-02T10:00:00Z', start_line: 'HTTP/1.1 403 Forbidden' } }] }),
} satisfies Routes;

/** Every route checks the key, as Validin does. */
const keyed = (routes: Routes): Routes =>
  Object.fromEntries(
    Object.entries(routes).map(([route, handler]) => [
      route,
      (req: FakeRequest) => (req.headers['authorization'] === `BEARER ${KEY}` ? (handler as (r: FakeRequest) => FakeResponse)(req) : { status: 401, json: { error: 'Invalid API key' } }),
    ]),
  );

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID } });
const byName = (answer: Answer, name: string): ReadObject[] => readObjects(answer).filter((o) => o.name === name);

test('validinBaseUrl: a bare host gets https://, a given scheme is kept, no trailing slash', () => {
  assert.equal(validinBaseUrl(undefined), 'https://app.validin.com');
  assert.equal(validinBaseUrl('  '), 'https://app.validin.com');
  assert.equal(validinBaseUrl('validin.corp.example/'), 'https://validin.corp.example');
  assert.equal(validinBaseUrl('http://10.1.2.3:8443'), 'http://10.1.2.3:8443');
});

test('reverseName: IPv4 and IPv6', () => {
  assert.equal(reverseName('203.0.113.5'), '5.113.0.203.in-addr.arpa');
  assert.equal(reverseName('2001:db8::1'), `1.${'0.'.repeat(23)}8.b.d.0.1.0.0.2.ip6.arpa`);
});

testModule({
  module: validin,
  vendors: { 'app.validin.com': keyed(DOMAIN_ROUTES), 'validin.corp.example': keyed(DOMAIN_ROUTES) },
  config: { api_key: KEY },
  rows: [
    {
      name: 'a domain: DNS, PTR, extra records, latest certificate, latest crawl per port, subdomains',
      query: attribute('domain', DOMAIN),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.target).sort(), [
          `/api/axon/domain/certificates/${DOMAIN}?limit=100`,
          `/api/axon/domain/crawl/history/${DOMAIN}?lookback=21&limit=100`,
          `/api/axon/domain/dns/extra/${DOMAIN}?lookback=14&limit=100`,
          `/api/axon/domain/dns/history/${DOMAIN}?lookback=14&limit=100`,
          `/api/axon/domain/dns/hostname/${DOMAIN}?lookback=14&limit=100`,
          `/api/axon/domain/subdomains/${DOMAIN}?limit=100`,
        ]);
        assert.equal(requests[0]!.headers['user-agent'], 'Validin-MISP/1.1');
      },
      check: (answer) => {
        const dns = byName(answer, 'dns-record');
        assert.deepEqual(dns.map((o) => o.values), [
          { 'queried-domain': [DOMAIN], 'a-record': [IP] },
          { 'queried-domain': [DOMAIN], 'ns-record': ['ns1.dns-host.example'] }, // the duplicate is dropped
          { 'queried-domain': [DOMAIN], 'ptr-record': ['host5.provider.example'] },
          { 'queried-domain': [DOMAIN], 'mx-record': ['mail.bad-domain.example'] },
          { 'queried-domain': [DOMAIN], 'txt-record': ['v=spf1 -all'] },
        ]);
        assert.ok(dns.every((o) => o.references.length === 1 && o.references[0]![1] === UUID));
        const raw = (answer['results'] as { Object: Array<{ comment?: string; first_seen?: string; last_seen?: string }> }).Object[0]!;
        assert.deepEqual([raw.comment, raw.first_seen, raw.last_seen], ['Validin DNS history: A', '2024-06-01T00:00:00+00:00', '2024-06-08T00:00:00+00:00']);

        const [cert, crawlCert] = byName(answer, 'x509');
        assert.deepEqual(cert!.values, {
          subject: [DOMAIN],
          issuer: ["C=US, O=Let's Encrypt, CN=R3"],
          'validity-not-before': ['2024-05-01T00:00:00+00:00'],
          'validity-not-after': ['2024-07-30T00:00:00+00:00'],
          'x509-fingerprint-sha1': ['1'.repeat(40)],
          'x509-fingerprint-sha256': ['a'.repeat(64)],
          dns_names: [DOMAIN, `www.${DOMAIN}`],
          uri: ['https://crt.sh/?id=123'],
          text: ['observation-date: 2024-05-01T01:02:03Z'],
        });
        assert.deepEqual(crawlCert!.values['issuer'], ["C=US, O=Let's Encrypt, CN=R3"]);
        assert.deepEqual(crawlCert!.values['serial-number'], ['04ab']);
        assert.deepEqual(crawlCert!.values['text'], [
          'chain x509-fingerprint-sha1: 2222222222222222222222222222222222222222\nchain serial-number: 0912\njarm-fingerprint: 2ad2ad16d2ad2ad22c42d42d00000047a2b4b3f1a2f4c1e0d8b3f7c2a9e1b0c',
        ]);

        const requests = byName(answer, 'http-request');
        assert.deepEqual(requests.map((o) => [o.values['url'], o.values['ip-dst'], o.values['method']]), [
          [[`http://${DOMAIN}:8080/`], [IP], ['GET']],
          [[`https://${DOMAIN}/login`], [IP], ['GET']],
        ]);
        assert.match(requests[1]!.values['text']![0]!, /^port: 443\nstatus-line: HTTP\/1\.1 200 OK\ntitle: Sign in\nsize-in-bytes: 5120\n/);
        assert.match(requests[1]!.values['text']![0]!, /external-domain: cdn\.other\.example\nexternal-domain: tracker\.example\nheader-line: HTTP\/1\.1 200 OK\nheader-line: Server: nginx$/);
        assert.deepEqual(requests[1]!.references, [['related-to', UUID], ['uses', crawlCert!.uuid]]);

        const attributes = (answer['results'] as { Attribute: Array<{ type: string; value: string; comment: string }> }).Attribute;
        assert.deepEqual(attributes.map((a) => [a.type, a.value, a.comment]), [
          ['text', '1 . alpn="h2"', `Validin DNS extra records: HTTPS ${DOMAIN}`],
          ['domain', `www.${DOMAIN}`, `Subdomain of ${DOMAIN}`],
          ['domain', `mail.${DOMAIN}`, `Subdomain of ${DOMAIN}`],
        ]);
      },
    },
    {
      name: 'an enterprise endpoint also asks the registration history: a whois object',
      query: attribute('hostname', DOMAIN),
      config: { endpoint: 'validin.corp.example', result_limit: '5' },
      inputUuids: [UUID],
      requests: (requests) => {
        assert.ok(requests.every((r) => r.vendor === 'validin.corp.example' && r.query['limit'] === '5'));
        assert.ok(requests.some((r) => r.target === `/api/axon/domain/registration/history/${DOMAIN}?lookback=30&limit=5`));
      },
      check: (answer) => {
        const [whois] = byName(answer, 'whois');
        assert.deepEqual(whois!.values, {
          domain: [DOMAIN],
          'creation-date': ['2024-04-28T00:00:00+00:00'],
          'expiration-date': ['2025-04-28T00:00:00+00:00'],
          'modification-date': ['2024-05-02T00:00:00+00:00'],
          registrar: ['NameCheap, Inc.'],
          nameserver: ['ns1.dns-host.example', 'ns2.dns-host.example'],
          'registrant-email': ['abuse@bad-domain.example'],
          'registrant-org': ['Privacy service'],
          text: ['observation-date: 2024-06-01\nfound: true\nstatus: clientTransferProhibited\nsource: whois.namecheap.com\nregistrant-country: IS\ntech-email: tech@bad-domain.example'],
        });
      },
    },
    {
      name: 'an IP: its domains as dns-records turned round, PTR of the reverse name, NS_FOR as an attribute',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path.split('/').slice(3, 6).join('/')).sort(), ['ip/crawl/history', 'ip/dns/extra', 'ip/dns/history', 'ip/dns/hostname']),
      check: (answer) => {
        assert.deepEqual(byName(answer, 'dns-record').map((o) => o.values), [
          { 'queried-domain': [DOMAIN], 'a-record': [IP] },
          { 'queried-domain': ['5.113.0.203.in-addr.arpa'], 'ptr-record': ['host5.provider.example'] },
        ]);
        const attributes = (answer['results'] as { Attribute: Array<{ type: string; value: string; comment: string }> }).Attribute;
        assert.deepEqual(attributes.map((a) => [a.type, a.value, a.comment]), [['domain', 'other-zone.example', `Validin DNS history: NS_FOR ${IP}`]]);
        assert.deepEqual(byName(answer, 'http-request').map((o) => o.values['url']), [[`http://${IP}/`]]);
      },
    },
    {
      name: 'nothing known (every dataset 404): an empty result, nothing invented',
      query: attribute('domain', 'unknown.example'),
      routes: { 'GET /*': { status: 404, json: { error: 'Not found' } } },
      results: {},
    },
    { name: 'no attribute value: upstream\'s message', query: { attribute: { type: 'domain', uuid: UUID } }, messageId: 'noInput' },
    { name: 'result_limit not an integer', query: attribute('domain', DOMAIN), config: { result_limit: 'ten' }, messageId: 'limitNotInteger' },
    { name: 'result_limit not positive', query: attribute('domain', DOMAIN), config: { result_limit: '0' }, messageId: 'limitNotPositive' },
    { name: 'no api_key: upstream\'s exact message', query: attribute('domain', DOMAIN), config: { api_key: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('domain', DOMAIN), config: null, error: 'Validin API key is missing.' },
    {
      name: 'a wrong key: Validin refuses it, its message carried',
      query: attribute('domain', DOMAIN),
      config: { api_key: 'wrong' },
      error: 'Validin refused the key (setting api_key, HTTP 401 Unauthorized): Invalid API key.',
    },
    ...vendorFailureRows({ query: attribute('domain', DOMAIN), vendorMessage: 'Backend unavailable' }),
  ],
});
