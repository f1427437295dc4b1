/**
 * securitytrails against a loopback api.securitytrails.com answering like its
 * v1 API reference (trimmed): `/v1/domain/{d}` (current_dns), `/subdomains`,
 * `/whois` (contacts, registrarName, createdDate in epoch ms),
 * `/v1/history/{d}/dns/{type}` (records with values, first_seen, last_seen,
 * pages), `/v1/history/{d}/whois` (result.items with contact, nameServers,
 * status) and `POST /v1/search/list` (records with hostname, host_provider,
 * whois), refusing a request without the right `apikey` header with 403
 * `{"message": "Invalid authentication credentials"}`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import securitytrails from '../../../src/modules/expansion/securitytrails.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { startFakeHttp, type FakeHttp, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = 'st-test-key-0123456789abcdef';
const DOMAIN = 'example.org';
const IP = '93.184.216.34';

const keyed = (answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest) =>
  req.headers['apikey'] === KEY ? answer(req) : { status: 403, json: { message: 'Invalid authentication credentials' } };
/** A domain route: the known domain's body, else SecurityTrails' 404. */
const forDomain = (body: unknown) =>
  keyed((req) => (req.params['domain'] === DOMAIN ? { json: body } : { status: 404, json: { message: 'Domain not found' } }));

const DOMAIN_INFO = {
  alexa_rank: 1021,
  apex_domain: DOMAIN,
  current_dns: {
    a: { first_seen: '2016-10-05', values: [{ ip: IP, ip_count: 12, ip_organization: 'Edgecast Inc.' }] },
    aaaa: { first_seen: '2017-02-11', values: [{ ipv6: '2606:2800:220:1:248:1893:25c8:1946', ipv6_count: 3, ipv6_organization: 'Edgecast Inc.' }] },
    mx: { first_seen: '2019-07-01', values: [] },
    ns: {
      first_seen: '2015-01-12',
      values: [
        { nameserver: 'a.iana-servers.net', nameserver_count: 1240, nameserver_organization: 'ICANN' },
        { nameserver: 'b.iana-servers.net', nameserver_count: 1238, nameserver_organization: 'ICANN' },
      ],
    },
    soa: { first_seen: '2015-01-12', values: [{ email: 'noc.dns.icann.org', email_count: 1500, ttl: 3600 }] },
    txt: { first_seen: '2018-03-02', values: [{ value: 'v=spf1 -all' }] },
  },
  endpoint: `/v1/domain/${DOMAIN}`,
  hostname: DOMAIN,
  subdomain_count: 2,
};
const SUBDOMAINS = { endpoint: `/v1/domain/${DOMAIN}/subdomains`, meta: { limit_reached: false }, subdomain_count: 2, subdomains: ['www', 'mail'] };
const WHOIS = {
  contacts: [
    { type: 'registrant', name: 'Domain Administrator', organization: 'Internet Assigned Numbers Authority', email: 'admin@example.org', telephone: '+1.3108239358', countryCode: 'US' },
    { type: 'technicalContact', name: 'NOC', email: 'noc@example.org', telephone: null },
  ],
  createdDate: 808372800000,
  expiresDate: 1786996800000,
  updatedDate: 1723420800000,
  domain: DOMAIN,
  nameServers: ['A.IANA-SERVERS.NET', 'B.IANA-SERVERS.NET'],
  registrarName: 'RESERVED-Internet Assigned Numbers Authority',
  status: ['clientDeleteProhibited', 'clientTransferProhibited'],
  endpoint: `/v1/domain/${DOMAIN}/whois`,
};
const history = (type: string, records: Array<{ values: unknown; first_seen: string; last_seen: string }>) => ({
  endpoint: `/v1/history/${DOMAIN}/dns/${type}`,
  pages: 1,
  records: records.map((r) => ({ ...r, organizations: ['Edgecast Inc.'], type: `${type}` })),
  type: `${type}/history`,
});
const HISTORY: Record<string, unknown> = {
  a: history('a', [{ values: [{ ip: IP, ip_count: 12 }], first_seen: '2019-01-01', last_seen: '2024-06-01' }]),
  aaaa: history('aaaa', [{ values: [{ ipv6: '2606:2800:220:1:248:1893:25c8:1946', ipv6_count: 3 }], first_seen: '2019-01-01', last_seen: '2024-06-01' }]),
  ns: history('ns', [{ values: [{ nameserver: 'a.iana-servers.net', nameserver_count: 1240 }], first_seen: '2015-01-12', last_seen: '2024-06-01' }]),
  soa: history('soa', [{ values: { email: 'noc.dns.icann.org', email_count: 1500, ttl: 3600 }, first_seen: '2015-01-12', last_seen: '2024-06-01' }]),
  mx: history('mx', []),
};
const WHOIS_HISTORY = {
  endpoint: `/v1/history/${DOMAIN}/whois`,
  result: {
    count: 1,
    items: [
      {
        contact: [{ type: 'registrant', email: 'old-admin@example.org', telephone: '+1.3105551234', name: 'IANA' }],
        contactEmail: 'old-admin@example.org',
        createdDate: 808372800000,
        expiresDate: 1660000000000,
        nameServers: ['A.IANA-SERVERS.NET'],
        registrarName: 'RESERVED-Internet Assigned Numbers Authority',
        started: 1420070400000,
        ended: 1577836800000,
        status: ['clientTransferProhibited'],
      },
    ],
  },
};
const SEARCH = {
  meta: { max_page: 100, page: 1, query: `ipv4 = '${IP}'`, total_pages: 1 },
  record_count: 2,
  records: [
    { alexa_rank: 1021, computed: { company_name: null }, host_provider: ['Edgecast Inc.'], hostname: DOMAIN, mail_provider: [], whois: { createdDate: 808372800000, expiresDate: 1786996800000, registrar: 'RESERVED-Internet Assigned Numbers Authority' } },
    { alexa_rank: null, computed: { company_name: null }, host_provider: ['Edgecast Inc.'], hostname: 'www.example.net', mail_provider: [], whois: { createdDate: null, expiresDate: null, registrar: null } },
  ],
};

