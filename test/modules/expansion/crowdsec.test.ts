/**
 * crowdsec against a loopback CrowdSec CTI (`GET /v2/smoke/{ip}`, key in
 * `x-api-key`: 403 `{"message": "Forbidden"}` otherwise, as the AWS API
 * gateway in front of it answers; 404 `{"message": "IP address information
 * not found"}` for an unknown address), the smoke answer as CrowdSec
 * documents it (trimmed).
 */
import assert from 'node:assert/strict';
import crowdsec from '../../../src/modules/expansion/crowdsec.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'cs-cti-7b3e1f0a9c8d';
const UUID = '1e2d3c4b-5a69-4788-9a0b-c1d2e3f40516';
const IP = '185.220.101.4';

const SMOKE = {
  ip_range_score: 5,
  ip: IP,
  ip_range: '185.220.101.0/24',
  as_name: 'Stiftung Erneuerbare Freiheit',
  as_num: 60729,
  ip_range_24: '185.220.101.0/24',
  ip_range_24_reputation: 'malicious',
  ip_range_24_score: 5,
  location: { country: 'DE', city: 'Berlin', latitude: 52.5196, longitude: 13.4069 },
  reverse_dns: 'tor-exit-4.example.org',
  behaviors: [
    { name: 'http:scan', label: 'HTTP Scan', description: 'IP has been reported for performing actions related to HTTP vulnerability scanning and discovery.', references: [] },
    { name: 'ssh:bruteforce', label: 'SSH Bruteforce', description: 'IP has been reported for performing brute force on ssh services.', references: [] },
  ],
  history: { first_seen: '2022-12-26T01:15:00+00:00', last_seen: '2024-01-17T21:30:00+00:00', full_age: 388, days_age: 387 },
  classifications: {
    false_positives: [{ name: 'tor:exit_node', label: 'TOR exit node', description: 'IP is a TOR exit node', references: [] }],
    classifications: [{ name: 'community-blocklist', label: 'CrowdSec Community Blocklist', description: 'IP belongs to the CrowdSec Community Blocklist', references: [] }],
  },
  attack_details: [
    { name: 'crowdsecurity/http-path-traversal-probing', label: 'HTTP Path Traversal Exploit', description: 'Detect path traversal attempt', references: [] },
    { name: 'crowdsecurity/ssh-bf', label: 'SSH Bruteforce', description: 'Detect ssh bruteforce', references: [] },
  ],
  target_countries: { US: 38, FR: 12 },
  mitre_techniques: [
    { name: 'T1595', label: 'Active Scanning', description: 'Adversaries may execute active reconnaissance scans to gather information that can be used during targeting.', references: [] },
    { name: 'TA0043', label: 'Reconnaissance', description: 'The adversary is trying to gather information they can use to plan future operations.', references: [] },
  ],
  cves: ['CVE-2021-44228'],
  background_noise_score: 10,
  background_noise: 'high',
  scores: {
    overall: { aggressiveness: 5, threat: 4, trust: 5, anomaly: 1, total: 5 },
    last_day: { aggressiveness: 5, threat: 4, trust: 5, anomaly: 1, total: 5 },
  },
  references: [],
  reputation: 'malicious',
  confidence: 'high',
  state: 'validated',
  proxy_or_vpn: false,
};

