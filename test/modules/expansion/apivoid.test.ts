/**
 * apivoid against a loopback APIVoid pay-as-you-go API
 * (`/<feature>/v1/pay-as-you-go/?key=…`), answers shaped like APIVoid's
 * documentation of dnslookup (dns-any), sslinfo and emailverify, trimmed.
 * The fake checks `key`; a wrong key gets APIVoid's `{"error": …}`.
 */
import assert from 'node:assert/strict';
import apivoid from '../../../src/modules/expansion/apivoid.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'apivoid-test-key';
const UUID = '5b0e3c1a-7d2f-4e8a-9c1b-2a3b4c5d6e7f';

const STATS = { credits_remained: 24.45, estimated_queries: '407', elapsed_time: '0.02', success: true };

const DNS_ANY = {
  data: {
    records: {
      found: true,
      count: 4,
      items: [
        { host: 'google.com', class: 'IN', ttl: 299, type: 'A', ip: '142.250.184.206', country_code: 'US', country_name: 'United States of America', isp: 'Google LLC' },
        { host: 'google.com', class: 'IN', ttl: 599, type: 'MX', pri: 10, target: 'smtp.google.com' },
        { host: 'google.com', class: 'IN', ttl: 21599, type: 'NS', target: 'ns1.google.com' },
        { host: 'google.com', class: 'IN', ttl: 3599, type: 'TXT', txt: 'v=spf1 include:_spf.google.com ~all', entries: ['v=spf1 include:_spf.google.com ~all'] },
      ],
    },
  },
  credits_remained: 24.39,
  estimated_queries: '406',
  elapsed_time: '0.31',
  success: true,
};

const SSL_INFO = {
  data: {
    certificate: {
      found: true,
      fingerprint: '8ae6c5a5e8b1f7c5b2d3e4f5a6b7c8d9e0f1a2b3',
      valid: true,
      blacklisted: false,
      expired: false,
      details: {
        issuer: { common_name: 'GTS CA 1C3', organization: 'Google Trust Services LLC', country: 'US' },
        signature: { serial: '136375232154539376434046633358785417431', serial_hex: '669A5B3C', type: 'RSA-SHA256' },
        subject: { name: '/CN=*.google.com', common_name: '*.google.com', category: 'Search Engines' },
        validity: { valid_from: '2024-01-08 08:21:16', valid_to: '2024-04-01 08:21:15', valid_from_timestamp: 1704702076, valid_to_timestamp: 1711959675, days_left: 55 },
      },
    },
  },
  credits_remained: 24.32,
  elapsed_time: '0.41',
  success: true,
};

const EMAIL_VERIFY = {
  data: {
    email: 'support@apivoid.com',
    valid_format: true,
    username: 'support',
    role_address: true,
    suspicious_username: false,
    dirty_words_username: false,
    suspicious_email: false,
    domain: 'apivoid.com',
    valid_tld: true,
    disposable: false,
    has_a_records: true,
    has_mx_records: true,
    has_spf_records: true,
    is_spoofable: false,
    dmarc_configured: true,
    dmarc_enforced: true,
    free_email: false,
    russian_free_email: false,
    china_free_email: false,
    suspicious_domain: false,
    dirty_words_domain: false,
    domain_popular: false,
    risky_tld: false,
    police_domain: false,
    government_domain: false,
    educational_domain: false,
    should_block: false,
    score: 100,
  },
  credits_remained: 24.26,
  elapsed_time: '0.52',
  success: true,
};

/** One pay-as-you-go feature: `stats`, or its lookup; a wrong key is APIVoid's error. */
function payAsYouGo(lookup: (req: FakeRequest) => FakeResponse) {
  return (req: FakeRequest): FakeResponse => {
    if (req.query['key'] !== KEY) return { json: { error: 'API key is not valid' } };
    if (req.searchParams.has('stats')) return { json: STATS };
    return lookup(req);
  };
}

const APIVOID = {
  'GET /dnslookup/v1/pay-as-you-go/': payAsYouGo((req) =>
    req.query['action'] === 'dns-any' && req.query['host'] === 'google.com' ? { json: DNS_ANY } : { json: { data: { records: { found: false, count: 0, items: [] } }, success: true } },
  ),
  'GET /sslinfo/v1/pay-as-you-go/': payAsYouGo((req) =>
    req.query['host'] === 'google.com' ? { json: SSL_INFO } : { json: { data: { certificate: { found: false } }, success: true } },
  ),
  'GET /emailverify/v1/pay-as-you-go/': payAsYouGo((req) => ({ json: { ...EMAIL_VERIFY, data: { ...EMAIL_VERIFY.data, email: req.query['email'] } } })),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

interface Obj { name: string; Attribute: Array<{ object_relation: string; value: string; type: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> }
const objects = (answer: Answer) => (answer['results'] as { Object?: Obj[] }).Object ?? [];
const relations = (object: Obj) => Object.fromEntries(object.Attribute.map((a) => [a.object_relation, a.value]));
const links = (object: Obj) => object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]);

