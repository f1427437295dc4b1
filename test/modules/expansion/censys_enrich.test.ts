/**
 * censys_enrich against a loopback Censys Search API at the paths
 * censys-python 2.0.9 calls: v2 `GET /api/v2/hosts/{ip}` and
 * `GET /api/v2/hosts/search?q=&per_page=5`, v1 `GET /api/v1/view/certificates/{sha256}`,
 * HTTP Basic api_id:api_secret checked (401 `{"code": 401, "status":
 * "Unauthorized", "error": …}` otherwise), bodies as Censys documents them (trimmed).
 */
import assert from 'node:assert/strict';
import censys from '../../../src/modules/expansion/censys_enrich.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const API_ID = 'a1b2c3d4-e5f6-4789-a0b1-c2d3e4f5a6b7';
const SECRET = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0F';
const UUID = '4d5e6f70-8192-43a4-b5c6-d7e8f90a1b2c';
const IP = '8.8.8.8';
const OTHER_IP = '8.8.4.4';
const CERT_SHA256 = 'c3b9f1e0d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1';
const MODULUS = Buffer.from('00c0ffee', 'hex').toString('base64');

const host = (ip: string) => ({
  ip,
  services: [
    { _decoded: 'dns', extended_service_name: 'DNS', port: 53, service_name: 'DNS', transport_protocol: 'UDP', dns: { server_type: 'FORWARDING' } },
    { _decoded: 'http', extended_service_name: 'HTTPS', port: 443, service_name: 'HTTP', transport_protocol: 'TCP', certificate: CERT_SHA256, tls: { version_selected: 'TLSv1_3' } },
  ],
  location: {
    continent: 'North America',
    country: 'United States',
    country_code: 'US',
    city: 'Mountain View',
    postal_code: '94043',
    timezone: 'America/Los_Angeles',
    province: 'California',
    coordinates: { latitude: 37.4056, longitude: -122.0775 },
    registered_country: 'United States',
    registered_country_code: 'US',
  },
  location_updated_at: '2023-11-01T10:00:00.000Z',
  autonomous_system: { asn: 15169, description: 'GOOGLE', bgp_prefix: `${ip.split('.').slice(0, 3).join('.')}.0/24`, name: 'GOOGLE', country_code: 'US' },
  autonomous_system_updated_at: '2023-11-01T10:00:00.000Z',
  dns: { names: ['dns.google'] },
  last_updated_at: '2023-11-02T10:00:00.000Z',
});

/** A v1 certificate document. */
const CERTIFICATE = {
  raw: 'MIIFljCCBH6gAwIBAgIQ',
  parsed: {
    fingerprint_sha256: CERT_SHA256,
    fingerprint_sha1: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c',
    fingerprint_md5: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    serial_number: '143266978916655856878034712317230054538369994',
    version: 3,
    subject_dn: 'CN=dns.google',
    issuer_dn: 'C=US, O=Google Trust Services LLC, CN=GTS CA 1C3',
    validity: { start: '2023-10-16T08:19:36Z', end: '2024-01-08T08:19:35Z', length: 7257599 },
    signature: { self_signed: false, signature_algorithm: { name: 'SHA256-RSA', oid: '1.2.840.113549.1.1.11' }, valid: true, value: 'AAAA' },
    subject_key_info: { key_algorithm: { name: 'RSA' }, rsa_public_key: { exponent: 65537, length: 2048, modulus: MODULUS }, fingerprint_sha256: 'ffff' },
    extensions: { subject_alt_name: { dns_names: ['dns.google', 'dns.google.com'], ip_addresses: [IP] } },
    names: ['dns.google', 'dns.google.com'],
  },
  metadata: { added_at: '2023-10-16 09:19:40', source: 'scan', parse_status: 'success' },
  tags: ['ct', 'trusted'],
};

