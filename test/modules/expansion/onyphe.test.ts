/**
 * onyphe against a loopback ONYPHE API v2 Summary API
 * (`GET /api/v2/summary/{ip|domain|hostname}/{value}`, `Authorization:
 * bearer KEY` checked: 401 `{"error": 1, "text": …}` otherwise), answers in
 * ONYPHE's envelope; the documents are those upstream's tests/test_onyphe.py
 * mocks the client with.
 */
import assert from 'node:assert/strict';
import onyphe from '../../../src/modules/expansion/onyphe.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';
import { CERTIFICATE_DOCUMENT, DOMAIN_ATTRIBUTE, HOSTNAME_ATTRIBUTE, IP_ATTRIBUTE, KEY, MD5, SHA1, SHA256, envelope, unauthorized } from './onyphe-fixtures.js';

/** Summary documents by kind and value (upstream's mocked answers, with the fields ONYPHE adds). */
const SUMMARIES: Record<string, unknown[]> = {
  'ip/198.51.100.10': [
    { '@category': 'resolver', '@timestamp': '2026-07-30T10:00:00.000Z', ip: '198.51.100.10', domain: ['example.com', 'example.org'], hostname: 'www.example.com' },
    { '@category': 'ctl', '@timestamp': '2026-07-30T10:00:00.000Z', ...CERTIFICATE_DOCUMENT },
    // ONYPHE repeats the same observation across documents.
    { '@category': 'datascan', '@timestamp': '2026-07-29T10:00:00.000Z', ip: '198.51.100.10', domain: 'example.com', port: 443 },
  ],
  'domain/example.com': [{ '@category': 'resolver', domain: ['example.com'], ip: '198.51.100.10' }],
  'hostname/www.example.com': [{ '@category': 'vulnscan', ip: '198.51.100.10', hostname: 'www.example.com', cve: ['CVE-2021-44228', 'CVE-2024-3094'] }],
};

const ONYPHE: Routes = {
  'GET /api/v2/summary/:kind/:value': (req: FakeRequest) => {
    if (req.headers['authorization'] !== `bearer ${KEY}`) return unauthorized;
    return { json: envelope(SUMMARIES[`${req.params['kind']}/${req.params['value']}`] ?? []) };
  },
};

type Obj = { name: string; uuid: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ relationship_type: string; referenced_uuid: string }> };
const objectsNamed = (answer: Answer, name: string) => ((answer['results'] as { Object?: Obj[] }).Object ?? []).filter((o) => o.name === name);
const relationValues = (object: Obj | undefined, relation: string) => object?.Attribute.filter((a) => a.object_relation === relation).map((a) => a.value) ?? [];
const attributeValues = (answer: Answer, type: string) => (answer['results'] as { Attribute: Array<{ type: string; value: string }> }).Attribute.filter((a) => a.type === type).map((a) => a.value);