const ROUTES: Routes = {
  'GET /v1/domain/:domain': forDomain(DOMAIN_INFO),
  'GET /v1/domain/:domain/subdomains': forDomain(SUBDOMAINS),
  'GET /v1/domain/:domain/whois': forDomain(WHOIS),
  'GET /v1/history/:domain/dns/:type': keyed((req) => (req.params['domain'] === DOMAIN ? { json: HISTORY[req.params['type']!] } : { status: 404, json: { message: 'Not found' } })),
  'GET /v1/history/:domain/whois': forDomain(WHOIS_HISTORY),
  'POST /v1/search/list': keyed(() => ({ json: SEARCH })),
};

const net = (types: string, values: string[], comment: string) => ({
  types: [types],
  values,
  categories: [types === 'dns-soa-email' ? 'Attribution' : 'Network activity'],
  comment,
});
const attr = (types: string, value: string, comment: string) => ({ types: [types], values: [value], categories: ['Attribution'], comment });
const WHOIS_COMMENT = `Whois information of ${DOMAIN} by securitytrails`;

testModule({
  module: securitytrails,
  vendors: { 'api.securitytrails.com': ROUTES },
  config: { apikey: KEY },
  // Upstream's one-second spacing is declared; the table runs without it.
  settings: { vendorLimits: ['SecurityTrails=1000/1s'] },
  rows: [
    {
      name: 'a domain: current DNS, subdomains, whois, DNS and whois history, in upstream\'s order (key in the apikey header)',
      query: { domain: DOMAIN },
      results: [
        net('domain', ['a.iana-servers.net', 'b.iana-servers.net'], `List of name servers  of ${DOMAIN} first seen 2015-01-12 `),
        net('domain|ip', [`${DOMAIN}|${IP}`], ` List ipv4 of ${DOMAIN} first seen 2016-10-05`),
        net('domain|ip', [`${DOMAIN}|2606:2800:220:1:248:1893:25c8:1946`], ` List ipv6 of ${DOMAIN} first seen 2017-02-11`),
        net('dns-soa-email', ['noc.dns.icann.org'], ` List soa of ${DOMAIN} first seen 2015-01-12`),
        net('domain', [`www.${DOMAIN}`, `mail.${DOMAIN}`], `subdomains of ${DOMAIN}`),
        attr('whois-registrant-email', 'admin@example.org', WHOIS_COMMENT),
        attr('whois-registrant-phone', '+1.3108239358', WHOIS_COMMENT),
        attr('whois-registrant-name', 'Domain Administrator', WHOIS_COMMENT),
        attr('whois-registrar', 'RESERVED-Internet Assigned Numbers Authority', WHOIS_COMMENT),
        attr('whois-creation-date', '1995-08-14T04:00:00.000Z', WHOIS_COMMENT),
        net('domain|ip', [`${DOMAIN}|${IP}`], `History IP on securitytrails ${DOMAIN} last seen: 2024-06-01 first seen: 2019-01-01`),
        net('domain|ip', [`${DOMAIN}|2606:2800:220:1:248:1893:25c8:1946`], `History IP on securitytrails ${DOMAIN} last seen: 2024-06-01 first seen: 2019-01-01`),
        net('domain', ['a.iana-servers.net'], `history ns of ${DOMAIN} last seen: 2024-06-01 first seen: 2015-01-12`),
        net('dns-soa-email', ['noc.dns.icann.org'], `history soa of ${DOMAIN} last seen: 2024-06-01 first seen: 2015-01-12`),
        net('domain', ['A.IANA-SERVERS.NET'], `Whois history Name Servers of ${DOMAIN} Status: clientTransferProhibited `),
        attr('whois-registrant-email', 'old-admin@example.org', `Whois history registrant email of ${DOMAIN}Status: clientTransferProhibited`),
        attr('whois-registrant-phone', '+1.3105551234', `Whois history registrant phone of ${DOMAIN}Status: clientTransferProhibited`),
      ],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.target), [
          `/v1/domain/${DOMAIN}`,
          `/v1/domain/${DOMAIN}/subdomains`,
          `/v1/domain/${DOMAIN}/whois`,
          `/v1/history/${DOMAIN}/dns/a`,
          `/v1/history/${DOMAIN}/dns/aaaa`,
          `/v1/history/${DOMAIN}/dns/ns`,
          `/v1/history/${DOMAIN}/dns/soa`,
          `/v1/history/${DOMAIN}/dns/mx`,
          `/v1/history/${DOMAIN}/whois`,
        ]);
        for (const request of requests) assert.equal(request.headers['apikey'], KEY);
      },
    },
    {
      name: 'an ip: the hostnames SecurityTrails lists on it, with provider and registrar',
      query: { 'ip-dst': IP },
      results: [
        net('domain', [DOMAIN], `domain for ${IP} by Edgecast Inc. registrar RESERVED-Internet Assigned Numbers Authority`),
        net('domain', ['www.example.net'], `domain for ${IP} by Edgecast Inc.`),
      ],
      requests: (requests) => {
        assert.equal(requests.length, 1);
        assert.equal(requests[0]!.method, 'POST');
        assert.equal(requests[0]!.target, '/v1/search/list');
        assert.deepEqual(JSON.parse(requests[0]!.body), { filter: { ipv4: IP } });
      },
    },
    { name: 'an ip nothing is hosted on gives no results', query: { 'ip-src': '198.51.100.1' }, routes: { 'POST /v1/search/list': keyed(() => ({ json: { meta: { max_page: 0, page: 1, total_pages: 0 }, record_count: 0, records: [] } })) }, results: [] },
    {
      name: 'a hostname whose sections are empty or missing (404) gives only what exists, nothing invented',
      query: { hostname: DOMAIN },
      routes: {
        'GET /v1/domain/:domain': keyed(() => ({ json: { current_dns: { a: { first_seen: null, values: [{ ip: IP }] } }, hostname: DOMAIN } })),
        'GET /v1/domain/:domain/subdomains': keyed(() => ({ json: { subdomains: [], subdomain_count: 0 } })),
        'GET /v1/domain/:domain/whois': keyed(() => ({ status: 404, json: { message: 'Not found' } })),
        'GET /v1/history/:domain/dns/:type': keyed(() => ({ json: { records: [], pages: 0 } })),
        'GET /v1/history/:domain/whois': keyed(() => ({ json: { result: { count: 0, items: [] } } })),
      },
      results: [net('domain|ip', [`${DOMAIN}|${IP}`], ` List ipv4 of ${DOMAIN} first seen None`)],
    },
    { name: 'a domain SecurityTrails does not know: upstream\'s text', query: { domain: 'unknown.example' }, messageId: 'unknownDomain', data: { domain: 'unknown.example' } },
    { name: 'no config, upstream\'s swapped query: the key is checked first', query: { [IP]: 'ip-src' }, config: null, error: 'SecurityTrails authentication is missing' },
    { name: 'an empty apikey: nothing sent', query: { domain: DOMAIN }, config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a key but none of its input types', query: { md5: '616eff3e9a7575ae73821b4668d2801c' }, messageId: 'unsupported' },
    { name: 'a wrong key is refused with SecurityTrails\' message', query: { domain: DOMAIN }, config: { apikey: 'wrong' }, error: 'SecurityTrails refused the key (setting apikey, HTTP 403 Forbidden): Invalid authentication credentials.' },
    {
      name: 'the usage limit (429) is a rate-limit error with SecurityTrails\' message',
      query: { 'ip-src': IP },
      routes: { 'POST /v1/search/list': { status: 429, json: { message: "You've exceeded the usage limits for your account." } } },
      error: "SecurityTrails rate limit reached (HTTP 429 Too Many Requests: You've exceeded the usage limits for your account); try again later.",
    },
    ...vendorFailureRows({ query: { domain: DOMAIN }, route: 'GET /v1/domain/:domain/subdomains', vendorMessage: 'Internal error' }),
  ],
});

describe("securitytrails: upstream's one-second spacing is declared as a rate limit", () => {
  let fake: FakeHttp;
  let server: TestServer;
  const arrivals: number[] = [];
  before(async () => {
    fake = await startFakeHttp({ 'POST /v1/search/list': () => (arrivals.push(Date.now()), { json: SEARCH }) });
    server = await startTestServer({ builtins: [securitytrails], settings: { upstreams: [`api.securitytrails.com=${fake.url}`] } });
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  test('3 concurrent lookups with one key reach SecurityTrails about a second apart', async () => {
    const config = { apikey: 'another-key-for-the-spacing-test' };
    const answers = await Promise.all(['192.0.2.1', '192.0.2.2', '192.0.2.3'].map((ip) => server.query({ module: 'securitytrails', 'ip-src': ip, config, timeout: 30 })));
    assert.deepEqual(answers.filter((a) => a['error']), []);
    assert.equal(arrivals.length, 3);
    for (let i = 1; i < arrivals.length; i += 1) assert.ok(arrivals[i]! - arrivals[i - 1]! >= 900, `spaced ${arrivals[i]! - arrivals[i - 1]!} ms`);
  });
});
