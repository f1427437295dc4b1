/**
 * hyasinsight against a loopback HYAS Insight: `POST /api/ext/<endpoint>` on
 * insight.hyas.com and `POST /whois/v1` on api.hyas.com, each taking
 * `{"applied_filters": {...}}` and the key in `X-API-Key` (401 otherwise),
 * answering records shaped like HYAS's API documentation (trimmed).
 */
import assert from 'node:assert/strict';
import hyasinsight from '../../../src/modules/expansion/hyasinsight.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer, type VendorRequest } from '../../support/module-tester.js';

const KEY = 'hyas-test-key';
const UUID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const DOMAIN = 'evil-c2.example';

const PASSIVE_DNS = [
  {
    count: 17,
    domain: DOMAIN,
    first_seen: '2021-02-08T15:31:53Z',
    ip: {
      geo: { city_name: 'Amsterdam', country_iso_code: 'NL', country_name: 'Netherlands', location_latitude: 52.3759, location_longitude: 4.8975, postal_code: '1012' },
      ip: '203.0.113.7',
      isp: { autonomous_system_number: 'AS64500', autonomous_system_organization: 'Example Hosting B.V.', ip_address: '203.0.113.7', isp: 'Example Hosting', organization: 'Example Hosting' },
    },
    ipv4: '203.0.113.7',
    last_seen: '2021-06-01T10:01:02Z',
    sources: ['farsight'],
  },
];

const WHOIS_HISTORIC = [
  {
    abuse_emails: ['abuse@registrar.example'],
    datetime: '2021-03-01T00:00:00Z',
    domain: DOMAIN,
    domain_2tld: DOMAIN,
    domain_created_datetime: '2021-02-01T00:00:00Z',
    email: ['owner@mail.example'],
    nameserver: ['ns1.dns.example', 'ns2.dns.example'],
    privacy_punch: false,
    registrar: 'Example Registrar, Inc.',
    raw_record: { note: 'not shown' },
  },
];

const MALWARE_INFORMATION = {
  avscan_score: '12/60',
  md5: '2d75cc1bf8e57872781f9cd04a529256',
  scan_results: [
    { av_name: 'Kaspersky', def_time: '2021-05-01T00:00:00Z', threat_found: 'Trojan.Win32.Generic' },
    { av_name: 'ESET-NOD32', def_time: '2021-05-01T00:00:00Z', threat_found: 'Win32/Agent.ABC' },
  ],
  scan_time: '2021-05-02T08:00:00Z',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
};

