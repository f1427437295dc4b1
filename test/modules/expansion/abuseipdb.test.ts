/**
 * abuseipdb against a loopback AbuseIPDB API v2 (`GET /api/v2/check`, key in
 * the `Key` header: 401 with AbuseIPDB's `errors[0].detail` otherwise; 422
 * for a max age out of 1..365), bodies as AbuseIPDB documents them, and a
 * fake DNS server for the names it resolves first.
 */
import assert from 'node:assert/strict';
import abuseipdb from '../../../src/modules/expansion/abuseipdb.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'c6a1b2e3d4f5061728394a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7';
const UUID = '6c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';
const BAD_IP = '118.25.6.39';
const CLEAN_IP = '192.0.2.10';

function check(req: FakeRequest) {
  if (req.headers['key'] !== KEY) {
    return { status: 401, json: { errors: [{ detail: 'Authentication failed. Your API key is either missing, incorrect, or revoked. Note: The APIv2 key differs from the APIv1 key.', status: 401 }] } };
  }
  const age = Number(req.query['maxAgeInDays']);
  if (!(age >= 1 && age <= 365)) {
    return { status: 422, json: { errors: [{ detail: 'The max age in days must be between 1 and 365.', status: 422, source: { parameter: 'maxAgeInDays' } }] } };
  }
  const ip = req.query['ipAddress'];
  const reported = ip === BAD_IP;
  return {
    json: {
      data: {
        ipAddress: ip,
        isPublic: true,
        ipVersion: 4,
        isWhitelisted: reported ? false : null,
        abuseConfidenceScore: reported ? 100 : 0,
        countryCode: reported ? 'CN' : null,
        usageType: 'Data Center/Web Hosting/Transit',
        isp: 'Tencent Cloud Computing (Beijing) Co. Ltd',
        domain: 'tencent.com',
        hostnames: [],
        isTor: false,
        totalReports: reported ? 1 : 0,
        numDistinctUsers: reported ? 1 : 0,
        lastReportedAt: reported ? '2018-12-20T20:55:14+00:00' : null,
      },
    },
  };
}

const ABUSEIPDB: Routes = { 'GET /api/v2/check': check };

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type Obj = { name: string; Attribute: Array<{ object_relation: string; value: string; type: string; Tag?: Array<{ name: string }> }>; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
function abuseObject(answer: Answer): Record<string, string> {
  const objects = (answer['results'] as { Object: Obj[] }).Object;
  assert.deepEqual(objects.map((o) => o.name), ['abuseipdb']);
  assert.deepEqual(objects[0]!.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['describes', UUID]]);
  const malicious = objects[0]!.Attribute.find((a) => a.object_relation === 'is-malicious');
  return {
    ...Object.fromEntries(objects[0]!.Attribute.map((a) => [a.object_relation, a.value])),
    tag: malicious?.Tag?.map((t) => t.name).join() ?? '',
  };
}