const unauthorized: FakeResponse = { status: 401, json: { code: 401, status: 'Unauthorized', error: 'You must authenticate with a valid API ID and secret.' } };
const authorized = (req: FakeRequest) => req.basicAuth?.username === API_ID && req.basicAuth.password === SECRET;

const CENSYS: Routes = {
  'GET /api/v2/hosts/search': (req) => {
    if (!authorized(req)) return unauthorized;
    const hits = req.query['q'] === 'dns.google' ? [host(IP), host(OTHER_IP)] : [];
    return { json: { code: 200, status: 'OK', result: { query: req.query['q'], total: hits.length, duration: 120, hits, links: { prev: '', next: hits.length ? 'eyJhbGciOiJFZERTQSJ9' : '' } } } };
  },
  'GET /api/v2/hosts/:ip': (req) => {
    if (!authorized(req)) return unauthorized;
    if (req.params['ip'] === IP) return { json: { code: 200, status: 'OK', result: host(IP) } };
    return { status: 404, json: { code: 404, status: 'Not Found', error: `Host ${req.params['ip']} not found.` } };
  },
  'GET /api/v1/view/certificates/:sha256': (req) => {
    if (!authorized(req)) return unauthorized;
    if (req.params['sha256'] === CERT_SHA256) return { json: CERTIFICATE };
    return { status: 404, json: { status: 'error', error_type: 'not_found', error: "We don't know anything about the requested certificate." } };
  },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type Obj = { name: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
const objects = (answer: Answer) => (answer['results'] as { Object: Obj[] }).Object;
const values = (object: Obj | undefined) => object?.Attribute.map((a) => [a.object_relation, a.value]);

testModule({
  module: censys,
  vendors: { 'search.censys.io': CENSYS },
  config: { api_id: API_ID, api_secret: SECRET },
  rows: [
    {
      name: 'an IP: asn, ip-port, the HTTPS certificate (v1) and the location',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`GET /api/v2/hosts/${IP}`, `GET /api/v1/view/certificates/${CERT_SHA256}`]),
      check: (answer) => {
        const found = objects(answer);
        assert.deepEqual(found.map((o) => o.name), ['asn', 'ip-port', 'x509', 'geolocation']);
        assert.ok(found.every((o) => o.ObjectReference.length === 1 && o.ObjectReference[0]!.relationship_type === 'associated-to' && o.ObjectReference[0]!.referenced_uuid === UUID));
        assert.deepEqual(values(found[0]), [['asn', '15169'], ['description', 'GOOGLE'], ['subnet-announced', '8.8.8.0/24'], ['country', 'US']]);
        assert.deepEqual(values(found[1]), [['ip', IP], ['dst-port', '53'], ['dst-port', '443']]);
        assert.deepEqual(values(found[2]), [
          ['x509-fingerprint-sha256', CERT_SHA256],
          ['x509-fingerprint-sha1', CERTIFICATE.parsed.fingerprint_sha1],
          ['x509-fingerprint-md5', CERTIFICATE.parsed.fingerprint_md5],
          ['serial-number', CERTIFICATE.parsed.serial_number],
          ['version', '3'],
          ['subject', 'CN=dns.google'],
          ['issuer', 'C=US, O=Google Trust Services LLC, CN=GTS CA 1C3'],
          ['validity-not-before', '2023-10-16T08:19:36+00:00'],
          ['validity-not-after', '2024-01-08T08:19:35+00:00'],
          ['self_signed', '0'],
          ['signature_algorithm', 'SHA256-RSA'],
          ['pubkey-info-algorithm', 'RSA'],
          ['pubkey-info-size', '2048'],
          ['pubkey-info-exponent', '65537'],
          ['pubkey-info-modulus', '00c0ffee'],
          ['dns_names', 'dns.google'],
          ['dns_names', 'dns.google.com'],
          ['ip', IP],
          ['raw-base64', CERTIFICATE.raw],
        ]);
        assert.deepEqual(values(found[3]), [['latitude', '37.4056'], ['longitude', '-122.0775'], ['city', 'Mountain View'], ['country', 'United States'], ['zipcode', '94043'], ['region', 'California']]);
      },
    },
    {
      name: 'a hostname: one search page of 5, each host once, shared objects not repeated, the certificate fetched once',
      query: attribute('hostname', 'dns.google'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), ['/api/v2/hosts/search?q=dns.google&per_page=5', `/api/v1/view/certificates/${CERT_SHA256}`]),
      check: (answer) => {
        const found = objects(answer);
        // Same ASN, same certificate, same latitude: once; two ip-port objects.
        assert.deepEqual(found.map((o) => o.name), ['asn', 'ip-port', 'x509', 'geolocation', 'ip-port']);
        assert.deepEqual(values(found[4])?.[0], ['ip', OTHER_IP]);
      },
    },
    {
      name: 'a domain|ip: the domain searched and the IP viewed',
      query: attribute('domain|ip', `dns.google|${IP}`),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/v2/hosts/search', `/api/v1/view/certificates/${CERT_SHA256}`, `/api/v2/hosts/${IP}`]),
    },
    {
      name: 'an ip-src|port: the IP only',
      query: attribute('ip-src|port', `${IP}|443`),
      inputUuids: [UUID],
      requests: (requests) => assert.equal(requests[0]!.path, `/api/v2/hosts/${IP}`),
    },
    {
      name: 'a certificate fingerprint: the v1 certificate view',
      query: attribute('x509-fingerprint-sha256', CERT_SHA256),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), [`/api/v1/view/certificates/${CERT_SHA256}`]),
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['x509']),
    },
    {
      name: 'a host without services (upstream crashed): asn and location only',
      query: attribute('ip-dst', IP),
      routes: { 'GET /api/v2/hosts/:ip': { json: { code: 200, status: 'OK', result: { ...host(IP), services: null } } } },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['asn', 'geolocation']),
    },
    { name: 'an unknown IP (404): upstream\'s "nothing found"', query: attribute('ip-dst', '192.0.2.9'), messageId: 'nothingFound' },
    { name: 'a search with no hit: upstream\'s "nothing found"', query: attribute('domain', 'nothing.example'), messageId: 'nothingFound' },
    { name: 'an md5 fingerprint: not looked up, as upstream', query: attribute('x509-fingerprint-md5', CERTIFICATE.parsed.fingerprint_md5), messageId: 'nothingFound', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config: upstream\'s exact message', query: attribute('ip-dst', IP), config: null, error: 'Please provide config options' },
    { name: 'an empty secret: credentials missing, no request', query: attribute('ip-dst', IP), config: { api_secret: '' }, error: 'Censys API credentials are missing', requests: (r) => assert.equal(r.length, 0) },
    {
      name: 'wrong credentials: "ERROR: param" as upstream\'s test expects, with Censys\'s words',
      query: attribute('ip-dst', IP),
      config: { api_id: '<api_id>', api_secret: '<api_secret>' },
      error: `ERROR: param ${IP} / response: Censys refused the key (setting api_id/api_secret, HTTP 401 Unauthorized): You must authenticate with a valid API ID and secret.`,
    },
    ...vendorFailureRows({
      query: attribute('ip-dst', IP),
      vendorMessage: 'Rate limit exceeded',
      expect: {
        unauthorized: /^ERROR: param 8\.8\.8\.8 \/ response: Censys refused the key/,
        rateLimited: /^ERROR: param 8\.8\.8\.8 \/ response: Censys rate limit reached \(HTTP 429/,
        serverError: 'ERROR: param 8.8.8.8 / response: Censys answered HTTP 500 Internal Server Error: Rate limit exceeded.',
        malformed: /^ERROR: param 8\.8\.8\.8 \/ response: Censys answered with invalid JSON/,
      },
    }),
  ],
});
