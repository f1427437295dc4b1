/**
 * rst_ssl against a loopback RST Scan API
 * (`GET /v1/scan/ssl/certificate?target=host:port`, key in X-Api-Key). The
 * certificate answer is upstream's mock (tests/test_rst_ssl.py) completed
 * with the other fields upstream maps; "no certificate" is `{}` as there.
 */
import assert from 'node:assert/strict';
import rst_ssl from '../../../src/modules/expansion/rst_ssl.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { assertEchoed, assertOneGet, assertTextOnly, attribute, CONFIG, KEY, NO_KEY, onlyObject, RST_HOST, UUID, withKey } from './rstcloud-fake.js';

const CERTIFICATE = {
  subject_dn: 'CN=example.com',
  issuer_dn: 'CN=DigiCert',
  fingerprint_sha1: 'a'.repeat(40),
  fingerprint_sha256: 'b'.repeat(64),
  fingerprint_md5: 'c'.repeat(32),
  not_before: '2025-12-21T19:20:01Z',
  not_after: '2026-12-21T19:20:01Z',
  serial_number: '01',
  version: 3,
};

const OBJECT_UUID = '1c7a4f7e-6a7b-4d8e-9f00-112233445566';

const RST = {
  'GET /v1/scan/ssl/certificate': withKey((req) => ({ json: req.query['target']?.startsWith('1.2.3.4') ? {} : CERTIFICATE })),
};

/** The target the fake received. */
const targetSent = (expected: string) => (requests: VendorRequest[]) => assertOneGet(requests, '/v1/scan/ssl/certificate', { target: expected });

testModule({
  module: rst_ssl,
  vendors: { [RST_HOST]: RST },
  config: CONFIG,
  rows: [
    {
      name: "upstream's certificate: an x509 object that identifies the input",
      query: attribute('ip-dst', '93.184.216.34'),
      config: { port: '443' },
      inputUuids: [UUID],
      requests: targetSent('93.184.216.34:443'),
      check: (answer) => {
        assertEchoed(answer, '93.184.216.34');
        const { object, values } = onlyObject(answer, 'x509', 'identifies');
        assert.equal(object.comment, 'RST SSL Certificate for 93.184.216.34:443');
        assert.deepEqual(values, {
          subject: ['CN=example.com'],
          issuer: ['CN=DigiCert'],
          'serial-number': ['01'],
          version: ['3'],
          'validity-not-before': ['2025-12-21T19:20:01+00:00'],
          'validity-not-after': ['2026-12-21T19:20:01+00:00'],
          'x509-fingerprint-sha1': ['a'.repeat(40)],
          'x509-fingerprint-sha256': ['b'.repeat(64)],
          'x509-fingerprint-md5': ['c'.repeat(32)],
        });
      },
    },
    { name: 'a hostname without a port is scanned on 443', query: attribute('hostname', 'www.example.com'), inputUuids: [UUID], requests: targetSent('www.example.com:443') },
    { name: 'the port setting when the attribute has none', query: attribute('domain', 'example.com'), config: { port: '8443' }, inputUuids: [UUID], requests: targetSent('example.com:8443') },
    { name: "a composite's port wins over the setting", query: attribute('hostname|port', 'mail.example.com|993'), config: { port: '8443' }, inputUuids: [UUID], requests: targetSent('mail.example.com:993') },
    { name: 'an IPv6 address is bracketed', query: attribute('ip-dst', '2001:db8::1'), inputUuids: [UUID], requests: targetSent('[2001:db8::1]:443') },
    {
      name: "the port of the attribute's ip-port object, and the object as the anchor",
      query: {
        ...attribute('ip-dst', '93.184.216.34'),
        object: { uuid: OBJECT_UUID, name: 'ip-port', Attribute: [{ object_relation: 'ip', type: 'ip-dst', value: '93.184.216.34' }, { object_relation: 'dst-port', type: 'port', value: '8443' }] },
      },
      inputUuids: [UUID, OBJECT_UUID],
      requests: targetSent('93.184.216.34:8443'),
      check: (answer) => assert.ok(onlyObject(answer, 'x509', 'identifies', OBJECT_UUID)),
    },
    {
      name: "no certificate: upstream's text, nothing invented",
      query: attribute('ip-dst', '1.2.3.4'),
      check: (answer) => assertTextOnly(answer, '1.2.3.4:443: no certificate returned', 'RST SSL Certificate'),
    },
    {
      name: 'an answer without a subject is no certificate',
      query: attribute('ip-dst', '93.184.216.34'),
      routes: { 'GET /v1/scan/ssl/certificate': { json: { error: 'connection refused' } } },
      check: (answer) => assertTextOnly(answer, '93.184.216.34:443: no certificate returned', 'RST SSL Certificate'),
    },
    { name: "no api_key: upstream's exact message, nothing sent", query: attribute('ip-dst', '93.184.216.34'), config: { api_key: null }, error: NO_KEY, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty value', query: attribute('ip-dst', ''), messageId: 'noTarget' },
    { name: 'a type it does not take is refused', query: attribute('url', 'https://example.com/'), error: /does not accept attributes of type 'url'/ },
    {
      name: 'a wrong key: the gateway says Forbidden',
      query: attribute('ip-dst', '93.184.216.34'),
      config: { api_key: `${KEY}x` },
      error: 'RST Cloud refused the key (setting api_key, HTTP 403 Forbidden).',
    },
    {
      name: 'a 404 is a vendor error',
      query: attribute('ip-dst', '93.184.216.34'),
      routes: { 'GET /v1/scan/ssl/certificate': { status: 404, json: { message: 'Not Found' } } },
      error: 'RST Cloud answered HTTP 404 Not Found.',
    },
    {
      name: 'the scan takes longer than the timeout setting',
      query: { ...attribute('ip-dst', '93.184.216.34'), timeout: 10 },
      config: { timeout: '1' },
      routes: { 'GET /v1/scan/ssl/certificate': { delayMs: 2500, json: CERTIFICATE } },
      error: 'RST Cloud answered nothing within 1 s.',
    },
    ...vendorFailureRows({ query: attribute('ip-dst', '93.184.216.34'), route: 'GET /v1/scan/ssl/certificate' }),
  ],
});
