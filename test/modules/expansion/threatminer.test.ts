/**
 * threatminer against a loopback ThreatMiner (www.threatminer.org
 * domain.php / host.php / sample.php?q=&api=True&rt=N): answers shaped like
 * ThreatMiner's documented ones (`{"status_code": "200", "status_message":
 * "Results found.", "results": […]}`, and "404" / "No results found." with an
 * empty list at HTTP 200). Upstream's own test is disabled (flaky service);
 * this one runs against the fake. The declared 10/minute limit is lifted
 * with the admin's --vendor-limit override so rows do not wait.
 */
import assert from 'node:assert/strict';
import threatminer from '../../../src/modules/expansion/threatminer.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const SAMPLE = 'b538dbc6160ef54f755a540e06dc27cd980fc4a12005e90b3627febb44a1a90f';
const found = (results: unknown[]): FakeResponse => ({ json: { status_code: '200', status_message: 'Results found.', results } });
const none: FakeResponse = { json: { status_code: '404', status_message: 'No results found.', results: [] } };

const DOMAIN_REPORTS: Record<string, unknown[]> = {
  '1': [{ domain: 'circl.lu', is_subdomain: false, root_domain: '', whois: { updated_date: '2019-01-01', whois_server: 'whois.dns.lu', registrar: 'RESTENA', emails: { registrant: 'info@circl.lu', administrative: 'admin@circl.lu', technical: '' } } }],
  '2': [{ ip: '149.13.33.14', first_seen: '2015-07-09 00:00:00', last_seen: '2019-04-01 16:44:02' }, { ip: '149.13.33.4', first_seen: '2015-01-01 00:00:00', last_seen: '2016-01-01 00:00:00' }],
  '3': [{ domain: 'www.circl.lu', ip: '149.13.33.14', uri: 'http://www.circl.lu/', last_seen: '2019-02-01 12:00:00' }],
  '4': ['f6ecb9d5c21defb1f622364a30cb8274f817a1a2', SAMPLE],
  '5': ['www.circl.lu', 'cve.circl.lu'],
  '6': [{ filename: 'APT_report.pdf', year: '2016', URL: 'https://www.threatminer.org/report.php?q=APT_report.pdf&y=2016' }],
};

const HOST_REPORTS: Record<string, unknown[]> = {
  '2': [{ domain: 'circl.lu', first_seen: '2015-07-09 00:00:00', last_seen: '2019-04-01 16:44:02' }],
  '5': ['a4a3f5a0c3e4cd0f9d0a5d87c37f0a6f7e0b1c2d'],
};

const SAMPLE_REPORTS: Record<string, unknown[]> = {
  '1': [{ md5: '02699626f388ed830012e5b787640e71', sha1: 'b5b8c3f3c43a8a8c0a3a09fb3c1fcb3b5e6c6d7e', sha256: SAMPLE, sha512: null, ssdeep: '3072:Pa4X8ePp7KsV5P9V:Pa4X8ePp7KsV5P9V', imphash: 'f34d5f2d4577ed6d9ceec516c1f5a744', file_type: 'PE32 executable', file_name: 'svchost.exe', file_size: '169472 bytes', authentihash: null, date_analyzed: '2016-02-17 18:00:00' }],
  '3': [{ domains: [{ ip: '203.0.113.9', domain: 'evil.example.net' }], hosts: ['203.0.113.9'], http: [], dns: [] }],
  '6': [{ av_detections: [{ av: 'Kaspersky', detection: 'Trojan.Win32.Agent.abc' }, { av: 'ESET', detection: 'Win32/Agent.XYZ' }] }],
};

const answer = (reports: Record<string, unknown[]>, known: string) => (req: FakeRequest): FakeResponse =>
  req.query['api'] === 'True' && req.query['q'] === known && reports[req.query['rt'] ?? ''] ? found(reports[req.query['rt']!]!) : none;

const THREATMINER = {
  'GET /domain.php': answer(DOMAIN_REPORTS, 'circl.lu'),
  'GET /host.php': answer(HOST_REPORTS, '149.13.33.4'),
  'GET /sample.php': answer(SAMPLE_REPORTS, SAMPLE),
} satisfies Routes;

