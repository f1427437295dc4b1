/**
 * domaintools against a loopback api.domaintools.com answering like its API
 * v1 (`{"response": {…}}`, errors `{"error": {"code", "message"}}`): parsed
 * whois, domain profile, reputation, reverse IP, reverse whois and host
 * domains. Every request must carry `api_username`, a `timestamp` and the
 * HMAC-SHA256 `signature` of username + timestamp + path keyed with the API
 * key (the key itself never sent), else 403 as DomainTools answers.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import domaintools from '../../../src/modules/expansion/domaintools.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const USER = 'misp_analyst';
const KEY = 'dt-test-key-0123456789abcdef';
const DOMAIN = 'domaintools.com';
const IP = '141.193.213.20';

function signed(answer: (req: FakeRequest) => FakeResponse) {
  return (req: FakeRequest): FakeResponse => {
    const { api_username: user, timestamp, signature } = req.query;
    const expected = createHmac('sha256', KEY).update(`${USER}${timestamp}${decodeURIComponent(req.path)}`).digest('hex');
    if (user !== USER || !timestamp || signature !== expected || 'api_key' in req.query) {
      return { status: 403, json: { error: { code: 403, message: 'Authentication Failed: invalid signature.' } } };
    }
    return answer(req);
  };
}
const response = (body: unknown): FakeResponse => ({ json: { response: body } });
const NOT_FOUND: FakeResponse = { status: 404, json: { error: { code: 404, message: 'No results found.' } } };

const contact = (name: string, email: string, phone: string) => ({ city: 'Seattle', country: 'US', email, fax: '', name, org: 'DomainTools, LLC', phone, postal: '98104', state: 'WA', street: ['2101 4th Ave'] });
const PARSED_WHOIS = {
  registrant: 'DomainTools, LLC',
  registration: { created: '1998-08-02', expires: '2027-08-01', updated: '2024-07-01', registrar: 'ENOM, INC.', statuses: ['clientTransferProhibited'] },
  name_servers: ['NS1.P09.DYNECT.NET', 'NS2.P09.DYNECT.NET'],
  whois: { date: '2024-07-10', record: 'Domain Name: DOMAINTOOLS.COM\nRegistrar: ENOM, INC.\nRegistrant Email: memberservices@domaintools.com\n' },
  parsed_whois: {
    contacts: {
      admin: contact('Member Services', 'memberservices@domaintools.com', '+1.2068388894'),
      billing: { city: '', country: '', email: '', fax: '', name: '', org: '', phone: '', postal: '', state: '', street: [] },
      registrant: contact('Member Services', 'memberservices@domaintools.com', '+1.2068388894'),
      tech: contact('Tech Ops', 'techops@domaintools.com', '+1.2068388895'),
    },
    created_date: '1998-08-02T04:00:00+00:00',
    domain: DOMAIN,
    expired_date: '2027-08-01T04:00:00+00:00',
    name_servers: ['NS1.P09.DYNECT.NET'],
    registrar: { abuse_contact_email: 'abuse@enom.com', abuse_contact_phone: '+1.4252982646', iana_id: '48', name: 'ENOM, INC.', url: 'www.enom.com', whois_server: 'WHOIS.ENOM.COM' },
    statuses: ['clientTransferProhibited'],
    updated_date: '2024-07-01T18:13:37+00:00',
  },
  record_source: DOMAIN,
};
const PROFILE = {
  registrant: { name: 'DomainTools, LLC', domains: 141 },
  server: { ip_address: IP, other_domains: 2 },
  registration: { created: '1998-08-02', expires: '2027-08-01', updated: '2024-07-01', registrar: 'ENOM, INC.', statuses: ['clientTransferProhibited'] },
  name_servers: [{ server: 'NS1.P09.DYNECT.NET', product_url: 'https://reversens.domaintools.com/search/?q=NS1.P09.DYNECT.NET' }],
  history: { registrar: { earliest_event: '1998-08-02', events: 3 } },
  website_data: { response_code: 200, title: 'DomainTools - The first place to go when you need to know.', server: 'cloudflare' },
};
const REPUTATION = { domain: DOMAIN, risk_score: 12, reasons: ['registrant', 'zerolist'] };
const REVERSE_IP = { ip_addresses: { ip_address: IP, domain_count: 3, domain_names: [DOMAIN, 'domaintools.net', 'whois.sc'] } };
const REVERSE_WHOIS = { domain_count: { current: 2, historic: 5 }, domains: ['example-shop.com', 'example-pay.net'], report_price: { current: 4, historic: 10 } };
const HOST_DOMAINS = { ip_addresses: { ip_address: IP, domain_count: 2, domain_names: [DOMAIN, 'whois.sc'] } };

const ROUTES: Routes = {
  'GET /v1/:domain/whois/parsed': signed((req) => (req.params['domain'] === DOMAIN ? response(PARSED_WHOIS) : NOT_FOUND)),
  'GET /v1/reputation': signed((req) => (req.query['domain'] === DOMAIN && req.query['include_reasons'] === 'true' ? response(REPUTATION) : NOT_FOUND)),
  'GET /v1/reverse-whois': signed((req) => (req.query['terms'] === 'memberservices@domaintools.com' ? response(REVERSE_WHOIS) : response({ domain_count: { current: 0, historic: 0 }, domains: [] }))),
  'GET /v1/:domain/reverse-ip': signed((req) => (req.params['domain'] === DOMAIN ? response(REVERSE_IP) : NOT_FOUND)),
  'GET /v1/:ip/host-domains': signed((req) => (req.params['ip'] === IP ? response(HOST_DOMAINS) : NOT_FOUND)),
  'GET /v1/:domain': signed((req) => (req.params['domain'] === DOMAIN ? response(PROFILE) : NOT_FOUND)),
};

type Entry = { types: string[]; values: string[]; comment: string };
const entries = (answer: Answer) => answer['results'] as Entry[];
const byType = (answer: Answer, type: string) => entries(answer).filter((e) => e.types[0] === type).map((e) => [e.values[0], e.comment]);

testModule({
  module: domaintools,
  vendors: { 'api.domaintools.com': ROUTES },
  config: { username: USER, api_key: KEY },
  rows: [
    {
      name: 'a domain: parsed whois, profile, reputation and reverse IP, signed, with upstream\'s comments',
      query: { domain: DOMAIN },
      check: (answer) => {
        assert.deepEqual(byType(answer, 'whois-registrant-email'), [
          ['memberservices@domaintools.com', 'admin - registrant'],
          ['techops@domaintools.com', 'tech'],
          ['abuse@enom.com', 'Maybe registrar'],
        ]);
        assert.deepEqual(byType(answer, 'whois-registrant-phone'), [['+1.2068388894', 'admin - registrant'], ['+1.2068388895', 'tech']]);
        assert.deepEqual(byType(answer, 'whois-registrant-name'), [['DomainTools, LLC', 'Parsed registrant - Profile registrant'], ['Member Services', 'admin - registrant'], ['Tech Ops', 'tech']]);
        assert.deepEqual(byType(answer, 'whois-registrar'), [['ENOM, INC.', 'name'], ['www.enom.com', 'url'], ['48', 'iana_id']]);
        assert.deepEqual(byType(answer, 'whois-creation-date'), [['1998-08-02', 'timestamp - created'], ['1998-08-02T04:00:00+00:00', 'created'], ['2024-07-01', 'updated']]);
        assert.deepEqual(byType(answer, 'ip-dst'), [[IP, `IP of ${DOMAIN} (via DomainTools). Has 2 other domains. - IP of ${DOMAIN} (via DomainTools). Has 3 other domains.`]]);
        assert.deepEqual(entries(answer).find((e) => e.types[0] === 'ip-dst')!.types, ['ip-dst', 'ip-src']);
        assert.deepEqual(byType(answer, 'domain'), [DOMAIN, 'domaintools.net', 'whois.sc'].map((d) => [d, `Other domain on ${IP}.`]));
        assert.deepEqual(byType(answer, 'freetext'), [[PARSED_WHOIS.whois.record, 'Freetext import']]);
        assert.deepEqual(entries(answer).at(-1), { types: ['text'], values: ['12'], comment: `Risk value of ${DOMAIN} (via Domain Tools), Reasons: registrant, zerolist` });
      },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.path), [`/v1/${DOMAIN}/whois/parsed`, `/v1/${DOMAIN}`, '/v1/reputation', `/v1/${DOMAIN}/reverse-ip`]);
        for (const request of requests) {
          assert.equal(request.query['api_username'], USER);
          assert.match(request.query['timestamp']!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
          assert.ok(!request.target.includes(KEY), 'the key is never sent');
        }
      },
    },
    {
      name: 'a registrant email: reverse whois (mode=purchase)',
      query: { 'whois-registrant-email': 'memberservices@domaintools.com' },
      results: [
        { types: ['domain'], values: ['example-shop.com'], comment: 'Reverse domain related to memberservices@domaintools.com.' },
        { types: ['domain'], values: ['example-pay.net'], comment: 'Reverse domain related to memberservices@domaintools.com.' },
      ],
      requests: (requests) => assert.deepEqual({ ...requests[0]!.query, timestamp: '', signature: '' }, { terms: 'memberservices@domaintools.com', exclude: '', scope: 'current', mode: 'purchase', app_name: 'misp-modules', app_version: '0.1', api_username: USER, timestamp: '', signature: '' }),
    },
    {
      name: 'an ip: host domains (its own address not repeated)',
      query: { 'ip-src': IP },
      results: [DOMAIN, 'whois.sc'].map((d) => ({ types: ['domain'], values: [d], comment: `Other domain on ${IP}.` })),
    },
    { name: 'a reverse whois with no domains gives no results', query: { 'email-src': 'nobody@example.org' }, results: [] },
    { name: 'a domain DomainTools does not know (404 everywhere): no results, nothing invented', query: { domain: 'unknown-domain.example' }, results: [] },
    {
      name: 'an endpoint the account may not use (403 on reverse IP) is skipped when the others answered',
      query: { domain: DOMAIN },
      routes: { 'GET /v1/:domain/reverse-ip': { status: 403, json: { error: { code: 403, message: 'Not authorized to access the reverse-ip product.' } } } },
      check: (answer) => assert.deepEqual(byType(answer, 'domain'), []),
    },
    { name: 'no config: upstream\'s message', query: { domain: DOMAIN }, config: null, error: 'DomainTools authentication is missing' },
    { name: 'a setting missing: upstream\'s message, nothing sent', query: { domain: DOMAIN }, config: { api_key: '' }, messageId: 'incomplete', requests: (r) => assert.equal(r.length, 0) },
    { name: 'none of its input types', query: { md5: '616eff3e9a7575ae73821b4668d2801c' }, error: /needs one of these attribute types/ },
    {
      name: 'a wrong key: the signature is refused with DomainTools\' message',
      query: { 'ip-dst': IP },
      config: { api_key: 'wrong' },
      messageId: 'refused',
      data: { status: 403, detail: 'Authentication Failed: invalid signature' },
    },
    {
      name: 'DomainTools\' "limit exceeded" answer',
      query: { 'ip-dst': IP },
      routes: { 'GET /v1/:ip/host-domains': response({ limit_exceeded: true, message: 'You have exceeded your query limit for this product.' }) },
      messageId: 'limitExceeded',
      data: { detail: 'You have exceeded your query limit for this product' },
    },
    ...vendorFailureRows({ query: { 'ip-dst': IP }, route: 'GET /v1/:ip/host-domains', vendorMessage: 'Service temporarily unavailable', expect: { unauthorized: /DomainTools refused the credentials \(settings username and api_key, HTTP 401\)/ } }),
  ],
});
