/**
 * apifreaks against a loopback APIFreaks API (`/v1.0/…`, key in `X-apiKey`,
 * `format=json`), answers shaped like APIFreaks' documented WHOIS, DNS,
 * subdomain, availability, IP and ASN WHOIS and reverse WHOIS answers,
 * trimmed. The fake answers 401 without the right key.
 */
import assert from 'node:assert/strict';
import apifreaks from '../../../src/modules/expansion/apifreaks.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'apifreaks-key-1';
const UUID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

const WHOIS_LIVE = {
  status: true,
  domain_name: 'example.org',
  query_time: '2024-05-02 10:11:12',
  whois_server: 'whois.pir.org',
  domain_registered: 'yes',
  create_date: '1995-08-31',
  update_date: '2024-01-01',
  expiry_date: '2025-08-30',
  domain_registrar: { iana_id: '292', registrar_name: 'MarkMonitor Inc.', whois_server: 'whois.markmonitor.com', website_url: 'http://www.markmonitor.com' },
  registrant_contact: { name: 'REDACTED FOR PRIVACY', company: 'Example Org Foundation', email_address: 'hostmaster@example.org', phone: '+1.2025550100', country_code: 'US' },
  name_servers: ['a.iana-servers.net.', 'b.iana-servers.net'],
  domain_status: ['clientDeleteProhibited'],
};

const DNS_LIVE = {
  status: true,
  domainName: 'example.org',
  queryTime: '2024-05-02 10:11:13',
  dnsTypes: { A: 1, MX: 15, NS: 2, SOA: 6, TXT: 16 },
  dnsRecords: [
    { name: 'example.org', type: 1, dnsType: 'A', ttl: 300, rawText: 'example.org.\t300\tIN\tA\t93.184.215.14', rRsetType: 1, address: '93.184.215.14' },
    { name: 'example.org', type: 15, dnsType: 'MX', ttl: 300, rawText: 'example.org.\t300\tIN\tMX\t0 mail.example.org.', rRsetType: 15, priority: 0, singleName: 'mail.example.org.' },
    { name: 'example.org', type: 2, dnsType: 'NS', ttl: 300, rawText: 'example.org.\t300\tIN\tNS\ta.iana-servers.net.', rRsetType: 2, singleName: 'a.iana-servers.net.' },
    { name: 'example.org', type: 6, dnsType: 'SOA', ttl: 300, rawText: '…', rRsetType: 6, admin: 'noc.dns.icann.org.', host: 'ns.icann.org.', serial: 2024050201 },
    { name: 'example.org', type: 16, dnsType: 'TXT', ttl: 300, rawText: 'v=spf1 -all', rRsetType: 16, strings: ['v=spf1 -all'] },
  ],
};

const AVAILABILITY = { domain: 'example.org', domainAvailability: false };
const SUBDOMAINS = { domain: 'example.org', status: true, total_records: 2, subdomains: [{ subdomain: 'www.example.org', first_seen: '2023-01-01', last_seen: '2024-05-01' }, { subdomain: 'mail.example.org.' }] };
const WHOIS_HISTORY = { status: true, total_records: 3, whois_domains_historical: [{ domain_name: 'example.org', create_date: '1995-08-31' }, { ...WHOIS_LIVE, domain_registrar: { registrar_name: 'Old Registrar LLC' } }] };
const DNS_HISTORY = { totalRecords: 2, totalPages: 1, currentPage: 1, historicalDnsRecords: [{ queryTime: '2023-04-02', dnsRecords: [{ dnsType: 'A', address: '93.184.216.34' }] }] };

const IP_WHOIS = {
  status: true,
  ip: '93.184.216.34',
  organization: { name: 'Edgecast Inc.', country: 'US' },
  inet_nums: [{ net_name: 'EDGECAST-NETBLK-03', cidr: ['93.184.216.0/24'] }],
  abuse_contacts: [{ name: 'Abuse', email: ['abuse@edgecast.com'] }, { name: 'NOC', email: 'noc@edgecast.com' }],
};
const DNS_REVERSE = { totalRecords: 1, reverseDnsRecords: [{ domainName: 'example.com.', queryTime: '2024-05-01' }] };
const ASN_WHOIS = { asNumber: 15169, asName: 'GOOGLE', orgName: 'Google LLC', country: 'US', type: 'Content', domain: 'google.com' };
const WHOIS_REVERSE = { total_records: 2, whois_domains: [{ domain_name: 'example.org' }, { domain_name: 'example.net' }] };