testModule({
  module: threatminer,
  vendors: { 'www.threatminer.org': THREATMINER },
  settings: { vendorLimits: ['ThreatMiner=none'] },
  rows: [
    {
      name: 'a domain: the six reports asked, findings typed and commented as upstream',
      query: { domain: 'circl.lu' },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), [1, 2, 3, 4, 5, 6].map((rt) => `/domain.php?q=circl.lu&api=True&rt=${rt}`)),
      results: [
        { types: ['whois-registrant-email'], values: ['info@circl.lu'], comment: 'circl.lu: Threatminer - whois' },
        { types: ['ip-src', 'ip-dst'], values: ['149.13.33.14', '149.13.33.4'], comment: 'circl.lu: Threatminer - pdns' },
        { types: ['url'], values: ['http://www.circl.lu/'], comment: 'circl.lu: Threatminer - uri' },
        { types: ['sha1'], values: ['f6ecb9d5c21defb1f622364a30cb8274f817a1a2'], comment: 'circl.lu: Threatminer - samples' },
        { types: ['sha256'], values: [SAMPLE], comment: 'circl.lu: Threatminer - samples' },
        { types: ['domain'], values: ['www.circl.lu', 'cve.circl.lu'], comment: 'circl.lu: Threatminer - subdomain' },
        { types: ['link'], values: ['https://www.threatminer.org/report.php?q=APT_report.pdf&y=2016'], comment: 'circl.lu: Threatminer - report' },
      ],
    },
    {
      name: 'an IP: host.php; passive DNS gives domains, ssl gives certificate fingerprints',
      query: { 'ip-src': '149.13.33.4' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.path} ${r.query['rt']}`), [1, 2, 3, 4, 5, 6].map((rt) => `/host.php ${rt}`)),
      results: [
        { types: ['domain'], values: ['circl.lu'], comment: '149.13.33.4: Threatminer - pdns' },
        { types: ['x509-fingerprint-sha1'], values: ['a4a3f5a0c3e4cd0f9d0a5d87c37f0a6f7e0b1c2d'], comment: '149.13.33.4: Threatminer - ssl' },
      ],
    },
    {
      name: 'a sample: sample.php rt 1, 3, 6, 7; metadata, network and detections',
      query: { sha256: SAMPLE },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.query['rt']), ['1', '3', '6', '7']),
      results: [
        { types: ['filename'], values: ['svchost.exe'], comment: `${SAMPLE}: Threatminer - file` },
        { types: ['md5'], values: ['02699626f388ed830012e5b787640e71'], comment: `${SAMPLE}: Threatminer - file` },
        { types: ['sha1'], values: ['b5b8c3f3c43a8a8c0a3a09fb3c1fcb3b5e6c6d7e'], comment: `${SAMPLE}: Threatminer - file` },
        { types: ['ssdeep'], values: ['3072:Pa4X8ePp7KsV5P9V:Pa4X8ePp7KsV5P9V'], comment: `${SAMPLE}: Threatminer - file` },
        { types: ['imphash'], values: ['f34d5f2d4577ed6d9ceec516c1f5a744'], comment: `${SAMPLE}: Threatminer - file` },
        { types: ['domain'], values: ['evil.example.net'], comment: `${SAMPLE}: Threatminer - network` },
        { types: ['ip-src', 'ip-dst'], values: ['203.0.113.9'], comment: `${SAMPLE}: Threatminer - network` },
        { types: ['text'], values: ['Trojan.Win32.Agent.abc', 'Win32/Agent.XYZ'], comment: `${SAMPLE}: Threatminer - detection` },
      ],
    },
    { name: 'a value ThreatMiner does not know: nothing invented', query: { md5: 'd41d8cd98f00b204e9800998ecf8427e' }, results: [] },
    { name: 'no input it takes: refused before any request', query: { url: 'http://x' }, error: /needs one of these attribute types/, requests: (r) => assert.equal(r.length, 0) },
    {
      name: 'a report that fails is skipped while the others answer',
      query: { domain: 'circl.lu' },
      routes: { 'GET /domain.php': (req: FakeRequest) => (req.query['rt'] === '1' ? { status: 500, json: { message: 'Backend error' } } : answer(DOMAIN_REPORTS, 'circl.lu')(req)) },
      check: (answer) => {
        const comments = (answer['results'] as Array<{ comment: string }>).map((r) => r.comment);
        assert.ok(!comments.includes('circl.lu: Threatminer - whois'));
        assert.ok(comments.includes('circl.lu: Threatminer - pdns'));
      },
    },
    ...vendorFailureRows({ query: { domain: 'circl.lu' }, skip: ['unauthorized'], vendorMessage: 'Backend error' }),
  ],
});
