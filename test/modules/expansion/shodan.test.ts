/**
 * shodan against a loopback Shodan REST API: `GET /shodan/host/{ip}?key=`
 * answered as Shodan documents the host banner (trimmed), 401 "Invalid API
 * key." for another key, 404 "No information available for that IP." for an
 * address it has not seen.
 */
import assert from 'node:assert/strict';
import shodan from '../../../src/modules/expansion/shodan.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer, type VendorRequest } from '../../support/module-tester.js';

const KEY = 'MM72AkzHXdHpC8iP65VVEEVrJjp7zkgd';
const UUID = '5b1a8f0e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';
const IP = '149.13.33.14';

const CERT = {
  sig_alg: 'sha256WithRSAEncryption',
  issued: '20231016081936Z',
  expires: '20240108081935Z',
  expired: false,
  version: 2,
  extensions: [{ critical: true, data: '\\x03\\x02\\x07\\x80', name: 'keyUsage' }],
  fingerprint: { sha256: 'a9e7f1d3c4b5a6978877665544332211ffeeddccbbaa99887766554433221100', sha1: '0123456789abcdef0123456789abcdef01234567' },
  serial: 4503599627370449,
  subject: { CN: 'mail.circl.lu' },
  pubkey: { type: 'rsa', bits: 2048 },
  issuer: { C: 'US', O: "Let's Encrypt", CN: 'R3' },
};

/** A host as `GET /shodan/host/{ip}` documents it (two banners, one with TLS and vulns). */
const HOST = {
  region_code: 'LU',
  ip: 2500403470,
  postal_code: null,
  country_code: 'LU',
  city: 'Luxembourg',
  dma_code: null,
  last_update: '2023-11-02T10:12:20.501223',
  latitude: 49.61167,
  tags: [],
  area_code: null,
  country_name: 'Luxembourg',
  hostnames: ['cpb.circl.lu'],
  org: 'CIRCL',
  asn: 'AS5413',
  isp: 'Daisy Communications Ltd',
  longitude: 6.13,
  country_code3: null,
  domains: ['circl.lu'],
  ip_str: IP,
  os: null,
  ports: [25, 443],
  vulns: ['CVE-2023-44487', 'CVE-2021-23017'],
  data: [
    { _shodan: { module: 'smtp' }, port: 25, transport: 'tcp', ip_str: IP, data: '220 mail.circl.lu ESMTP Postfix\r\n' },
    {
      _shodan: { module: 'https' },
      port: 443,
      transport: 'tcp',
      ip_str: IP,
      product: 'nginx',
      ssl: { cert: CERT, cipher: { version: 'TLSv1/SSLv3', bits: 256, name: 'ECDHE-RSA-AES256-GCM-SHA384' }, versions: ['TLSv1.2', 'TLSv1.3'] },
      vulns: {
        'CVE-2023-44487': {
          verified: false,
          references: ['https://www.nginx.com/blog/http-2-rapid-reset-attack-impacting-f5-nginx-products/'],
          cvss: 7.5,
          summary: 'The HTTP/2 protocol allows a denial of service (server resource consumption) because request cancellation can reset many streams quickly.',
        },
      },
    },
  ],
};

