/**
 * cluster25_expand against a loopback Cluster25 CTI API at the admin's
 * base_url: `POST /api/v1/token` checks the client id and secret and answers
 * `{"data": {"token": …}}`; `GET /api/v1/investigate?indicator=…` checks the
 * bearer token and answers `{"data": {…}}` shaped like Cluster25's
 * investigate answer (indicator, score, stats, contexts, related indicators),
 * trimmed.
 */
import assert from 'node:assert/strict';
import cluster25_expand from '../../../src/modules/expansion/cluster25_expand.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const ID = 'c25-client-id';
const SECRET = 'c25-client-secret';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c25.token';
const UUID = '3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a';
const IP = '185.141.63.120';

const INVESTIGATION = {
  indicator: IP,
  indicator_type: 'ipv4',
  score: 85,
  whitelisted: false,
  first_seen: '2023-02-11T10:00:00Z',
  last_seen: '2024-04-02T08:00:00Z',
  tags: ['apt', 'c2'],
  stats: { harmless: 0, malicious: 12 },
  context: {
    attacker_activities: [{ activity: 'scan', tactics: [{ name: 'Reconnaissance', techniques: [{ name: 'T1595', id: 1 }, { name: 'T1046', id: 2 }] }] }],
    geo: { country: 'RU', city: 'Moscow' },
    asn: 12345,
  },
  related_indicators: [{ indicator: 'evil.example', type: 'domain', score: 70 }, 'raw-string'],
};

const C25 = {
  'POST /api/v1/token': (req: FakeRequest): FakeResponse => {
    const body = req.json<{ client_id?: string; client_secret?: string }>();
    if (body.client_id !== ID || body.client_secret !== SECRET) return { status: 401, json: { message: 'Invalid client credentials' } };
    return { json: { data: { token: TOKEN, expires_in: 3600 } } };
  },
  'GET /api/v1/investigate': (req: FakeRequest): FakeResponse => {
    if (req.headers['authorization'] !== `Bearer ${TOKEN}`) return { status: 401, json: { message: 'Token expired' } };
    if (req.query['indicator'] === IP) return { json: { data: INVESTIGATION } };
    return { status: 404, json: { message: 'Indicator not found' } };
  },
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });
const texts = (answer: Answer) =>
  (answer['results'] as { Attribute: Array<{ type: string; value: string; comment?: string; uuid: string }> }).Attribute.filter((a) => a.uuid !== UUID).map((a) => `${a.comment} = ${a.value}`);

testModule({
  module: cluster25_expand,
  vendors: { 'api.intelligence.cluster25.io': C25 },
  config: { api_id: ID, apikey: SECRET, base_url: 'https://api.intelligence.cluster25.io/api/v1/' },
  rows: [
    {
      name: 'a known indicator: upstream\'s c25 values, generic info first, each a text attribute naming its group',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), ['POST /api/v1/token', `GET /api/v1/investigate?indicator=${IP}`]);
        assert.deepEqual(JSON.parse(requests[0]!.body), { client_id: ID, client_secret: SECRET });
      },
      check: (answer) => {
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string; value: string }> }).Attribute[0]!;
        assert.deepEqual([echoed.uuid, echoed.value], [UUID, IP]);
        assert.deepEqual(texts(answer), [
          `c25_generic_info: indicator = ${IP}`,
          'c25_generic_info: indicator_type = ipv4',
          'c25_generic_info: score = 85',
          'c25_generic_info: first_seen = 2023-02-11T10:00:00Z',
          'c25_generic_info: last_seen = 2024-04-02T08:00:00Z',
          'c25_generic_info: tags_1 = apt',
          'c25_generic_info: tags_2 = c2',
          'c25_generic_info: related_indicators_2 = raw-string',
          'c25_stats: harmless = 0',
          'c25_stats: malicious = 12',
          'c25_context_tactics_1: name = Reconnaissance',
          'c25_context_tactics_1: techniques_1 = T1595',
          'c25_context_tactics_1: techniques_2 = T1046',
          'c25_context_attacker_activities_1: activity = scan',
          'c25_context: context_geo_country = RU',
          'c25_context: context_geo_city = Moscow',
          'c25_context: asn = 12345',
          'c25_related_indicators_1: indicator = evil.example',
          'c25_related_indicators_1: type = domain',
          'c25_related_indicators_1: score = 70',
        ]);
      },
    },
    {
      name: 'nested lists of non-strings are flattened (upstream recurses forever)',
      query: attribute('domain', IP),
      inputUuids: [UUID],
      routes: { 'GET /api/v1/investigate': { json: { data: { malware: [{ name: 'x', samples: [[1, 2], { sha: 'ab' }] }] } } } },
      check: (answer) => assert.deepEqual(texts(answer), ['c25_malware_1: name = x', 'c25_malware_1: samples = 1, 2, sha: ab']),
    },
    {
      name: 'an unknown indicator: upstream\'s message with the status and what Cluster25 said',
      query: attribute('domain', 'unknown.example'),
      error: "Unable to retrieve investigate result for indicator 'unknown.example' from C25 platform, status 404: Indicator not found",
    },
    {
      name: 'wrong credentials: the token request fails, nothing else is asked',
      query: attribute('ip-src', IP),
      config: { apikey: 'wrong' },
      error: 'Unable to retrieve the token from C25 platform, status 401: Invalid client credentials',
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/v1/token']),
    },
    { name: 'a token answer without a token', query: attribute('ip-src', IP), routes: { 'POST /api/v1/token': { json: { data: {} } } }, messageId: 'noToken' },
    { name: 'no apikey: upstream message', query: attribute('ip-src', IP), config: { apikey: '' }, error: 'Cluster25 apikey is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no api_id: upstream message', query: attribute('ip-src', IP), config: { api_id: null }, error: 'Cluster25 api_id is missing' },
    { name: 'no base_url: upstream message', query: attribute('ip-src', IP), config: { base_url: '' }, error: 'Cluster25 base_url is missing' },
    { name: 'no config at all (upstream crashes): the apikey message', query: attribute('ip-src', IP), config: null, error: 'Cluster25 apikey is missing' },
    { name: 'a type it does not take', query: attribute('ip-dst|port', `${IP}|443`), error: /does not accept attributes of type 'ip-dst\|port'/ },
    { name: 'no attribute', query: { 'ip-src': IP }, error: /requires an "attribute" field/ },
    ...vendorFailureRows({
      query: attribute('ip-dst', IP),
      route: 'GET /api/v1/investigate',
      vendorMessage: 'Backend unavailable',
      expect: {
        unauthorized: `Unable to retrieve investigate result for indicator '${IP}' from C25 platform, status 401: Backend unavailable`,
        rateLimited: `Unable to retrieve investigate result for indicator '${IP}' from C25 platform, status 429: Backend unavailable`,
        serverError: `Unable to retrieve investigate result for indicator '${IP}' from C25 platform, status 500: Backend unavailable`,
        malformed: 'Cluster25 answered with invalid JSON (HTTP 200).',
      },
    }),
  ],
});