const CROWDSEC: Routes = {
  'GET /v2/smoke/:ip': (req: FakeRequest) => {
    if (req.headers['x-api-key'] !== KEY) return { status: 403, json: { message: 'Forbidden' } };
    if (req.params['ip'] !== IP) return { status: 404, json: { message: 'IP address information not found' } };
    return { json: SMOKE };
  },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type Attr = { object_relation: string; value: string; comment?: string; Tag?: Array<{ name: string }> };
type Obj = { name: string; first_seen?: string; last_seen?: string; Attribute: Attr[]; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
function contextObject(answer: Answer): Obj {
  const objects = (answer['results'] as { Object: Obj[] }).Object;
  assert.deepEqual(objects.map((o) => o.name), ['crowdsec-ip-context']);
  assert.deepEqual(objects[0]!.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
  return objects[0]!;
}
const ipTags = (object: Obj) => object.Attribute.find((a) => a.object_relation === 'ip')?.Tag?.map((t) => t.name) ?? [];

testModule({
  module: crowdsec,
  vendors: { 'cti.api.crowdsec.net': CROWDSEC },
  config: { api_key: KEY },
  rows: [
    {
      name: 'a known address: the context object, comments and tags',
      query: attribute('ip-src', IP),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`GET /v2/smoke/${IP}`]);
        assert.equal(requests[0]!.headers['user-agent'], 'crowdsec-misp/v2.1.1');
      },
      check: (answer) => {
        const object = contextObject(answer);
        assert.equal(object.first_seen, '2022-12-26T01:15:00+00:00');
        assert.equal(object.last_seen, '2024-01-17T21:30:00+00:00');
        assert.deepEqual(object.Attribute.map((a) => [a.object_relation, a.value]), [
          ['ip', IP],
          ['reputation', 'malicious'],
          ['ip-range', '185.220.101.0/24'],
          ['ip-range-score', '5'],
          ['country', 'Germany'],
          ['country-code', 'DE'],
          ['city', 'Berlin'],
          ['latitude', '52.5196'],
          ['longitude', '13.4069'],
          ['as-name', 'Stiftung Erneuerbare Freiheit'],
          ['as-num', '60729'],
          ['reverse-dns', 'tor-exit-4.example.org'],
          ['background-noise', '10'],
          ['behaviors', 'HTTP Scan'],
          ['behaviors', 'SSH Bruteforce'],
          ['mitre-techniques', 'Active Scanning'],
          ['mitre-techniques', 'Reconnaissance'],
          ['cves', 'CVE-2021-44228'],
          ['false-positives', 'TOR exit node'],
          ['classifications', 'CrowdSec Community Blocklist'],
          ['attack-details', 'crowdsecurity/http-path-traversal-probing - HTTP Path Traversal Exploit (Detect path traversal attempt), crowdsecurity/ssh-bf - SSH Bruteforce (Detect ssh bruteforce)'],
          ['target-countries', 'United States, France'],
          ['trust', '5'],
          ['scores', 'Overall: Aggressiveness: 5 - Threat: 4 - Trust: 5 - Anomaly: 1 - Total: 5, Last Day: Aggressiveness: 5 - Threat: 4 - Trust: 5 - Anomaly: 1 - Total: 5'],
        ]);
        const comment = (value: string) => object.Attribute.find((a) => a.value === value)?.comment;
        assert.equal(comment('Reconnaissance'), 'The adversary is trying to gather information they can use to plan future operations. (https://attack.mitre.org/tactics/TA0043)');
        assert.equal(comment('Active Scanning')?.endsWith('(https://attack.mitre.org/techniques/T1595)'), true);
        assert.equal(comment('CVE-2021-44228'), 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228');
        assert.deepEqual(ipTags(object), [
          'crowdsec:reputation="malicious"',
          'crowdsec:behavior="http:scan"',
          'crowdsec:behavior="ssh:bruteforce"',
          'crowdsec:mitre-technique="T1595"',
          'crowdsec:mitre-technique="TA0043"',
          'crowdsec:cve="CVE-2021-44228"',
          'crowdsec:false_positive="tor:exit_node"',
          'crowdsec:classification="community-blocklist"',
        ]);
      },
    },
    {
      name: 'tag switches: "false", "0", "off", "no" turn families off; anything else keeps them',
      query: attribute('ip-dst', IP),
      config: { add_reputation_tag: 'false', add_behavior_tag: '0', add_classification_tag: 'off', add_mitre_technique_tag: 'no', add_cve_tag: 'maybe' },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(ipTags(contextObject(answer)), ['crowdsec:cve="CVE-2021-44228"']),
    },
    {
      name: 'a sparse answer (no location, scores, details): what is there, no crash',
      query: attribute('ip-dst', IP),
      routes: { 'GET /v2/smoke/:ip': { json: { ip: IP, reputation: null, ip_range: null, location: { country: null, city: null, latitude: null, longitude: null }, behaviors: [], history: { first_seen: null, last_seen: null }, classifications: { false_positives: [], classifications: [] }, cves: [], mitre_techniques: [], scores: null, target_countries: {} } } },
      inputUuids: [UUID],
      check: (answer) => {
        const object = contextObject(answer);
        assert.deepEqual(object.Attribute.map((a) => [a.object_relation, a.value]), [['ip', IP], ['reputation', 'unknown']]);
        assert.deepEqual(ipTags(object), ['crowdsec:reputation="unknown"']);
      },
    },
    { name: 'an address CrowdSec does not know (404): said, nothing invented', query: attribute('ip-dst', '192.0.2.5'), messageId: 'notFound', data: { ip: '192.0.2.5' } },
    { name: 'no config at all: upstream\'s message', query: attribute('ip-src', IP), config: null, error: 'Missing CrowdSec Config' },
    { name: 'no key: upstream\'s message', query: attribute('ip-src', IP), config: { api_key: '' }, error: 'Missing CrowdSec API key', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong key (403 from the gateway)', query: attribute('ip-src', IP), config: { api_key: 'nope' }, error: 'CrowdSec CTI refused the key (setting api_key, HTTP 403 Forbidden).' },
    { name: 'a type it does not take (refused by the server, as for every module)', query: attribute('domain', 'example.com'), error: /does not accept attributes of type 'domain'/ },
    { name: 'not an IP: upstream\'s message, no request', query: attribute('ip-src', 'not-an-ip'), messageId: 'invalidIp', data: { ip: 'not-an-ip' }, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute('ip-src', IP), vendorMessage: 'Limit Exceeded' }),
  ],
});