const SHODAN: Routes = {
  'GET /shodan/host/:ip': (req: FakeRequest) => {
    if (req.query['key'] !== KEY) return { status: 401, json: { error: 'Invalid API key.' } };
    if (req.params['ip'] !== IP) return { status: 404, json: { error: 'No information available for that IP.' } };
    return { json: HOST };
  },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

type Obj = { name: string; Attribute: Array<{ object_relation: string; value: string; type: string }>; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
const objects = (answer: Answer) => (answer['results'] as { Object: Obj[] }).Object;
const relations = (object: Obj | undefined) => object?.Attribute.map((a) => [a.object_relation, a.value]);

testModule({
  module: shodan,
  vendors: { 'api.shodan.io': SHODAN },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a known address: location, ports, vulnerabilities and the certificate',
      query: attribute('ip-src', IP),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [`GET /shodan/host/${IP}?key=${KEY}`]),
      check: (answer) => {
        const found = objects(answer);
        // Upstream's test expects the ip-api-address object first.
        assert.deepEqual(found.map((o) => o.name), ['ip-api-address', 'ip-port', 'x509', 'vulnerability']);
        assert.deepEqual(relations(found[0]), [
          ['ip-src', IP],
          ['asn', 'AS5413'],
          ['city', 'Luxembourg'],
          ['country-code', 'LU'],
          ['country', 'Luxembourg'],
          ['ISP', 'Daisy Communications Ltd'],
          ['latitude', '49.61167'],
          ['longitude', '6.13'],
          ['organization', 'CIRCL'],
          ['region-code', 'LU'],
        ]);
        assert.deepEqual(relations(found[1]), [
          ['ip-src', IP],
          ['src-port', '25'],
          ['src-port', '443'],
          ['domain', 'circl.lu'],
          ['hostname', 'cpb.circl.lu'],
        ]);
        assert.deepEqual(relations(found[2]), [
          ['serial-number', '4503599627370449'],
          ['signature_algorithm', 'sha256WithRSAEncryption'],
          ['version', '2'],
          ['issuer', "/C=US/O=Let's Encrypt/CN=R3"],
          ['subject', '/CN=mail.circl.lu'],
          ['validity-not-after', '2024-01-08T08:19:35+00:00'],
          ['validity-not-before', '2023-10-16T08:19:36+00:00'],
          ['x509-fingerprint-sha1', CERT.fingerprint.sha1],
          ['x509-fingerprint-sha256', CERT.fingerprint.sha256],
          ['pubkey-info-size', '2048'],
          ['pubkey-info-algorithm', 'rsa'],
        ]);
        assert.deepEqual(relations(found[3]), [
          ['id', 'CVE-2023-44487'],
          ['cvss-score', '7.5'],
          ['summary', HOST.data[1]!.vulns!['CVE-2023-44487'].summary],
          ['references', 'https://www.nginx.com/blog/http-2-rapid-reset-attack-impacting-f5-nginx-products/'],
        ]);
        assert.deepEqual(found.map((o) => o.ObjectReference.map((r) => r.relationship_type)), [['describes'], ['extends'], ['identifies'], ['vulnerability-of']]);
        // The CVE Shodan only names is an attribute; the input is echoed.
        const attributes = (answer['results'] as { Attribute: Array<{ type: string; value: string }> }).Attribute;
        assert.deepEqual(attributes.map((a) => [a.type, a.value]), [['ip-src', IP], ['vulnerability', 'CVE-2021-23017']]);
      },
    },
    {
      name: 'an ip-dst gives dst-port; without vulnerabilities the certificate is still read',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      routes: { 'GET /shodan/host/:ip': { json: { ...HOST, vulns: undefined, data: [HOST.data[1]] } } },
      check: (answer) => {
        const found = objects(answer);
        assert.deepEqual(found.map((o) => o.name), ['ip-api-address', 'ip-port', 'x509']);
        assert.deepEqual(relations(found[1])?.slice(0, 3), [['ip-dst', IP], ['dst-port', '25'], ['dst-port', '443']]);
      },
    },
    {
      name: 'names but no ports: a domain-ip object with the input under "ip"',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      routes: { 'GET /shodan/host/:ip': { json: { ip_str: IP, hostnames: ['cpb.circl.lu'], domains: ['circl.lu'], ports: [] } } },
      check: (answer) => {
        const found = objects(answer);
        assert.deepEqual(found.map((o) => o.name), ['domain-ip']);
        assert.deepEqual(relations(found[0]), [['ip', IP], ['domain', 'circl.lu'], ['domain', 'cpb.circl.lu']]);
      },
    },
    {
      name: 'an answer with nothing to read gives only the input back (upstream crashed without "data")',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      routes: { 'GET /shodan/host/:ip': { json: { ip_str: IP } } },
      check: (answer) => assert.deepEqual(Object.keys(answer['results'] as object), ['Attribute']),
    },
    { name: 'an address Shodan has not seen: its own words, nothing invented', query: attribute('ip-dst', '192.0.2.1'), messageId: 'notFound' },
    { name: 'no key: upstream\'s exact message, no request', query: attribute('ip-src', IP), config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all: upstream\'s exact message', query: attribute('ip-src', IP), config: null, error: 'Shodan authentication is missing' },
    {
      name: 'a wrong key: Shodan refused it, with its message',
      query: attribute('ip-src', IP),
      config: { apikey: 'wrong' },
      error: 'Shodan refused the key (setting apikey, HTTP 401 Unauthorized): Invalid API key.',
    },
    { name: 'a type it does not take', query: attribute('domain', 'circl.lu'), error: /does not accept attributes of type 'domain'; it accepts: ip-src, ip-dst/ },
    { name: 'no attribute', query: { 'ip-src': IP }, error: /requires an "attribute" field/ },
    // Shodan allows a key 1 request a second (declared): each failure row uses its own key so
    // that the 429 row's retries (each after a fresh slot) do not delay the next rows.
    ...vendorFailureRows({ query: attribute('ip-src', IP), vendorMessage: 'Request rate limit reached (1 request/ second).' }).map((row, index) => ({
      ...row,
      config: { apikey: `${KEY}-${index}` },
      // With the declared limit, a 429 is retried after each fresh slot (3 retries, a second apart).
      ...(row.name.includes('429') ? { requests: (requests: VendorRequest[]) => assert.equal(requests.length, 4) } : {}),
    })),
  ],
});
