/**
 * reversinglabs_spectra_analyze against a loopback Spectra Analyze (A1000)
 * appliance: `Authorization: Token …` checked (401 `{"detail": "Invalid
 * token."}` otherwise, as Django REST framework answers), bodies shaped like
 * the documented v3 classification and Network Threat Intelligence answers.
 */
import assert from 'node:assert/strict';
import reversinglabs from '../../../src/modules/expansion/reversinglabs_spectra_analyze.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
const HOST = 'a1000.corp.example';
const TOKEN = 'rl-token';
const SHA256 = 'a04ac6d98ad989312783d4fe3456c53730b212c79a426fb215708b6c6daa3de3';
const SHA1 = '2aac25ecdccf87abf6f1651ef2ffb30fcf732250';

const CLASSIFICATION = {
  classification: 'malicious',
  riskscore: 10,
  first_seen: '2024-01-10T08:00:00Z',
  last_seen: '2024-03-01T12:00:00Z',
  classification_result: 'Win32.Trojan.Emotet',
  classification_reason: 'Antivirus',
  classification_source: 'cloud',
  cloud_last_lookup: '2024-03-01T12:00:00Z',
  data_source: 'CLOUD',
  sha1: SHA1,
  sha256: SHA256,
  md5: '002c56165a0e78369d0e1023ce044bf0',
};
const DOMAIN = {
  requested_domain: 'bad-domain.example',
  last_dns_records: [
    { type: 'A', value: '203.0.113.7', provider: 'ReversingLabs' },
    { type: 'NS', value: 'ns1.bad-domain.example', provider: 'ReversingLabs' },
  ],
  last_dns_records_time: '2024-03-01T10:00:00',
  top_threats: [{ risk_score: 10, threat_family: 'Emotet', threat_name: 'Win32.Trojan.Emotet' }],
  third_party_reputations: { statistics: { total: 20, malicious: 3, clean: 17, undetected: 0 }, sources: [] },
  downloaded_files_statistics: { total: 4, malicious: 2, suspicious: 0, unknown: 1, goodware: 1 },
  modified_time: '2024-03-01T10:00:00',
};
const IP = {
  requested_ip: '203.0.113.7',
  top_threats: [{ risk_score: 9, threat_family: 'Emotet', threat_name: 'Win32.Trojan.Emotet' }],
  third_party_reputations: { statistics: { total: 20, malicious: 0, clean: 20, undetected: 0 } },
  downloaded_files_statistics: { total: 1, malicious: 1, suspicious: 0, unknown: 0, goodware: 0 },
  modified_time: '2024-02-28T09:00:00',
};
const URL_ANSWER = {
  requested_url: 'http://bad-domain.example/gate.php',
  classification: 'malicious',
  reason: 'third_party',
  threat_level: 5,
  analysis: { first_analysis: '2024-01-10T08:00:00', analysis_count: 3 },
  third_party_reputations: { statistics: { total: 20, malicious: 5, clean: 15, undetected: 0 } },
};

const auth = (req: FakeRequest, answer: FakeResponse): FakeResponse =>
  req.headers.authorization === `Token ${TOKEN}` ? answer : { status: 401, json: { detail: 'Invalid token.' } };

const A1000 = {
  'GET /api/samples/v3/:hash/classification/': (req: FakeRequest) =>
    auth(req, req.params['hash'] === SHA256 ? { json: CLASSIFICATION } : { status: 404, json: { detail: 'Not found.' } }),
  'GET /api/network-threat-intel/domain/:domain/': (req: FakeRequest) => auth(req, { json: { ...DOMAIN, requested_domain: req.params['domain'] } }),
  'GET /api/network-threat-intel/ip/:ip/report/': (req: FakeRequest) => auth(req, { json: IP }),
  'GET /api/network-threat-intel/url/': (req: FakeRequest) => auth(req, req.query['url'] ? { json: URL_ANSWER } : { status: 400, json: { detail: 'url is required' } }),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID } });
type Out = { Object: Array<{ name: string; uuid: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }> }>; Tag?: Array<{ name: string }> };
const out = (answer: Answer) => answer['results'] as Out;
const relationsOf = (answer: Answer, name: string) => {
  const object = out(answer).Object.find((o) => o.name === name);
  assert.ok(object, `a ${name} object`);
  const map: Record<string, string[]> = {};
  for (const a of object.Attribute) (map[a.object_relation] ??= []).push(a.value);
  return map;
};