testModule({
  module: abuseipdb,
  vendors: { 'api.abuseipdb.com': ABUSEIPDB },
  dns: {
    'bad.example.com': { A: [BAD_IP, '198.51.100.7'] },
    'gone.example.com': { rcode: 'NXDOMAIN' },
  },
  config: { api_key: KEY, max_age_in_days: '90', abuse_threshold: '70' },
  rows: [
    {
      name: 'a reported address above the threshold: malicious, tagged so',
      query: attribute('ip-src', BAD_IP),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.target), [`/api/v2/check?ipAddress=${BAD_IP}&maxAgeInDays=90`]);
        assert.equal(requests[0]!.headers['accept'], 'application/json');
      },
      check: (answer) =>
        assert.deepEqual(abuseObject(answer), {
          'is-malicious': '1',
          'is-whitelisted': '0',
          'is-tor': '0',
          'is-public': '1',
          'abuse-confidence-score': '100',
          tag: 'ioc:artifact-state="malicious"',
        }),
    },
    {
      name: 'a clean address: not malicious; is-whitelisted left out when AbuseIPDB says null',
      query: attribute('ip-dst', CLEAN_IP),
      inputUuids: [UUID],
      check: (answer) =>
        assert.deepEqual(abuseObject(answer), { 'is-malicious': '0', 'is-tor': '0', 'is-public': '1', 'abuse-confidence-score': '0', tag: 'ioc:artifact-state="not-malicious"' }),
    },
    {
      name: 'the threshold decides: 100 is below a threshold of 101',
      query: attribute('ip-src', BAD_IP),
      config: { abuse_threshold: '101' },
      inputUuids: [UUID],
      check: (answer) => assert.equal(abuseObject(answer)['is-malicious'], '0'),
    },
    {
      name: 'a hostname is checked by its first A record',
      query: attribute('hostname', 'bad.example.com'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.query['ipAddress']), [BAD_IP]),
      check: (_answer, _requests, dnsQueries) => assert.deepEqual(dnsQueries.map((q) => [q.name, q.type]), [['bad.example.com', 'A']]),
    },
    {
      name: 'a domain|ip is checked by its IP, without DNS',
      query: attribute('domain|ip', `bad.example.com|${BAD_IP}`),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.query['ipAddress']), [BAD_IP]),
      check: (_answer, _requests, dnsQueries) => assert.equal(dnsQueries.length, 0),
    },
    { name: 'a name that does not exist: said, no request', query: attribute('domain', 'gone.example.com'), error: 'gone.example.com does not exist (NXDOMAIN).', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no key: upstream\'s exact message', query: attribute('ip-src', BAD_IP), config: null, error: 'AbuseIPDB API key is missing' },
    { name: 'an empty key is missing too', query: attribute('ip-src', BAD_IP), config: { api_key: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no max age: upstream\'s exact message', query: attribute('ip-src', BAD_IP), config: { max_age_in_days: null }, messageId: 'noMaxAge' },
    { name: 'an empty max age: upstream\'s message', query: attribute('ip-src', BAD_IP), config: { max_age_in_days: '' }, error: 'AbuseIPDB max age in days is missing' },
    { name: 'no threshold: upstream\'s exact message', query: attribute('ip-src', BAD_IP), config: { abuse_threshold: '' }, error: 'AbuseIPDB abuse threshold is missing' },
    { name: 'a threshold that is not a number', query: attribute('ip-src', BAD_IP), config: { abuse_threshold: 'high' }, messageId: 'notWholeNumber', data: { setting: 'abuse_threshold', value: 'high' } },
    {
      name: 'a max age AbuseIPDB refuses (422): its own words',
      query: attribute('ip-src', BAD_IP),
      config: { max_age_in_days: '400' },
      error: 'AbuseIPDB answered HTTP 422 Unprocessable Entity: The max age in days must be between 1 and 365.',
    },
    {
      name: 'a wrong key: AbuseIPDB\'s detail',
      query: attribute('ip-src', BAD_IP),
      config: { api_key: 'wrong' },
      error: 'AbuseIPDB refused the key (setting api_key, HTTP 401 Unauthorized): Authentication failed. Your API key is either missing, incorrect, or revoked. Note: The APIv2 key differs from the APIv1 key.',
    },
    { name: 'a 200 carrying errors: upstream\'s message', query: attribute('ip-src', BAD_IP), routes: { 'GET /api/v2/check': { json: { errors: [{ detail: 'odd', status: 200 }] } } }, messageId: 'vendorErrors' },
    { name: 'a type it does not take', query: attribute('url', 'https://example.com/'), error: /does not accept attributes of type 'url'/ },
    ...vendorFailureRows({ query: attribute('ip-src', BAD_IP), vendorMessage: 'Daily rate limit of 1000 requests exceeded for this endpoint. See headers for additional details.' }),
  ],
});
