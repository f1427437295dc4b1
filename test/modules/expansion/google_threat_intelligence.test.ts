/**
 * google_threat_intelligence against a loopback VirusTotal API v3
 * (virustotal-fake.ts) whose objects carry the `gti_assessment` GTI
 * documents (verdict, severity, threat_score with their `value`s,
 * contributing factors, description); the `x-apikey` header checked.
 */
import assert from 'node:assert/strict';
import google_threat_intelligence from '../../../src/modules/expansion/google_threat_intelligence.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { DOMAIN, FILE, IP, URL_ID, URL_VALUE, VT_KEY, virusTotalRoutes, type VtTestObject } from './virustotal-fake.js';
import { fields, find, objects, referencing, reportOf } from './virustotal-results.js';

const UUID = '3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b';
const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });
/** The object first, then its relationships (asked at the same time, so in any order). */
const paths = (requests: VendorRequest[]) => [requests[0]?.target, ...requests.slice(1).map((r) => r.target).sort()];

const assessment = (score: number, verdict: string, severity: string, description: string) => ({
  threat_score: { value: score },
  verdict: { value: verdict },
  severity: { value: severity },
  contributing_factors: { mandiant_confidence_score: score, gavs_detections: 3, normalised_categories: ['trojan'] },
  description,
});

/** GTI's assessment by object id (the known-distributor file has none). */
const ASSESSMENTS: Record<string, ReturnType<typeof assessment>> = {
  [FILE.id]: assessment(100, 'VERDICT_MALICIOUS', 'SEVERITY_HIGH', 'This indicator is malicious (high confidence).'),
  [DOMAIN]: assessment(65, 'VERDICT_SUSPICIOUS', 'SEVERITY_MEDIUM', 'This indicator is suspicious.'),
  [IP]: assessment(1, 'VERDICT_UNDETECTED', 'SEVERITY_NONE', 'This indicator did not match our detection criteria.'),
  [URL_ID]: assessment(80, 'VERDICT_MALICIOUS', 'SEVERITY_MEDIUM', 'This indicator is malicious.'),
};

const withAssessment = (object: VtTestObject): VtTestObject =>
  ASSESSMENTS[object.id] ? { ...object, attributes: { ...object.attributes, gti_assessment: ASSESSMENTS[object.id] } } : object;

const DOMAIN_REQUESTS = [
  `/api/v3/domains/${DOMAIN}`,
  ...['communicating_files', 'downloaded_files', 'referrer_files', 'resolutions', 'siblings', 'subdomains', 'urls'].map((r) => `/api/v3/domains/${DOMAIN}/${r}?limit=10`),
];

