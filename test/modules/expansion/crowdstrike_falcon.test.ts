/**
 * crowdstrike_falcon against a loopback CrowdStrike API: the OAuth2 client
 * credentials grant (`POST /oauth2/token`, form client_id/client_secret,
 * 201 with an access token; 403 "Failed to issue access token - Not
 * Authorized" otherwise) and `GET /intel/combined/indicators/v1?q=`, which
 * checks the bearer token (401 "access denied, invalid bearer token"), with
 * bodies shaped like CrowdStrike's documented `{meta, errors, resources}`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import crowdstrike_falcon, { pythonUtcIso } from '../../../src/modules/expansion/crowdstrike_falcon.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const CLIENT_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const CLIENT_SECRET = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa987';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.fake-falcon-token';
const SHA256 = '4f7a3b5c9e1d2f0a8b6c4d2e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a';

const meta = (total: number) => ({
  query_time: 0.041,
  pagination: { offset: 0, limit: 10, total },
  powered_by: 'msa-api',
  trace_id: '7f1c2a3b-9d8e-4f6a-b5c4-d3e2f1a0b9c8',
});

/** An indicator entity as the Intel API documents it. */
const INDICATOR = {
  id: `hash_sha256_${SHA256}`,
  indicator: SHA256,
  type: 'hash_sha256',
  deleted: false,
  published_date: 1600000000,
  last_updated: 1600086400,
  reports: ['CSIT-20123'],
  actors: ['FANCYBEAR'],
  malware_families: ['X-Agent', 'Sofacy'],
  kill_chains: ['C2', 'Installation'],
  ip_address_types: [],
  domain_types: [],
  malicious_confidence: 'high',
  _marker: '1600086400a1b2c3d4',
  labels: [
    { name: 'MaliciousConfidence/High', created_on: 1600000000, last_valid_on: 1600086400 },
    { name: 'ThreatType/Targeted' },
  ],
  relations: [
    { id: 'domain_update-check.example', indicator: 'update-check.example', type: 'domain', created_date: 1600000000, last_valid_date: 1600086400 },
    { id: 'ip_address_203.0.113.77', indicator: '203.0.113.77', type: 'ip_address', created_date: 1600000000, last_valid_date: 1600086400 },
    { id: 'hash_md5_0123456789abcdef0123456789abcdef', indicator: '0123456789abcdef0123456789abcdef', type: 'hash_md5', created_date: 1600000000, last_valid_date: 1600086400 },
    { id: 'campaign_x', indicator: 'Operation X', type: 'campaign_id', created_date: 1600000000, last_valid_date: 1600086400 },
  ],
  targets: ['Government'],
  threat_types: ['Targeted'],
  vulnerabilities: [],
};

const INDICATORS: Record<string, unknown[]> = { [SHA256]: [INDICATOR] };

const token = (req: FakeRequest): FakeResponse => {
  const form = new URLSearchParams(req.body);
  if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return { status: 400, json: { meta: meta(0), errors: [{ code: 400, message: 'invalid content type' }] } };
  if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) {
    return { status: 403, json: { meta: meta(0), errors: [{ code: 403, message: 'Failed to issue access token - Not Authorized' }] } };
  }
  return { status: 201, json: { access_token: TOKEN, token_type: 'bearer', expires_in: 1799 } };
};

const indicators = (req: FakeRequest): FakeResponse => {
  if (req.headers['authorization'] !== `Bearer ${TOKEN}`) return { status: 401, json: { meta: meta(0), errors: [{ code: 401, message: 'access denied, invalid bearer token' }] } };
  const found = INDICATORS[req.query['q'] ?? ''] ?? [];
  return { json: { meta: meta(found.length), errors: [], resources: found } };
};