const keyed = (response: FakeResponse) => (req: FakeRequest): FakeResponse =>
  req.headers['x-apikey'] === KEY
    ? response
    : { status: 401, json: { timestamp: '2024-05-02T10:11:12Z', status: 401, error: 'Unauthorized', message: 'Invalid API key', path: req.path } };

const APIFREAKS = {
  'GET /v1.0/domain/whois/live': keyed({ json: WHOIS_LIVE }),
  'GET /v1.0/domain/dns/live': keyed({ json: DNS_LIVE }),
  'GET /v1.0/domain/availability': keyed({ json: AVAILABILITY }),
  'GET /v1.0/subdomains/lookup': keyed({ json: SUBDOMAINS }),
  'GET /v1.0/domain/whois/history': keyed({ json: WHOIS_HISTORY }),
  'GET /v1.0/domain/dns/history': keyed({ json: DNS_HISTORY }),
  'GET /v1.0/ip/whois/live': keyed({ json: IP_WHOIS }),
  'GET /v1.0/domain/dns/reverse': keyed({ json: DNS_REVERSE }),
  'GET /v1.0/asn/whois/live': keyed({ json: ASN_WHOIS }),
  'GET /v1.0/domain/whois/reverse': keyed({ json: WHOIS_REVERSE }),
} satisfies Routes;

type Row = { types: string[]; values: string[]; categories?: string[]; comment?: string };
const rows = (answer: Answer) => answer['results'] as Row[];
const pairs = (answer: Answer) => rows(answer).map((r) => `${r.types[0]} ${r.values[0]}`);
const summary = (answer: Answer) => rows(answer).at(-1)!.values[0]!.split('\n');