testModule({
  module: google_threat_intelligence,
  vendors: { 'www.virustotal.com': virusTotalRoutes({ decorate: withAssessment }) },
  config: { apikey: VT_KEY },
  rows: [
    {
      name: 'a domain: the GTI report (verdict, severity, threat score) and virustotal\'s relationships',
      query: attribute('domain', DOMAIN),
      requests: (requests) => {
        assert.deepEqual(paths(requests), DOMAIN_REQUESTS);
        for (const r of requests) {
          assert.equal(r.headers['x-apikey'], VT_KEY);
          assert.equal(r.headers['x-tool'], 'MISPModuleGTIExpansion');
        }
      },
      check: (answer) => {
        const domain = find(answer, 'domain-ip', 'domain', DOMAIN);
        assert.deepEqual(fields(domain), { domain: DOMAIN, ip: [IP, '198.51.100.23'] });
        assert.deepEqual(reportOf(answer, domain), {
          permalink: `https://www.virustotal.com/gui/domain/${DOMAIN}`,
          'detection-ratio': '9/92',
          'threat-score': '65',
          verdict: 'SUSPICIOUS',
          severity: 'MEDIUM',
        });
        const file = find(answer, 'file', 'sha256', FILE.id);
        assert.deepEqual(reportOf(answer, file), {
          permalink: `https://www.virustotal.com/gui/file/${FILE.id}`,
          'detection-ratio': '61/72',
          'threat-score': '100',
          verdict: 'MALICIOUS',
          severity: 'HIGH',
        });
        // No assessment: the report says what VirusTotal says, nothing more.
        const distributed = find(answer, 'file', 'md5', 'd41d8cd98f00b204e9800998ecf8427e');
        assert.deepEqual(reportOf(answer, distributed), {
          permalink: 'https://www.virustotal.com/gui/file/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          'detection-ratio': '1/59',
        });
        assert.deepEqual(referencing(answer, domain.uuid, 'hosted-in'), [`url ${URL_VALUE}`]);
        assert.equal(objects(answer).filter((o) => o.name === 'virustotal-report').length, 0);
        assert.equal(objects(answer).filter((o) => o.name === 'google-threat-intelligence-report').length, 4);
        const score = objects(answer).flatMap((o) => o.Attribute).find((a) => a.object_relation === 'threat-score');
        assert.equal(score?.type, 'integer');
      },
    },
    {
      name: 'an ip: its GTI report, asn, resolutions and urls',
      query: attribute('ip-dst', IP),
      requests: (requests) => assert.deepEqual(paths(requests), [`/api/v3/ip_addresses/${IP}`, `/api/v3/ip_addresses/${IP}/resolutions?limit=10`, `/api/v3/ip_addresses/${IP}/urls?limit=10`]),
      check: (answer) => {
        const ip = find(answer, 'domain-ip', 'ip', IP);
        assert.deepEqual(reportOf(answer, ip), {
          permalink: `https://www.virustotal.com/gui/ip-address/${IP}`,
          'detection-ratio': '4/89',
          'threat-score': '1',
          verdict: 'UNDETECTED',
          severity: 'NONE',
        });
        assert.deepEqual(fields(find(answer, 'asn', 'asn', '64500')), { asn: '64500', 'subnet-announced': '203.0.113.0/24', country: 'NL' });
      },
    },
    {
      name: 'a sha256: the file, its in-the-wild urls and what it contacts',
      query: attribute('sha256', FILE.id),
      requests: (requests) =>
        assert.deepEqual(paths(requests), [
          `/api/v3/files/${FILE.id}`,
          ...['contacted_domains', 'contacted_ips', 'contacted_urls', 'itw_urls'].map((r) => `/api/v3/files/${FILE.id}/${r}?limit=10`),
        ]),
      check: (answer) => {
        const file = find(answer, 'file', 'sha256', FILE.id);
        assert.equal(reportOf(answer, file)['verdict'], 'MALICIOUS');
        assert.deepEqual(referencing(answer, file.uuid, 'downloaded'), [`url ${URL_VALUE}`]);
        assert.equal(reportOf(answer, find(answer, 'url', 'url', URL_VALUE))['threat-score'], '80');
      },
    },
    {
      name: 'a url: its GTI report and related files',
      query: attribute('url', URL_VALUE),
      check: (answer) => {
        const url = find(answer, 'url', 'url', URL_VALUE);
        assert.deepEqual(reportOf(answer, url), {
          permalink: `https://www.virustotal.com/gui/url/${URL_ID}`,
          'detection-ratio': '11/91',
          'threat-score': '80',
          verdict: 'MALICIOUS',
          severity: 'MEDIUM',
        });
        assert.equal(referencing(answer, url.uuid, 'downloaded-from').length, 1);
      },
    },
    {
      name: 'event_limit bounds the relationships',
      query: attribute('ip-src', IP),
      config: { event_limit: '1' },
      requests: (requests) => assert.ok(requests.slice(1).every((r) => r.query['limit'] === '1')),
      check: (answer) => assert.equal(fields(find(answer, 'domain-ip', 'ip', IP))['domain'], DOMAIN),
    },
    { name: 'an unknown domain: GTI\'s own "not found"', query: attribute('hostname', 'never-seen.example'), error: 'Domain "never-seen.example" not found' },
    { name: 'no key', query: attribute('domain', DOMAIN), config: { apikey: '' }, error: 'A Google Threat Intelligence api key is required for this module.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('domain', DOMAIN), config: null, error: 'A Google Threat Intelligence api key is required for this module.' },
    {
      name: 'a wrong key: the 401 WrongCredentialsError, with its message',
      query: attribute('domain', DOMAIN),
      config: { apikey: 'not-the-key' },
      error: 'Google Threat Intelligence refused the key (setting apikey, HTTP 401 Unauthorized): Wrong API key.',
    },
    {
      name: 'proxy_host without proxy_port names this module\'s settings',
      query: attribute('domain', DOMAIN),
      config: { proxy_host: 'http://proxy.example' },
      error: 'The google_threat_intelligence_proxy_host config is set, please also set the google_threat_intelligence_proxy_port.',
    },
    { name: 'an ip|port is not one of its types', query: attribute('ip-dst|port', `${IP}|443`), error: /does not accept attributes of type 'ip-dst\|port'/ },
    ...vendorFailureRows({ query: attribute('domain', DOMAIN), skip: ['unauthorized'], vendorMessage: 'Quota exceeded' }).map((row) =>
      row.name.includes('429') ? { ...row, error: 'Google Threat Intelligence rate limit reached (HTTP 429 Too Many Requests: Quota exceeded); retry after 60 s.' } : row,
    ),
  ],
});