const FALCON = {
  'POST /oauth2/token': token,
  'GET /intel/combined/indicators/v1': indicators,
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Payload delivery' } });

type ResultAttribute = { type: string; value: string; category: string; to_ids: boolean; uuid: string };
const attributes = (answer: Answer) => ((answer['results'] as { Attribute: ResultAttribute[] }).Attribute ?? []);

test('pythonUtcIso is datetime.utcfromtimestamp(ts).isoformat() + "Z"', () => {
  assert.equal(pythonUtcIso(1600000000), '2020-09-13T12:26:40Z');
  assert.equal(pythonUtcIso(1600000000.25), '2020-09-13T12:26:40.250000Z');
  assert.equal(pythonUtcIso(0.000001), '1970-01-01T00:00:00.000001Z');
});

testModule({
  module: crowdstrike_falcon,
  vendors: { 'api.crowdstrike.com': FALCON },
  config: { api_id: CLIENT_ID, apikey: CLIENT_SECRET },
  rows: [
    {
      name: 'a known sha256: token, then the indicator search; related indicators, actor, families, labels…',
      query: attribute('sha256', SHA256),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), ['POST /oauth2/token', `GET /intel/combined/indicators/v1?q=${SHA256}`]);
        assert.deepEqual(Object.fromEntries(new URLSearchParams(requests[0]!.body)), { client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
      },
      check: (answer) => {
        assert.deepEqual(
          attributes(answer).map((a) => [a.type, a.category, a.value, a.to_ids]),
          [
            ['sha256', 'Payload delivery', SHA256, true],
            ['hostname', 'Network activity', 'update-check.example', true],
            ['ip-dst', 'Network activity', '203.0.113.77', true],
            ['md5', 'Payload delivery', '0123456789abcdef0123456789abcdef', true],
            ['threat-actor', 'Attribution', 'FANCYBEAR', false],
            ['text', 'Attribution', 'malware_families: X-Agent | Sofacy', false],
            ['text', 'Other', 'Malicious_Confidence: high', false],
            ['text', 'Other', 'Label: MaliciousConfidence/High (created_on: 2020-09-13T12:26:40Z, last_valid_on: 2020-09-14T12:26:40Z)', false],
            ['text', 'Other', 'Label: ThreatType/Targeted', false],
            ['text', 'Other', 'Report: CSIT-20123', false],
            ['text', 'Other', 'Threat_Type: Targeted', false],
            // PyMISP and our builder both write a datetime value with its offset.
            ['datetime', 'Other', '2020-09-14T12:26:40+00:00', false],
          ],
        );
        assert.equal(attributes(answer)[0]!.uuid, UUID);
      },
    },
    {
      name: "upstream's 'ip' input type is asked as is; IP address types become text",
      query: attribute('ip', '198.51.100.4'),
      routes: {
        'GET /intel/combined/indicators/v1': (req: FakeRequest) =>
          req.headers['authorization'] === `Bearer ${TOKEN}` && req.query['q'] === '198.51.100.4'
            ? { json: { meta: meta(1), errors: [], resources: [{ indicator: '198.51.100.4', type: 'ip_address', ip_address_types: ['TorProxy'], relations: [], actors: [], labels: [] }] } }
            : { status: 401, json: { errors: [{ code: 401, message: 'access denied, invalid bearer token' }] } },
      },
      check: (answer) => assert.deepEqual(attributes(answer).map((a) => [a.type, a.value]), [['text', 'IP_Type: TorProxy']]),
    },
    {
      name: 'an unknown indicator: only the input attribute comes back (upstream), nothing invented',
      query: attribute('domain', 'nothing.example'),
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(attributes(answer).map((a) => [a.uuid, a.type, a.value]), [[UUID, 'domain', 'nothing.example']]),
    },
    {
      name: 'an indicator without relations, actors or labels (upstream crashed)',
      query: attribute('md5', '0123456789abcdef0123456789abcdef'),
      routes: { 'GET /intel/combined/indicators/v1': () => ({ json: { meta: meta(1), errors: [], resources: [{ indicator: '0123456789abcdef0123456789abcdef', type: 'hash_md5', malicious_confidence: 'low' }] } }) },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(attributes(answer).map((a) => a.value).slice(1), ['Malicious_Confidence: low']),
    },
    { name: 'no apikey: upstream\'s exact message', query: attribute('sha256', SHA256), config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no api_id: upstream\'s exact message', query: attribute('sha256', SHA256), config: { api_id: '' }, messageId: 'noId' },
    { name: 'no config (upstream test: empty value and uuid): the key message first', query: { attribute: { type: 'sha256', value: '', uuid: '' } }, config: null, error: 'CrowdStrike apikey is missing' },
    {
      name: 'a wrong secret: the token grant is refused, CrowdStrike\'s message carried',
      query: attribute('sha256', SHA256),
      config: { apikey: 'wrong' },
      error: 'CrowdStrike Falcon refused the key (settings api_id/apikey, HTTP 403 Forbidden): Failed to issue access token - Not Authorized.',
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/oauth2/token']),
    },
    {
      name: 'a token the indicators API refuses (401)',
      query: attribute('sha256', SHA256),
      routes: { 'POST /oauth2/token': { status: 201, json: { access_token: 'revoked', token_type: 'bearer', expires_in: 1799 } } },
      error: 'CrowdStrike Falcon refused the key (settings api_id/apikey, HTTP 401 Unauthorized): access denied, invalid bearer token.',
    },
    {
      name: 'a token answer without access_token',
      query: attribute('sha256', SHA256),
      routes: { 'POST /oauth2/token': { status: 201, json: { token_type: 'bearer' } } },
      messageId: 'noToken',
      data: { status: '201 Created' },
    },
    {
      name: 'errors in a 200 body are reported (upstream crashed joining objects)',
      query: attribute('sha256', SHA256),
      routes: { 'GET /intel/combined/indicators/v1': { json: { meta: meta(0), errors: [{ code: 400, message: "Invalid query: unexpected ':'" }], resources: [] } } },
      error: "CrowdStrike Falcon API Error: 400 Invalid query: unexpected ':'",
    },
    {
      name: 'a 500 on the indicators search',
      query: attribute('sha256', SHA256),
      routes: { 'GET /intel/combined/indicators/v1': { status: 500, json: { meta: meta(0), errors: [{ code: 500, message: 'internal error' }] } } },
      error: 'CrowdStrike Falcon answered HTTP 500 Internal Server Error: internal error.',
    },
    ...vendorFailureRows({ query: attribute('sha256', SHA256), vendorMessage: 'Too many requests' }),
  ],
});