const SSL_CERTS = {
  ssl_certs: [
    { ip: '198.51.100.4', ssl_cert: { expire_date: '2022-01-01T00:00:00Z', issuer_commonName: 'R3', issuer_organizationName: "Let's Encrypt", sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d', subject_commonName: DOMAIN } },
  ],
};

/** Checks the key, then answers from `records` by endpoint (an empty list otherwise). */
function hyas(records: Record<string, unknown>): (req: FakeRequest) => FakeResponse {
  return (req) => {
    if (req.headers['x-api-key'] !== KEY) return { status: 401, json: { message: 'Invalid API key' } };
    const endpoint = req.params['*']!;
    return { json: endpoint in records ? records[endpoint] : endpoint === 'ssl_certificate' ? { ssl_certs: [] } : [] };
  };
}

const INSIGHT: Routes = { 'POST /api/ext/*': hyas({ passivedns: PASSIVE_DNS, whois: WHOIS_HISTORIC, 'sample/information': MALWARE_INFORMATION, ssl_certificate: SSL_CERTS }) };
const CURRENT_WHOIS: Routes = {
  'POST /whois/v1': (req) =>
    req.headers['x-api-key'] !== KEY ? { status: 401, json: { message: 'Invalid API key' } } : { json: { items: [{ domain: DOMAIN, registrar: 'Example Registrar, Inc.', state: 'NH' }] } },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

/** Each annotation object as [type, text], checked for its link to the input. */
function annotations(answer: Answer): Array<[string, string]> {
  const results = answer['results'] as { Object: Array<{ name: string; comment: string; distribution: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> }> };
  return results.Object.map((object) => {
    assert.equal(object.name, 'annotation');
    assert.equal(object.distribution, '0');
    assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
    const relation = (name: string) => object.Attribute.find((a) => a.object_relation === name)?.value ?? '';
    assert.match(object.comment, /^HYAS INSIGHT .+ for /);
    return [relation('type'), relation('text')];
  });
}

/** Each request as "host path filters". */
const asked = (requests: VendorRequest[]) => requests.map((r) => `${r.vendor}${r.path} ${JSON.stringify((JSON.parse(r.body) as { applied_filters: unknown }).applied_filters)}`);

testModule({
  module: hyasinsight,
  vendors: { 'insight.hyas.com': INSIGHT, 'api.hyas.com': CURRENT_WHOIS },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a domain asks the nine domain endpoints in upstream order and shows passive DNS and both WHOIS records',
      query: attribute('domain', DOMAIN),
      inputUuids: [UUID],
      requests: (requests) => {
        const filter = JSON.stringify({ domain: DOMAIN });
        assert.deepEqual(asked(requests), [
          `insight.hyas.com/api/ext/passivedns ${filter}`,
          `insight.hyas.com/api/ext/dynamicdns ${filter}`,
          `insight.hyas.com/api/ext/whois ${filter}`,
          `insight.hyas.com/api/ext/sample ${filter}`,
          // (current WHOIS comes fifth; the tester lists each fake's requests apart)
          `insight.hyas.com/api/ext/passivehash ${filter}`,
          `insight.hyas.com/api/ext/c2attribution ${filter}`,
          `insight.hyas.com/api/ext/ssl_certificate ${filter}`,
          `insight.hyas.com/api/ext/os_indicators ${filter}`,
          `api.hyas.com/whois/v1 ${JSON.stringify({ domain: DOMAIN, current: true })}`,
        ]);
        assert.ok(requests.every((r) => r.method === 'POST' && r.headers['content-type']?.startsWith('application/json')));
      },
      check: (answer) => {
        assert.deepEqual(annotations(answer), [
          [
            'Passive DNS Information',
            [
              'Passive DNS Count: 17',
              `Domain: ${DOMAIN}`,
              'First Seen: 2021-02-08T15:31:53Z',
              'IP Organization City: Amsterdam',
              'IP Organization Country ISO Code: NL',
              'IP Organization Country Name: Netherlands',
              'IP Organization Latitude: 52.3759',
              'IP Organization Longitude: 4.8975',
              'IP Organization Postal Code: 1012',
              'IP Address: 203.0.113.7',
              'ASN IP: AS64500',
              'ASO IP: Example Hosting B.V.',
              'IP Address: 203.0.113.7',
              'ISP: Example Hosting',
              'ISP Organization: Example Hosting',
              'IPv4 Address: 203.0.113.7',
              'Last Seen: 2021-06-01T10:01:02Z',
            ].join('\n'),
          ],
          [
            'Whois Related Information',
            [
              'Abuse Emails: abuse@registrar.example',
              'Datetime: 2021-03-01T00:00:00Z',
              `Domain: ${DOMAIN}`,
              `Domain 2tld: ${DOMAIN}`,
              'Domain Created Time: 2021-02-01T00:00:00Z',
              'Email Address: owner@mail.example',
              'Nameserver: ns1.dns.example, ns2.dns.example',
              'Privacy Punch: False',
              'Registrar: Example Registrar, Inc.',
            ].join('\n'),
          ],
          ['Whois Current Related Information', [`Domain: ${DOMAIN}`, 'Registrar: Example Registrar, Inc.', 'State: NH'].join('\n')],
          [
            'SSL Certificate Information',
            [
              'IP Address: 198.51.100.4',
              'Certificate Expiration Date: 2022-01-01T00:00:00Z',
              'Issuer Common Name: R3',
              "Issuer Organization Name: Let's Encrypt",
              `Certificate SHA1: ${SSL_CERTS.ssl_certs[0]!.ssl_cert.sha1}`,
              `Reciever Subject Name: ${DOMAIN}`,
            ].join('\n'),
          ],
        ]);
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string; value: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => [a.uuid, a.value]), [[UUID, DOMAIN]]);
      },
    },
    {
      name: 'an md5 asks sample (md5), then sample/information and os_indicators (hash); one object per AV scan',
      query: attribute('md5', MALWARE_INFORMATION.md5),
      inputUuids: [UUID],
      requests: (requests) =>
        assert.deepEqual(asked(requests), [
          `insight.hyas.com/api/ext/sample {"md5":"${MALWARE_INFORMATION.md5}"}`,
          `insight.hyas.com/api/ext/sample/information {"hash":"${MALWARE_INFORMATION.md5}"}`,
          `insight.hyas.com/api/ext/os_indicators {"hash":"${MALWARE_INFORMATION.md5}"}`,
        ]),
      check: (answer) => {
        const objects = annotations(answer);
        assert.deepEqual(objects.map(([type]) => type), ['Malware Sample Information', 'Malware Sample Information']);
        assert.equal(
          objects[0]![1],
          [
            'AV Scan Score: 12/60',
            `MD5: ${MALWARE_INFORMATION.md5}`,
            'AV Name: Kaspersky',
            'AV DateTime: 2021-05-01T00:00:00Z',
            'Source: Trojan.Win32.Generic',
            'Scan DateTime: 2021-05-02T08:00:00Z',
            `SHA1: ${MALWARE_INFORMATION.sha1}`,
            `SHA256: ${MALWARE_INFORMATION.sha256}`,
          ].join('\n'),
        );
        assert.match(objects[1]![1], /AV Name: ESET-NOD32\n.*\nSource: Win32\/Agent\.ABC/);
      },
    },
    {
      name: 'a sha1 reads ssl_certs from ssl_certificate (hash filter)',
      query: attribute('x509-fingerprint-sha1', SSL_CERTS.ssl_certs[0]!.ssl_cert.sha1),
      inputUuids: [UUID],
      requests: (requests) => assert.equal(asked(requests)[0], `insight.hyas.com/api/ext/ssl_certificate {"hash":"${SSL_CERTS.ssl_certs[0]!.ssl_cert.sha1}"}`),
      check: (answer) => {
        const [ssl] = annotations(answer).filter(([type]) => type === 'SSL Certificate Information');
        assert.deepEqual(ssl![1].split('\n'), [
          'IP Address: 198.51.100.4',
          'Certificate Expiration Date: 2022-01-01T00:00:00Z',
          'Issuer Common Name: R3',
          "Issuer Organization Name: Let's Encrypt",
          `Certificate SHA1: ${SSL_CERTS.ssl_certs[0]!.ssl_cert.sha1}`,
          `Reciever Subject Name: ${DOMAIN}`,
        ]);
      },
    },
    {
      name: 'an IPv6 address asks device_geo with the ipv6 filter, the others as upstream',
      query: attribute('ip-dst', '2001:db8::7'),
      routes: { 'insight.hyas.com': { 'POST /api/ext/*': hyas({ device_geo: [{ datetime: '2021-01-01T00:00:00Z', ipv6: '2001:db8::7', latitude: 48.85, longitude: 2.35, geo_country_alpha_2: 'FR' }] }) } },
      inputUuids: [UUID],
      requests: (requests) =>
        assert.deepEqual(asked(requests).map((r) => r.replace('insight.hyas.com/api/ext/', '')), [
          'dynamicdns {"ip":"2001:db8::7"}',
          'passivedns {"ip":"2001:db8::7"}',
          'passivehash {"ipv4":"2001:db8::7"}',
          'sinkhole {"ipv4":"2001:db8::7"}',
          'ssl_certificate {"ip":"2001:db8::7"}',
          'device_geo {"ipv6":"2001:db8::7"}',
          'c2attribution {"ip":"2001:db8::7"}',
          'sample {"ipv4":"2001:db8::7"}',
          'os_indicators {"ip":"2001:db8::7"}',
        ]),
      check: (answer) =>
        assert.deepEqual(annotations(answer), [
          ['Mobile Geolocation Information', 'DateTime: 2021-01-01T00:00:00Z\nAlpha-2 Code: FR\nIPv6 Address: 2001:db8::7\nLatitude: 48.85\nLongitude: 2.35'],
        ]),
    },
    {
      name: 'a phone number that HYAS does not know: upstream\'s "No records found", nothing invented',
      query: attribute('phone-number', '+15555550100'),
      routes: { 'insight.hyas.com': { 'POST /api/ext/whois': { json: [] } } },
      requests: (requests) => assert.deepEqual(asked(requests), ['insight.hyas.com/api/ext/whois {"phone":"+15555550100"}']),
      messageId: 'noRecords',
    },
    { name: 'records with none of the shown fields are no records', query: attribute('email', 'a@b.example'), routes: { 'insight.hyas.com': { 'POST /api/ext/*': { json: [{ unrelated: 1 }] } } }, messageId: 'noRecords' },
    { name: 'no apikey: upstream\'s exact message, before any request', query: attribute('domain', DOMAIN), config: { apikey: '' }, error: 'HYAS Insight apikey is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('domain', DOMAIN), config: null, error: 'HYAS Insight apikey is missing' },
    { name: 'a type HYAS is not asked about is refused before any request', query: attribute('url', 'http://x.example/'), error: /does not accept attributes of type 'url'/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute', query: { domain: DOMAIN }, error: /requires an "attribute" field/ },
    { name: 'a wrong key is named (the fake checks X-API-Key)', query: attribute('domain', DOMAIN), config: { apikey: 'wrong' }, error: 'HYAS Insight refused the key (setting apikey, HTTP 401 Unauthorized): Invalid API key.' },
    ...vendorFailureRows({ query: attribute('sha512', 'ab'.repeat(64)), host: 'insight.hyas.com', route: 'POST /api/ext/*', vendorMessage: 'Internal error' }),
  ],
});