testModule({
  module: onyphe,
  vendors: { 'www.onyphe.io': ONYPHE },
  config: { apikey: KEY },
  rows: [
    {
      name: 'an IP: a domain-ip object per domain and hostname, once each, and the certificate',
      query: { attribute: IP_ATTRIBUTE },
      inputUuids: [IP_ATTRIBUTE.uuid],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['GET /api/v2/summary/ip/198.51.100.10']);
        assert.equal(requests[0]!.headers['authorization'], `bearer ${KEY}`);
      },
      check: (answer) => {
        const domainIp = objectsNamed(answer, 'domain-ip');
        assert.equal(domainIp.length, 3);
        assert.deepEqual(new Set(domainIp.flatMap((o) => relationValues(o, 'domain'))), new Set(['example.com', 'example.org']));
        assert.deepEqual(domainIp.flatMap((o) => relationValues(o, 'hostname')), ['www.example.com']);
        assert.ok(domainIp.every((o) => relationValues(o, 'ip').join() === '198.51.100.10'));
        const [x509] = objectsNamed(answer, 'x509');
        assert.deepEqual(relationValues(x509, 'x509-fingerprint-sha256'), [SHA256]);
        assert.deepEqual(relationValues(x509, 'x509-fingerprint-sha1'), [SHA1]);
        assert.deepEqual(relationValues(x509, 'x509-fingerprint-md5'), [MD5]);
        assert.deepEqual(relationValues(x509, 'validity-not-before'), ['2025-01-01T00:00:00+00:00']);
        assert.deepEqual(relationValues(x509, 'validity-not-after'), ['2026-01-01T00:00:00+00:00']);
        assert.deepEqual(relationValues(x509, 'signature_algorithm'), ['SHA256_WITH_RSA_ENCRYPTION']);
        assert.deepEqual(relationValues(x509, 'issuer'), ['Example Root CA']);
        assert.deepEqual(relationValues(x509, 'subject'), ['www.example.com']);
        assert.deepEqual(relationValues(x509, 'pubkey-info-size'), ['2048']);
        // The SAN `ip` relation is never the queried value.
        assert.deepEqual(relationValues(x509, 'ip'), []);
      },
    },
    {
      name: 'scalar and list fields are both read (upstream\'s test)',
      query: { attribute: IP_ATTRIBUTE },
      inputUuids: [IP_ATTRIBUTE.uuid],
      routes: { 'GET /api/v2/summary/:kind/:value': { json: envelope([{ domain: 'example.com' }, { domain: ['example.org'] }]) } },
      check: (answer) => assert.deepEqual(new Set(objectsNamed(answer, 'domain-ip').flatMap((o) => relationValues(o, 'domain'))), new Set(['example.com', 'example.org'])),
    },
    {
      name: 'a domain: the domains as attributes (the input echoed too), a domain-ip per IP',
      query: { attribute: DOMAIN_ATTRIBUTE },
      inputUuids: [DOMAIN_ATTRIBUTE.uuid],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/v2/summary/domain/example.com']),
      check: (answer) => {
        assert.deepEqual(attributeValues(answer, 'domain'), ['example.com', 'example.com']);
        const [domainIp] = objectsNamed(answer, 'domain-ip');
        assert.deepEqual(domainIp?.Attribute.map((a) => [a.object_relation, a.value]), [['ip', '198.51.100.10'], ['domain', 'example.com']]);
      },
    },
    {
      name: 'a hostname: vulnerability objects that affect the input and the object holding the IP',
      query: { attribute: HOSTNAME_ATTRIBUTE },
      inputUuids: [HOSTNAME_ATTRIBUTE.uuid],
      check: (answer) => {
        const vulnerabilities = objectsNamed(answer, 'vulnerability');
        assert.deepEqual(new Set(vulnerabilities.flatMap((o) => relationValues(o, 'id'))), new Set(['CVE-2021-44228', 'CVE-2024-3094']));
        const [domainIp] = objectsNamed(answer, 'domain-ip');
        for (const vulnerability of vulnerabilities) {
          assert.deepEqual(relationValues(vulnerability, 'state'), ['Published']);
          assert.deepEqual(vulnerability.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['affects', domainIp!.uuid], ['affects', HOSTNAME_ATTRIBUTE.uuid]]);
        }
      },
    },
    {
      name: 'nothing known: the input only, nothing invented',
      query: { attribute: { ...IP_ATTRIBUTE, value: '192.0.2.77' } },
      inputUuids: [IP_ATTRIBUTE.uuid],
      check: (answer) => assert.deepEqual(Object.keys(answer['results'] as object), ['Attribute']),
    },
    { name: 'no key: upstream\'s message', query: { attribute: IP_ATTRIBUTE }, config: { apikey: '' }, error: 'Onyphe authentication is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config: upstream\'s message', query: { attribute: IP_ATTRIBUTE }, config: null, messageId: 'noKey' },
    { name: 'a wrong key: "Onyphe error:" with ONYPHE\'s text', query: { attribute: IP_ATTRIBUTE }, config: { apikey: 'nope' }, error: 'Onyphe error: ONYPHE refused the key (setting apikey, HTTP 401 Unauthorized): Invalid API key.' },
    {
      name: 'the quota spent (upstream\'s test: the vendor\'s words are in the error)',
      query: { attribute: IP_ATTRIBUTE },
      routes: { 'GET /api/v2/summary/:kind/:value': { status: 429, json: { error: 11, text: 'quota exceeded' } } },
      error: /^Onyphe error: ONYPHE rate limit reached \(HTTP 429 Too Many Requests: quota exceeded\)/,
    },
    ...vendorFailureRows({
      query: { attribute: IP_ATTRIBUTE },
      vendorMessage: 'Internal error',
      expect: {
        unauthorized: /^Onyphe error: ONYPHE refused the key/,
        rateLimited: /^Onyphe error: ONYPHE rate limit reached/,
        serverError: 'Onyphe error: ONYPHE answered HTTP 500 Internal Server Error: Internal error.',
        malformed: /^Onyphe error: ONYPHE answered with invalid JSON/,
      },
    }),
  ],
});