testModule({
  module: apifreaks,
  vendors: { 'api.apifreaks.com': APIFREAKS },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a domain: WHOIS, DNS, availability, subdomains and history, deduplicated, summary last',
      query: { domain: 'example.org' },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.path), [
          '/v1.0/domain/whois/live', '/v1.0/domain/dns/live', '/v1.0/domain/availability', '/v1.0/subdomains/lookup',
          '/v1.0/domain/whois/history', '/v1.0/domain/dns/history',
        ]);
        assert.deepEqual(requests[0]!.query, { domainName: 'example.org', format: 'json' });
        assert.deepEqual(requests[1]!.query, { 'host-name': 'example.org', type: 'A,AAAA,MX,NS,SOA,SPF,TXT,CNAME', format: 'json' });
        assert.equal(requests[0]!.headers['accept'], 'application/json');
      },
      check: (answer) => {
        assert.deepEqual(pairs(answer), [
          'domain example.org',
          'whois-creation-date 1995-08-31',
          'whois-registrar MarkMonitor Inc.',
          'whois-registrant-name Example Org Foundation',
          'whois-registrant-email hostmaster@example.org',
          'whois-registrant-phone +1.2025550100',
          'hostname a.iana-servers.net',
          'hostname b.iana-servers.net',
          'ip-dst 93.184.215.14',
          'hostname mail.example.org',
          'dns-soa-email noc.dns.icann.org',
          'hostname www.example.org',
          'whois-registrar Old Registrar LLC',
          'ip-dst 93.184.216.34',
          `text ${rows(answer).at(-1)!.values[0]}`,
        ]);
        assert.deepEqual(rows(answer)[0]!.categories, ['Network activity']);
        assert.deepEqual(rows(answer)[1]!.categories, ['Attribution']);
        assert.equal(rows(answer)[10]!.categories, undefined, 'dns-soa-email has no Network activity category: MISP\'s default');
        assert.deepEqual(summary(answer), [
          'WHOIS: domain registered = yes',
          'WHOIS: expiry date = 2025-08-30',
          'DNS TXT: v=spf1 -all',
          'Domain availability: example.org is registered / taken.',
          'Subdomains: 2 found.',
          'WHOIS history: 3 historical record(s) found.',
          'WHOIS: domain registered = yes',
          'WHOIS: expiry date = 2025-08-30',
          'DNS history: 2 record set(s).',
        ]);
      },
    },
    {
      name: 'toggles off: only the lookups left on (attribute form of the query)',
      query: { attribute: { type: 'hostname', value: 'example.org', uuid: UUID } },
      config: { do_whois: '0', do_dns: 'no', do_subdomains: 'false', do_history: '0' },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/v1.0/domain/availability']),
      check: (answer) => assert.deepEqual(rows(answer), [{ types: ['text'], values: ['Domain availability: example.org is registered / taken.'] }]),
    },
    {
      name: 'an IP: WHOIS netblock and abuse contacts (one address as a string is one address); reverse DNS when asked',
      query: { 'ip-dst': '93.184.216.34' },
      config: { do_reverse_dns: 'yes' },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.path), ['/v1.0/ip/whois/live', '/v1.0/domain/dns/reverse']);
        assert.deepEqual(requests[1]!.query, { type: 'A', value: '93.184.216.34', format: 'json' });
      },
      check: (answer) => {
        assert.deepEqual(rows(answer).slice(0, 3), [
          { types: ['email-src'], values: ['abuse@edgecast.com'], comment: 'Abuse contact' },
          { types: ['email-src'], values: ['noc@edgecast.com'], comment: 'Abuse contact' },
          { types: ['hostname'], values: ['example.com'], categories: ['Network activity'] },
        ]);
        assert.deepEqual(summary(answer), ['IP WHOIS org: Edgecast Inc.', 'IP WHOIS netblock: 93.184.216.0/24 (EDGECAST-NETBLK-03)', 'Reverse DNS: 1 match(es).']);
      },
    },
    {
      name: 'an IP without do_reverse_dns: WHOIS only',
      query: { 'ip-src': '93.184.216.34' },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/v1.0/ip/whois/live']),
    },
    {
      name: 'an AS: the ASN WHOIS summary and its domain',
      query: { AS: '15169' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.path} ${r.query['asn']}`), ['/v1.0/asn/whois/live 15169']),
      check: (answer) => assert.deepEqual(rows(answer), [
        { types: ['domain'], values: ['google.com'], categories: ['Network activity'] },
        { types: ['text'], values: ['ASN WHOIS: AS15169 | GOOGLE | Google LLC | US | Content'] },
      ]),
    },
    {
      name: 'an email: the domains registered with it (reverse WHOIS)',
      query: { 'whois-registrant-email': 'hostmaster@example.org' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.path} ${r.query['email']}`), ['/v1.0/domain/whois/reverse hostmaster@example.org']),
      check: (answer) => assert.deepEqual(pairs(answer), ['domain example.org', 'domain example.net', 'text Reverse WHOIS: 2 related domain(s).']),
    },
    {
      name: 'nothing known: no rows, nothing invented',
      query: { 'email-src': 'nobody@example.invalid' },
      routes: { 'GET /v1.0/domain/whois/reverse': { json: { total_records: 0, whois_domains: [] } } },
      results: [],
    },
    { name: 'no apikey: upstream message, before any request', query: { domain: 'example.org' }, config: { apikey: '' }, error: 'An APIFreaks API key (apikey) is required.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: upstream message', query: { domain: 'example.org' }, config: null, messageId: 'noKey' },
    { name: 'no input: upstream message', query: { text: 'x' }, messageId: 'noInput' },
    { name: 'an attribute type it does not take: upstream message', query: { attribute: { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', uuid: UUID } }, messageId: 'unsupportedType', data: { type: 'md5' } },
    { name: 'a wrong key: APIFreaks refuses it, with its message', query: { domain: 'example.org' }, config: { apikey: 'wrong' }, error: 'APIFreaks refused the key (setting apikey, HTTP 401 Unauthorized): Invalid API key.' },
    ...vendorFailureRows({ query: { domain: 'example.org' }, vendorMessage: 'Credits exhausted' }),
  ],
});