testModule({
  module: reversinglabs,
  vendors: { [HOST]: A1000 },
  config: { api_url: `https://${HOST}/api/`, api_token: TOKEN },
  rows: [
    {
      name: 'a sha256: the file object, the report it is analysed with, rl: tags',
      query: attribute('sha256', SHA256.toUpperCase()),
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`GET /api/samples/v3/${SHA256}/classification/`]),
      check: (answer) => {
        const file = relationsOf(answer, 'file');
        assert.deepEqual(file['sha256'], [SHA256]);
        assert.deepEqual(file['sha1'], [SHA1]);
        assert.deepEqual(file['text'], ['malicious', '10', 'Win32.Trojan.Emotet']);
        const report = relationsOf(answer, 'report');
        assert.deepEqual(report['link'], [`https://${HOST}/${SHA1}/`]);
        assert.deepEqual(report['summary'], [`FILE: ${SHA256}\nClassification: malicious\nRisk Score: 10/10\nSource: cloud\nReason: Antivirus`]);
        const [fileObject, reportObject] = out(answer).Object;
        assert.deepEqual(fileObject?.ObjectReference?.map((r) => [r.relationship_type, r.referenced_uuid]), [['analysed-with', reportObject?.uuid]]);
        const tags = (out(answer).Tag ?? []).map((t) => t.name);
        assert.ok(tags.includes('rl:classification="malicious"'));
        assert.ok(tags.includes('rl:riskscore="10"'));
        assert.ok(tags.includes('rl:data_source="CLOUD"'));
      },
    },
    {
      name: 'a domain: domain-ip, report and dns-record objects, threat tags',
      query: attribute('domain', 'bad-domain[.]example'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/network-threat-intel/domain/bad-domain.example/']),
      check: (answer) => {
        assert.deepEqual(relationsOf(answer, 'domain-ip'), { domain: ['bad-domain.example'], text: ['Win32.Trojan.Emotet,'] });
        assert.deepEqual(relationsOf(answer, 'dns-record'), { 'queried-domain': ['bad-domain.example'], 'a-record': ['203.0.113.7'], 'ns-record': ['ns1.bad-domain.example'] });
        const summary = relationsOf(answer, 'report')['summary']![0]!;
        assert.equal(summary, 'DOMAIN: bad-domain.example\nTotal Downloads: 4\nMalicious Downloads: 2\nSuspicious Downloads: 0\nUnknown Downloads: 1\nReputation: 3/20 vendors flagged malicious\nTop Threats: Win32.Trojan.Emotet');
        const tags = (out(answer).Tag ?? []).map((t) => t.name);
        assert.deepEqual(tags.sort(), ['rl:malware-family="Emotet"', 'rl:threat="Win32.Trojan.Emotet"']);
      },
    },
    {
      name: 'an IP: the ip-port object and its report link',
      query: attribute('ip-dst', '203.0.113.7'),
      check: (answer) => {
        assert.deepEqual(relationsOf(answer, 'ip-port'), { ip: ['203.0.113.7'], text: ['2024-02-28T09:00:00', '9'] });
        assert.deepEqual(relationsOf(answer, 'report')['link'], [`https://${HOST}/ip/203.0.113.7/analysis/ip/`]);
        assert.match(relationsOf(answer, 'report')['summary']![0]!, /Reputation: Clean \(20 vendors checked\)/);
      },
    },
    {
      name: 'a URL: asked with ?url=, the url object and the URL-encoded report link',
      query: attribute('url', 'hxxp://bad-domain[.]example/gate.php'),
      requests: (requests) => assert.equal(requests[0]!.query['url'], 'http://bad-domain.example/gate.php'),
      check: (answer) => {
        assert.deepEqual(relationsOf(answer, 'url')['url'], ['http://bad-domain.example/gate.php']);
        assert.deepEqual(relationsOf(answer, 'report')['link'], [`https://${HOST}/url/http%3A%2F%2Fbad-domain.example%2Fgate.php/analysis/url/`]);
        assert.ok((out(answer).Tag ?? []).some((t) => t.name === 'rl:reason="third_party"'));
      },
    },
    { name: 'a hash the appliance does not know: the API error, nothing invented', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), error: /^API request failed: ReversingLabs Spectra Analyze answered HTTP 404 Not Found/ },
    { name: 'a value whose IOC type cannot be told', query: attribute('hostname', 'localhost'), error: 'Could not determine IOC type for: localhost' },
    { name: 'no api_url (upstream\'s exact text)', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), config: { api_url: '' }, error: 'Missing api_url in config', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), config: null, error: 'Missing api_url in config' },
    { name: 'no api_token', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), config: { api_token: '' }, error: 'Missing api_token in config' },
    { name: 'a wrong token (401)', query: attribute('sha256', SHA256), config: { api_token: 'wrong' }, error: /^API request failed: ReversingLabs Spectra Analyze refused the key .*401.*Invalid token/ },
    ...vendorFailureRows({ query: attribute('sha256', SHA256), skip: ['unauthorized'], vendorMessage: 'Appliance busy', expect: { rateLimited: /^API request failed: .*(rate limit|429)/i, serverError: /^API request failed: .*HTTP 500/ } }),
  ],
});
