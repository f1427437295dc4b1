/**
 * sophoslabs_intelix against a loopback SophosLabs Intelix: a real OAuth2
 * client-credentials exchange (`POST /oauth2/token`, Basic client id/secret,
 * form grant_type) issuing tokens the lookup endpoints then require in
 * `Authorization`, and lookups shaped like Intelix's documented answers
 * (`/lookup/files|ips|urls/v1/…`, 404 `{"error": "NOT_FOUND", …}`).
 *
 * Rows share the server, so the module's token cache carries from row to
 * row: the first row fetches a token, the next ones reuse it.
 */
import assert from 'node:assert/strict';
import sophos from '../../../src/modules/expansion/sophoslabs_intelix.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '6e1d2c3b-4a59-4f8e-9d7c-6b5a4f3e2d1c';
const CLIENT_ID = 'intelix-client';
const SECRET = 'intelix-secret';
const MALWARE = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const URL = 'http://malware.example.com/payload.exe?x=1';

let issued = 0;
const valid = new Set<string>();

function token(req: FakeRequest): FakeResponse {
  if (req.basicAuth?.username !== CLIENT_ID || req.basicAuth.password !== SECRET) {
    return { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed' } };
  }
  if (req.headers['content-type'] !== 'application/x-www-form-urlencoded' || new URLSearchParams(req.body).get('grant_type') !== 'client_credentials') {
    return { status: 400, json: { error: 'unsupported_grant_type' } };
  }
  issued += 1;
  const accessToken = `eyJhbGciOiJSUzI1NiJ9.intelix-${issued}`;
  valid.add(accessToken);
  return { json: { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 } };
}

const authorised = (answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  valid.has(String(req.headers.authorization))
    ? answer(req)
    : { status: 401, json: { correlationId: 'c-1', error: 'UNAUTHORIZED', message: 'Invalid or expired token' } };
const notFound: FakeResponse = { status: 404, json: { correlationId: 'c-2', requestId: 'r-2', error: 'NOT_FOUND', message: 'Item not found' } };

const LOOKUPS = {
  'GET /lookup/files/v1/:sha256': authorised((req) =>
    req.params['sha256'] === MALWARE ? { json: { correlationId: 'c-3', requestId: 'r-3', reputationScore: 9, detectionName: 'Troj/Agent-BCDE', ttl: 300 } } : notFound,
  ),
  'GET /lookup/ips/v1/:ip': authorised((req) => (req.params['ip'] === '192.0.2.10' ? { json: { correlationId: 'c-4', requestId: 'r-4', ip: '192.0.2.10', category: ['malware', 'botnet'], ttl: 300 } } : { json: { correlationId: 'c-5', ip: req.params['ip'], ttl: 300 } })),
  'GET /lookup/urls/v1/:url': authorised((req) =>
    req.params['url'] === URL ? { json: { correlationId: 'c-6', requestId: 'r-6', productivityCategory: 'PROD_SPYWARE_AND_MALWARE', riskLevel: 'HIGH', securityCategory: 'SEC_MALWARE', ttl: 300 } } : notFound,
  ),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });
type Obj = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string; to_ids: boolean }> };
const object = (answer: Answer): Obj => {
  const objects = (answer['results'] as { Object: Obj[] }).Object;
  assert.equal(objects.length, 1);
  return objects[0]!;
};
const relations = (o: Obj) => o.Attribute.map((a) => [a.object_relation, a.type, a.value]);

/** Lookups fail once with 401 (a token Intelix revoked), then answer as usual. */
function revokedOnce(): Routes {
  let refused = false;
  return {
    'GET /lookup/files/v1/:sha256': (req: FakeRequest) => {
      if (!refused) {
        refused = true;
        valid.clear();
      }
      return (LOOKUPS['GET /lookup/files/v1/:sha256'] as (r: FakeRequest) => FakeResponse)(req);
    },
  };
}

