/**
 * whoisfreaks against a loopback WhoisFreaks API: answers shaped like
 * api.whoisfreaks.com/v1.0 (live WHOIS, live DNS records), the `apiKey` query
 * parameter checked (401 with WhoisFreaks' error body otherwise).
 */
import assert from 'node:assert/strict';
import whoisfreaks from '../../../src/modules/expansion/whoisfreaks.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = 'wf-test-key';

const WHOIS = {
  status: true,
  domain_name: 'example.com',
  query_time: '2024-03-01 10:00:00',
  whois_server: 'whois.example-registrar.com',
  domain_registered: 'yes',
  create_date: '1995-08-14',
  update_date: '2023-08-14',
  expiry_date: '2024-08-13',
  domain_registrar: { iana_id: '376', registrar_name: 'RESERVED-Internet Assigned Numbers Authority', whois_server: 'whois.iana.org', email_address: 'abuse@iana.org', phone_number: '+1.3108239358' },
  registrant_contact: { name: 'Domain Administrator', company: 'ICANN', country_code: 'US', email_address: 'admin@example.com', phone_number: '+1.4242171313' },
  administrative_contact: { email_address: 'Select Request Email Form at https://example-registrar.com/whois' },
  name_servers: ['a.iana-servers.net', 'b.iana-servers.net'],
  domain_status: ['clientDeleteProhibited'],
};

const DNS = {
  status: true,
  queryTime: '2024-03-01 10:00:01',
  domainName: 'example.com',
  domainRegistered: true,
  dnsTypes: { A: 1, AAAA: 28, MX: 15, SOA: 6 },
  dnsRecords: [
    { name: 'example.com', type: 1, dnsType: 'A', ttl: 3600, rawText: 'example.com.\t3600\tIN\tA\t93.184.216.34', rRsetType: 1, address: '93.184.216.34' },
    { name: 'example.com', type: 28, dnsType: 'AAAA', ttl: 3600, rawText: 'example.com.\t3600\tIN\tAAAA\t2606:2800:220:1:248:1893:25c8:1946', rRsetType: 28, address: '2606:2800:220:1:248:1893:25c8:1946' },
    { name: 'example.com', type: 15, dnsType: 'MX', ttl: 3600, rawText: 'example.com.\t3600\tIN\tMX\t0 .', rRsetType: 15, target: 'mail.example.com', priority: 0 },
    { name: 'example.com', type: 6, dnsType: 'SOA', ttl: 3600, rawText: '…', rRsetType: 6, admin: 'noc.dns.icann.org', host: 'ns.icann.org', serial: 2022091303, refresh: 7200, retry: 3600, expire: 1209600, minimum: 3600 },
  ],
};

const keyed = (answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  req.query['apiKey'] === KEY ? answer(req) : { status: 401, json: { timestamp: '2024-03-01T10:00:00Z', status: 401, error: 'Unauthorized', message: 'Invalid API key provided', path: req.path } };

const WHOISFREAKS = {
  'GET /v1.0/whois': keyed((req) => (req.query['domainName'] === 'example.com' ? { json: WHOIS } : { status: 404, json: { status: 404, error: 'Not Found', message: 'No Record Found' } })),
  'GET /v1.0/dns/live': keyed((req) => (req.query['domainName'] === 'example.com' ? { json: DNS } : { status: 206, json: { status: true, domainName: req.query['domainName'], dnsRecords: [] } })),
} satisfies Routes;

testModule({
  module: whoisfreaks,
  vendors: { 'api.whoisfreaks.com': WHOISFREAKS },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a domain gives its WHOIS and DNS attributes',
      query: { domain: 'example.com' },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => [r.path, r.query['apiKey'], r.query['domainName']]), [
          ['/v1.0/whois', KEY, 'example.com'],
          ['/v1.0/dns/live', KEY, 'example.com'],
        ]);
        assert.equal(requests[0]!.query['whois'], 'live');
        assert.equal(requests[1]!.query['type'], 'SOA,AAAA,A,MX');
      },
      results: [
        { types: ['whois-creation-date'], values: ['1995-08-14'], categories: ['Attribution'], comment: 'Creation Date for example.com by whoisFreaks' },
        { types: ['whois-registrar'], values: ['RESERVED-Internet Assigned Numbers Authority'], categories: ['Attribution'], comment: 'Whois information of example.com by whoisFreaks' },
        { types: ['email'], values: ['abuse@iana.org'], categories: ['Attribution'], comment: 'Registrar contact of example.com by whoisFreaks' },
        { types: ['phone-number'], values: ['+1.3108239358'], categories: ['Person'], comment: 'Registrar contact of example.com by whoisFreaks' },
        { types: ['whois-registrant-name'], values: ['Domain Administrator'], categories: ['Attribution'], comment: 'Whois information of example.com by whoisFreaks' },
        { types: ['whois-registrant-email'], values: ['admin@example.com'], categories: ['Attribution'], comment: 'Whois information of example.com by whoisFreaks' },
        { types: ['whois-registrant-phone'], values: ['+1.4242171313'], categories: ['Attribution'], comment: 'Whois information of example.com by whoisFreaks' },
        { types: ['domain'], values: ['a.iana-servers.net', 'b.iana-servers.net'], categories: ['Network activity'], comment: 'Name server for example.com by whoisFreaks' },
        { types: ['domain|ip'], values: ['example.com|93.184.216.34'], categories: ['Network activity'], comment: 'ipv4 of example.com ' },
        { types: ['domain|ip'], values: ['example.com|2606:2800:220:1:248:1893:25c8:1946'], categories: ['Network activity'], comment: 'ipv6 of example.com' },
        { types: ['domain'], values: ['mail.example.com'], categories: ['Network activity'], comment: 'mx of example.com' },
        { types: ['domain'], values: ['ns.icann.org'], categories: ['Network activity'], comment: 'soa hostname of example.com' },
        { types: ['dns-soa-email'], values: ['noc@dns.icann.org'], categories: ['Attribution'], comment: 'soa email of example.com' },
      ],
    },
    { name: 'an unknown domain (404 WHOIS, 206 empty DNS) adds nothing', query: { domain: 'unregistered-xyz.example' }, results: [] },
    {
      name: 'a registrant email that is not a mailbox (redacted text) is not offered as one',
      query: { domain: 'example.com' },
      routes: { 'GET /v1.0/whois': { json: { ...WHOIS, registrant_contact: { email_address: 'Select Request Email Form at https://x' } } } },
      check: (answer) => assert.ok(!(answer['results'] as Array<{ types: string[] }>).some((r) => r.types[0] === 'whois-registrant-email')),
    },
    { name: 'no apikey: upstream message (without its crash)', query: { domain: 'example.com' }, config: { apikey: null }, error: 'WhoisFreaks authentication is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no domain: refused before any request', query: { 'ip-src': '1.2.3.4' }, error: /needs one of these attribute types in the request: domain/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty domain: upstream message', query: { domain: ' ' }, error: 'Unsupported attributes types' },
    { name: 'a wrong key: the fake refuses it with WhoisFreaks\' message', query: { domain: 'example.com' }, config: { apikey: 'wrong' }, error: /WhoisFreaks refused the key \(setting apikey, HTTP 401.*\): Invalid API key provided\./ },
    ...vendorFailureRows({ query: { domain: 'example.com' }, route: 'GET /v1.0/whois', vendorMessage: 'Internal error' }),
  ],
});
