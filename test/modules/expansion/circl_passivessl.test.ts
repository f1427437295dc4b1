/**
 * circl_passivessl against a loopback CIRCL Passive SSL (the v2pssl API that
 * pypssl calls), behind HTTP Basic auth: `GET /v2pssl/query/{ip}` answers
 * `{ "<ip>": { "certificates": [sha1…], "subjects": { sha1: { "values": […] } } } }`,
 * `GET /v2pssl/cfetch/{sha1}` the certificate (`info`, `pem`, `icsi`).
 */
import assert from 'node:assert/strict';
import circl_passivessl from '../../../src/modules/expansion/circl_passivessl.js';
import { withBasicAuth, type FakeRequest, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '0f8a3c2e-51b7-4e0d-a3f9-6c1b2d4e5f70';
const CONFIG = { username: 'analyst', password: 'pssl-secret' };
const IP = '185.194.93.14';
const CERT_A = 'c46fed822dadac3f31f9bb4d1a78a1d9eae4567b';
const CERT_B = '0f4a9b11d15df0f7e3c2e6c7b8a9d0e1f2a3b4c5';
const PEM_A = '-----BEGIN CERTIFICATE-----\nMIIFHTCCBAWgAwIBAgISA0nlfT2o4kqAl1g6RA6CL1LMMA0GCSqGSIb3DQEBCwUA\n-----END CERTIFICATE-----\n';

const QUERY_ANSWER = {
  [IP]: {
    certificates: [CERT_A, CERT_B],
    subjects: { [CERT_A]: { values: ['CN=www.circl.lu'] }, [CERT_B]: { values: ['CN=circl.lu'] } },
  },
};

const CERTIFICATES: Record<string, unknown> = {
  [CERT_A]: {
    query: CERT_A,
    info: {
      subject: 'CN=www.circl.lu',
      issuer: 'C=US, O=Let\'s Encrypt, CN=R3',
      keylength: 4096,
      not_before: 1693526400,
      not_after: 1701302399,
      fingerprint: CERT_A,
      extension: { subjectAltName: 'DNS:www.circl.lu, DNS:circl.lu' },
    },
    icsi: { validated: 'true', times_seen: 5, first_seen: 1693612800, last_seen: 1699660800 },
    pem: PEM_A,
  },
};

const denied = { status: 401, headers: { 'content-type': 'text/plain' }, body: 'Unauthorized' };
const PSSL = {
  'GET /v2pssl/query/:ip': withBasicAuth(CONFIG.username, CONFIG.password, (req: FakeRequest) => ({ json: req.params['ip'] === IP ? QUERY_ANSWER : {} }), denied),
  'GET /v2pssl/cfetch/:sha1': withBasicAuth(
    CONFIG.username,
    CONFIG.password,
    (req: FakeRequest) => (CERTIFICATES[req.params['sha1']!] ? { json: CERTIFICATES[req.params['sha1']!] } : { status: 404, json: { error: 'Certificate not found' } }),
    denied,
  ),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type ResultObject = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
const objects = (answer: Answer) => (answer['results'] as { Object: ResultObject[] }).Object;
const relations = (object: ResultObject) => object.Attribute.map((a) => [a.object_relation, a.type, a.value]);

testModule({
  module: circl_passivessl,
  vendors: { 'www.circl.lu': PSSL },
  config: CONFIG,
  rows: [
    {
      name: 'an IP gives one x509 object per certificate seen, seen-by the input',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`).sort(), [`GET /v2pssl/cfetch/${CERT_A}`, `GET /v2pssl/cfetch/${CERT_B}`, `GET /v2pssl/query/${IP}`].sort());
        for (const request of requests) assert.equal(request.headers.authorization, `Basic ${Buffer.from('analyst:pssl-secret').toString('base64')}`);
      },
      check: (answer) => {
        const [first, second] = objects(answer);
        assert.deepEqual(relations(first!), [
          ['x509-fingerprint-sha1', 'x509-fingerprint-sha1', CERT_A],
          ['issuer', 'text', 'C=US, O=Let\'s Encrypt, CN=R3'],
          ['pubkey-info-size', 'text', '4096'],
          ['validity-not-after', 'datetime', '2023-11-29T23:59:59+00:00'],
          ['validity-not-before', 'datetime', '2023-09-01T00:00:00+00:00'],
          ['subject', 'text', 'CN=www.circl.lu'],
          ['pem', 'text', PEM_A.trim()],
        ]);
        // CIRCL no longer has the second certificate (404): its fingerprint stays.
        assert.deepEqual(relations(second!), [['x509-fingerprint-sha1', 'x509-fingerprint-sha1', CERT_B]]);
        for (const object of [first!, second!]) assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['seen-by', UUID]]);
        assert.deepEqual((answer['results'] as { Attribute: Array<{ uuid: string }> }).Attribute.map((a) => a.uuid), [UUID]);
      },
    },
    {
      name: 'an ip-src|port is asked without its port, and its certificates point to it',
      query: attribute('ip-src|port', `${IP}|443`),
      inputUuids: [UUID],
      requests: (requests) => assert.ok(requests.some((r) => r.path === `/v2pssl/query/${IP}`)),
      check: (answer) => {
        assert.equal(objects(answer).length, 2);
        assert.deepEqual((answer['results'] as { Attribute: unknown[] }).Attribute.length, 1);
        for (const object of objects(answer)) assert.equal(object.ObjectReference[0]!.referenced_uuid, UUID);
      },
    },
    {
      name: 'an answer listing another address of the network adds it as an ip attribute the certificate is seen by',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      routes: { 'GET /v2pssl/query/:ip': { json: { '185.194.93.15': { certificates: [CERT_A], subjects: {} } } } },
      check: (answer) => {
        const attributes = (answer['results'] as { Attribute: Array<{ uuid: string; type: string; value: string }> }).Attribute;
        assert.deepEqual(attributes.map((a) => [a.type, a.value]), [['ip-dst', IP], ['ip-dst', '185.194.93.15']]);
        assert.equal(objects(answer)[0]!.ObjectReference[0]!.referenced_uuid, attributes[1]!.uuid);
      },
    },
    { name: 'nothing known (`{}`) is "Not found", nothing invented', query: attribute('ip-dst', '192.0.2.1'), messageId: 'notFound', requests: (r) => assert.equal(r.length, 1) },
    { name: 'an address without certificates is "Not found"', query: attribute('ip-dst', IP), routes: { 'GET /v2pssl/query/:ip': { json: { [IP]: { certificates: [], subjects: {} } } } }, messageId: 'notFound' },
    { name: 'the service\'s own error is carried', query: attribute('ip-dst', '300.1.1.1'), routes: { 'GET /v2pssl/query/:ip': { json: { error: 'Invalid IP address.' } } }, error: 'CIRCL Passive SSL: Invalid IP address.' },
    { name: 'no config at all: upstream\'s exact message', query: attribute('ip-dst', IP), config: null, error: 'CIRCL Passive SSL authentication is missing.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty username: "incomplete"', query: attribute('ip-dst', IP), config: { username: '' }, messageId: 'incomplete', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong password: CIRCL refuses it (401), named', query: attribute('ip-dst', IP), config: { password: 'wrong' }, error: 'CIRCL Passive SSL refused the key (setting username/password, HTTP 401 Unauthorized).' },
    {
      name: 'a certificate fetch that fails (500) fails the query, named',
      query: attribute('ip-dst', IP),
      routes: { 'GET /v2pssl/cfetch/:sha1': { status: 500, json: { error: 'backend down' } } },
      error: 'CIRCL Passive SSL answered HTTP 500 Internal Server Error: backend down.',
    },
    { name: 'incomplete credentials are reported before the attribute (here without uuid) is checked, as upstream', query: { attribute: { type: 'ip-dst', value: '185.194.93.14' } }, config: { password: '' }, messageId: 'incomplete' },
    { name: 'a value of ".." (another API path) is not sent: "Not found"', query: attribute('ip-dst', '..'), messageId: 'notFound', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a type it does not take is refused before any request', query: attribute('hostname', 'www.circl.lu'), error: /does not accept attributes of type 'hostname'/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute('ip-dst', IP), route: 'GET /v2pssl/query/:ip', vendorMessage: 'Quota exhausted' }),
  ],
});