testModule({
  module: sophos,
  vendors: { 'api.labs.sophos.com': { 'POST /oauth2/token': token }, 'de.api.labs.sophos.com': LOOKUPS, 'us.api.labs.sophos.com': LOOKUPS },
  config: { client_id: CLIENT_ID, client_secret: SECRET, region: 'de' },
  rows: [
    {
      name: 'a known sha256: token, then the file lookup; a file object with the score, verdict and detection',
      query: attribute('sha256', MALWARE),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.path}`), ['api.labs.sophos.com POST /oauth2/token', `de.api.labs.sophos.com GET /lookup/files/v1/${MALWARE}`]);
        assert.equal(requests[1]!.headers.authorization, 'eyJhbGciOiJSUzI1NiJ9.intelix-1');
        assert.equal(requests[1]!.headers['user-agent'], 'misp-module');
      },
      check: (answer) =>
        assert.deepEqual(relations(object(answer)), [
          ['sha256', 'sha256', MALWARE],
          ['text', 'text', 'Reputation Score: 9'],
          ['text', 'text', 'Decision: This file is malicious'],
          ['text', 'text', 'Detection Name: Troj/Agent-BCDE'],
        ]),
    },
    {
      name: 'an IP: the cached token is reused; categories in a domain-ip object',
      query: attribute('ip-src', '192.0.2.10'),
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['GET /lookup/ips/v1/192.0.2.10']),
      check: (answer) => assert.deepEqual(relations(object(answer)), [['ip', 'ip-dst', '192.0.2.10'], ['text', 'text', 'IP Address Categorisation: malware, botnet']]),
    },
    {
      name: 'an IP without category (type ip, refused upstream) says so',
      query: attribute('ip', '198.51.100.7'),
      check: (answer) => assert.deepEqual(relations(object(answer)), [['ip', 'ip-dst', '198.51.100.7'], ['text', 'text', 'IP Address Categorisation: No category associated with IoC']]),
    },
    {
      name: 'a URL is quoted whole; region us is asked at us.api.labs.sophos.com',
      query: attribute('url', URL),
      config: { region: 'us' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.target}`), ['us.api.labs.sophos.com /lookup/urls/v1/http%3A%2F%2Fmalware.example.com%2Fpayload.exe%3Fx%3D1']),
      check: (answer) =>
        assert.deepEqual(relations(object(answer)), [
          ['url', 'url', URL],
          ['text', 'text', 'Productivity Category: PROD_SPYWARE_AND_MALWARE\nRisk Level: HIGH\nSecurity Category: SEC_MALWARE'],
        ]),
    },
    { name: 'an unknown region (or none) is de', query: attribute('url', URL), config: { region: 'mars' }, requests: (r) => assert.deepEqual(r.map((x) => x.vendor), ['de.api.labs.sophos.com']), check: (answer) => assert.equal(object(answer).name, 'url') },
    { name: 'no region setting at all (upstream crashes) is de', query: attribute('domain', 'unknown.example'), config: { region: null }, requests: (r) => assert.deepEqual(r.map((x) => x.vendor), ['de.api.labs.sophos.com']), results: {} },
    { name: 'a hash Intelix does not know (404): nothing invented', query: attribute('sha256', 'a'.repeat(64)), results: {} },
    {
      name: 'a token Intelix revoked is renewed once, then the lookup answers',
      query: attribute('sha256', MALWARE),
      routes: { 'de.api.labs.sophos.com': revokedOnce() },
      requests: (requests) => {
        // Recorded per fake: the token endpoint's, then the lookups'.
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /oauth2/token', `GET /lookup/files/v1/${MALWARE}`, `GET /lookup/files/v1/${MALWARE}`]);
        const [, refused, renewed] = requests;
        assert.notEqual(refused!.headers.authorization, renewed!.headers.authorization);
        assert.ok(valid.has(String(renewed!.headers.authorization)));
      },
      check: (answer) => assert.equal(relations(object(answer))[1]![2], 'Reputation Score: 9'),
    },
    {
      name: 'a wrong secret: the token endpoint refuses it',
      query: attribute('sha256', MALWARE),
      config: { client_secret: 'wrong' },
      error: /SophosLabs Intelix refused the key \(setting client_id\/client_secret, HTTP 401.*\): Client authentication failed\./,
    },
    {
      name: 'a token answer without access_token is said',
      query: attribute('sha256', MALWARE),
      config: { client_id: 'other-client' },
      routes: { 'api.labs.sophos.com': { 'POST /oauth2/token': { json: { token_type: 'Bearer' } } } },
      messageId: 'noToken',
    },
    {
      name: 'no client_secret: upstream message',
      query: attribute('sha256', MALWARE),
      config: { client_secret: null },
      error: "Missing client_id or client_secret value for SOPHOSLabs Intelix. It's free to sign up here https://aws.amazon.com/marketplace/pp/B07SLZPMCS.",
    },
    { name: 'a type it does not take', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), error: /does not accept attributes of type 'md5'/ },
    { name: 'no attribute', query: { sha256: MALWARE }, error: /requires an "attribute" field/ },
    ...vendorFailureRows({ query: attribute('sha256', MALWARE), host: 'de.api.labs.sophos.com', route: 'GET /lookup/files/v1/:sha256', vendorMessage: 'Service unavailable' }).map((row) =>
      row.name.includes('malformed') ? { ...row, error: 'SophosLabs Intelix answered with invalid JSON (HTTP 200).' } : row,
    ),
  ],
});