testModule({
  module: apivoid,
  vendors: { 'endpoint.apivoid.com': APIVOID },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a domain: its A, MX and NS records and its certificate as objects',
      query: attribute('domain', 'google.com'),
      inputUuids: [UUID],
      requests: (requests) =>
        assert.deepEqual(requests.map((r) => `${r.path} ${[...r.searchParams.keys()].sort().join(',')} ${r.query['key']}`), [
          `/dnslookup/v1/pay-as-you-go/ key,stats ${KEY}`,
          `/dnslookup/v1/pay-as-you-go/ action,host,key ${KEY}`,
          `/sslinfo/v1/pay-as-you-go/ host,key ${KEY}`,
        ]),
      check: (answer) => {
        const found = objects(answer);
        assert.deepEqual(found.map((o) => o.name), ['dns-record', 'dns-record', 'dns-record', 'x509']);
        assert.deepEqual(relations(found[0]!), { 'queried-domain': 'google.com', 'a-record': '142.250.184.206' });
        assert.deepEqual(links(found[0]!), [['resolution-of', UUID]]);
        assert.deepEqual(relations(found[1]!), { 'queried-domain': 'google.com', 'mx-record': 'smtp.google.com' });
        assert.deepEqual(links(found[1]!), [['mail-server-of', UUID]]);
        assert.deepEqual(relations(found[2]!), { 'queried-domain': 'google.com', 'ns-record': 'ns1.google.com' });
        assert.deepEqual(links(found[2]!), [['server-name-of', UUID]]);
        assert.deepEqual(relations(found[3]!), {
          'x509-fingerprint-sha1': '8ae6c5a5e8b1f7c5b2d3e4f5a6b7c8d9e0f1a2b3',
          subject: '/CN=*.google.com',
          issuer: 'GTS CA 1C3',
          'serial-number': '136375232154539376434046633358785417431',
          'validity-not-before': '2024-01-08T08:21:16',
          'validity-not-after': '2024-04-01T08:21:15',
        });
        assert.deepEqual(links(found[3]!), [['seen-by', UUID]]);
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string; value: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => [a.uuid, a.value]), [[UUID, 'google.com']]);
      },
    },
    {
      name: 'an email: the verification object, booleans as 1/0',
      query: attribute('email-src', 'support@apivoid.com'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.query['email'] ?? 'stats'), ['stats', 'support@apivoid.com']),
      check: (answer) => {
        const [object] = objects(answer);
        assert.equal(object?.name, 'apivoid-email-verification');
        const values = relations(object);
        assert.equal(values['email'], 'support@apivoid.com');
        assert.equal(values['username'], 'support');
        assert.equal(values['domain'], 'apivoid.com');
        assert.equal(values['score'], '100');
        assert.equal(values['valid_format'], '1');
        assert.equal(values['disposable'], '0');
        assert.equal(values['role_address'], '1');
        assert.deepEqual(links(object), [['related-to', UUID]]);
      },
    },
    {
      name: 'a domain APIVoid knows nothing about: only the input, nothing invented',
      query: attribute('hostname', 'nothing.example'),
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer), []),
    },
    {
      name: 'an email answer missing fields: what is there (upstream crashes)',
      query: attribute('email', 'a@b.example'),
      inputUuids: [UUID],
      routes: { 'GET /emailverify/v1/pay-as-you-go/': (req) => (req.searchParams.has('stats') ? { json: STATS } : { json: { data: { email: 'a@b.example', disposable: true } } }) },
      check: (answer) => assert.deepEqual(relations(objects(answer)[0]!), { email: 'a@b.example', disposable: '1' }),
    },
    { name: 'not enough credits (upstream message), no lookup made', query: attribute('domain', 'google.com'), routes: { 'GET /dnslookup/v1/pay-as-you-go/': { json: { ...STATS, credits_remained: 0.1 } } }, messageId: 'noCredits', requests: (r) => assert.equal(r.length, 1) },
    { name: 'no apikey: upstream message', query: attribute('domain', 'google.com'), config: { apikey: '' }, error: 'An API key for APIVoid is required.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: upstream message', query: attribute('domain', 'google.com'), config: null, error: 'An API key for APIVoid is required.' },
    { name: 'a wrong key: APIVoid\'s error named', query: attribute('domain', 'google.com'), config: { apikey: 'wrong' }, error: 'APIVoid answered with an error: API key is not valid.' },
    { name: 'a type it does not take is refused before any request', query: attribute('ip-src', '1.2.3.4'), error: /does not accept attributes of type 'ip-src'/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute', query: { domain: 'google.com' }, error: /requires an "attribute" field/ },
    ...vendorFailureRows({ query: attribute('domain', 'google.com'), vendorMessage: 'Server busy' }),
  ],
});
