/**
 * otx against a loopback AlienVault OTX: the indicator sections upstream reads
 * under `/otxapi/indicator/`, answering like OTX's indicator sections
 * (malware `{data: [{hash, detections, date}], size}`, passive_dns
 * `{passive_dns: [{address, hostname, record_type, first, last, …}], count}`,
 * whois `{data: [{key, name, value}], related: [{domain, related, related_type}]}`,
 * file analysis `{analysis: {info, plugins: {cuckoo: {result: {network, suricata}}}}}`),
 * and refusing a request without the right `X-OTX-API-KEY` (403, as OTX does).
 */
import assert from 'node:assert/strict';
import otx from '../../../src/modules/expansion/otx.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = 'otx-test-key';
const IP = '149.13.33.14';
const DOMAIN = 'circl.lu';
const MD5 = '616eff3e9a7575ae73821b4668d2801c';
const SHA256_A = '6f9814ba70e68c3bce16d253e8d8f86e04a21a2b4172a0f7631040096ba2c47a';
const SHA256_B = 'ffc2595aefa80b61621023252b5f0ccb22b6e31d7f1640913cd8ff74ddbd8b41';

const malware = (hashes: string[]) => ({
  data: hashes.map((hash, i) => ({
    datetime_int: 1546300800 + i,
    hash,
    detections: { avast: 'Win32:Malware-gen', avg: null, clamav: null, msdefender: 'Trojan:Win32/Emotet' },
    date: '2019-01-01T00:00:00',
  })),
  size: hashes.length,
  count: hashes.length,
});

const passiveDns = (records: Array<[string, string]>) => ({
  passive_dns: records.map(([address, hostname]) => ({
    address,
    first: '2018-06-12T09:10:21',
    last: '2024-01-03T11:42:07',
    hostname,
    record_type: 'A',
    indicator_link: `/indicator/hostname/${hostname}`,
    flag_url: 'assets/images/flags/lu.png',
    flag_title: 'Luxembourg',
    asset_type: 'hostname',
    asn: 'AS197869 circl',
  })),
  count: records.length,
});

const WHOIS = {
  data: [
    { key: 'domain_name', name: 'Domain Name', value: 'CIRCL.LU' },
    { key: 'emails', name: 'Emails', value: 'info@circl.lu' },
    { key: 'name_servers', name: 'Name Servers', value: ['NS3.CIRCL.LU', 'CIRCLNS.RESTENA.LU'] },
    { key: 'org', name: 'Org', value: 'Computer Incident Response Center Luxembourg' },
  ],
  related: [
    { domain: 'cert.lu', related: 'info@circl.lu', related_type: 'email' },
    { domain: 'cert.lu', related: 'Computer Incident Response Center Luxembourg', related_type: 'org' },
  ],
  count: 4,
};

const ANALYSIS = {
  analysis: {
    _id: '5c26a1b5d1f1d6341b0e4ee4',
    hash: MD5,
    info: { results: { file_class: 'PEXE', file_type: 'PE32 executable (GUI) Intel 80386, for MS Windows', filesize: 73802, md5: MD5, sha1: 'b6e4c5c3f0d2a1e9b8c7d6e5f4a3b2c1d0e9f8a7', sha256: SHA256_A } },
    plugins: {
      cuckoo: {
        result: {
          network: {
            hosts: ['185.194.93.14', '8.8.8.8'],
            udp: [
              { src: '192.168.56.101', dst: '8.8.8.8', sport: 53211, dport: 53, time: 2.1 },
              { src: '192.168.56.101', dst: '192.168.56.255', sport: 138, dport: 138, time: 3.5 },
            ],
            tcp: [{ src: '192.168.56.101', dst: '185.194.93.14', sport: 49162, dport: 443, time: 2.4 }],
            dns: [{ request: 'www.circl.lu', type: 'A', answers: [{ data: '185.194.93.14', type: 'A' }] }],
          },
          suricata: {
            http: [
              { hostname: 'www.circl.lu', uri: '/gate.php', http_method: 'POST', dstip: '185.194.93.14', dstport: 80 },
              { hostname: 'time.windows.com', uri: '/', http_method: 'GET', dstip: '40.119.6.228', dstport: 80 },
              { hostname: 'localhost', uri: '/', http_method: 'GET', dstip: '127.0.0.1', dstport: 80 },
            ],
          },
        },
      },
    },
  },
  page_type: 'PE32',
};

/** OTX refuses a wrong key with 403 and a `detail`. */
function keyed(answer: (req: FakeRequest) => FakeResponse) {
  return (req: FakeRequest): FakeResponse =>
    req.headers['x-otx-api-key'] === KEY ? answer(req) : { status: 403, json: { detail: 'Invalid API key' } };
}

const known = (value: string, expected: string, body: unknown) =>
  keyed((req) => (req.params['value'] === expected ? { json: body } : { status: 404, json: { detail: 'Not found.' } }));

const OTX: Routes = {
  'GET /otxapi/indicator/ip/malware/:value': known('value', IP, malware([SHA256_A])),
  'GET /otxapi/indicator/ip/passive_dns/:value': known('value', IP, passiveDns([[IP, 'www.circl.lu'], [IP, 'cve.circl.lu'], [IP, '8.8.8.8']])),
  'GET /otxapi/indicator/domain/malware/:value': known('value', DOMAIN, malware([SHA256_B, SHA256_B])),
  'GET /otxapi/indicator/domain/whois/:value': known('value', DOMAIN, WHOIS),
  'GET /otxapi/indicator/hostname/passive_dns/:value': known('value', DOMAIN, passiveDns([['185.194.93.14', DOMAIN], ['2a00:5980:93::14', DOMAIN], ['149.13.33.17', DOMAIN]])),
  'GET /otxapi/indicator/file/analysis/:value': known('value', MD5, ANALYSIS),
};

testModule({
  module: otx,
  vendors: { 'otx.alienvault.com': OTX },
  config: { apikey: KEY },
  rows: [
    {
      name: 'an ip gives the hashes of its malware and the hostnames of its passive DNS, the key in X-OTX-API-KEY',
      query: { 'ip-src': IP },
      results: [
        { types: ['sha256'], values: [SHA256_A] },
        { types: ['hostname'], values: ['www.circl.lu'] },
        { types: ['hostname'], values: ['cve.circl.lu'] },
      ],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.target).sort(), [`/otxapi/indicator/ip/malware/${IP}?limit=1000`, `/otxapi/indicator/ip/passive_dns/${IP}`]);
        for (const request of requests) assert.equal(request.headers['x-otx-api-key'], KEY);
      },
    },
    {
      name: 'a domain gives malware hashes (deduplicated), whois domains and emails, and its IPv4 addresses',
      query: { domain: DOMAIN },
      results: [
        { types: ['sha256'], values: [SHA256_B] },
        { types: ['hostname'], values: ['cert.lu'] },
        { types: ['email'], values: ['info@circl.lu'] },
        { types: ['ip-dst'], values: ['185.194.93.14'] },
        { types: ['ip-dst'], values: ['149.13.33.17'] },
      ],
      requests: (requests) =>
        assert.deepEqual(requests.map((r) => r.target).sort(), [
          `/otxapi/indicator/domain/malware/${DOMAIN}?limit=1000`,
          `/otxapi/indicator/domain/whois/${DOMAIN}`,
          `/otxapi/indicator/hostname/passive_dns/${DOMAIN}`,
        ]),
    },
    {
      name: 'a hash gives the IPv4 destinations and hostnames of its analysis, without the noise',
      query: { md5: MD5 },
      results: [
        { types: ['ip-dst', 'ip-src'], values: ['185.194.93.14'] },
        { types: ['hostname'], values: ['www.circl.lu'] },
      ],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), [`/otxapi/indicator/file/analysis/${MD5}`]),
    },
    {
      name: 'every input key present is looked up, and the union is deduplicated',
      query: { 'ip-dst': IP, hostname: DOMAIN },
      check: (answer) => {
        const values = (answer['results'] as Array<{ values: string[] }>).map((r) => r.values[0]);
        assert.deepEqual(values, [SHA256_A, 'www.circl.lu', 'cve.circl.lu', SHA256_B, 'cert.lu', 'info@circl.lu', '185.194.93.14', '149.13.33.17']);
      },
    },
    { name: 'an indicator OTX does not know (404 on every section) gives no results, nothing invented', query: { 'ip-dst': '203.0.113.7' }, results: [] },
    {
      name: 'empty sections give no results',
      query: { sha256: SHA256_A },
      routes: { 'GET /otxapi/indicator/file/analysis/:value': { json: { analysis: null, page_type: 'generic' } } },
      results: [],
    },
    { name: 'no apikey: refused before any request (upstream crashes)', query: { domain: DOMAIN }, config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: the same message', query: { domain: DOMAIN }, config: null, error: 'An AlienVault OTX API key is required: set the apikey setting of the otx module.' },
    { name: 'an input that is not text', query: { domain: 42 }, messageId: 'noInput', data: { types: 'hostname, domain, ip-src, ip-dst, md5, sha1, sha256, sha512' } },
    { name: 'none of its input types', query: { url: 'http://circl.lu/' }, error: /needs one of these attribute types/ },
    { name: 'a wrong key is refused by OTX with its detail', query: { md5: MD5 }, config: { apikey: 'wrong' }, error: 'AlienVault OTX refused the key (setting apikey, HTTP 403 Forbidden): Invalid API key.' },
    ...vendorFailureRows({ query: { md5: MD5 }, route: 'GET /otxapi/indicator/file/analysis/:value', vendorMessage: 'Service temporarily unavailable' }).map((row) =>
      row.name.includes('500') ? { ...row, error: 'AlienVault OTX answered HTTP 500 Internal Server Error: Service temporarily unavailable.' } : row,
    ),
  ],
});
