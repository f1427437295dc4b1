/**
 * xforceexchange against a loopback X-Force Exchange: HTTP Basic checked on
 * every route (401 `{"error": "Not authorized."}` otherwise), answers shaped
 * like the X-Force API documentation (`/resolve`, `/malware/{hash}`,
 * `/ipr/malware/{ip}`, `/url/malware/{url}`, `/vulnerabilities/search/{id}`),
 * 404 `{"error": "Not found."}` for what X-Force does not know.
 */
import assert from 'node:assert/strict';
import xforceexchange from '../../../src/modules/expansion/xforceexchange.js';
import { withBasicAuth, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { readObjects, type ReadObject } from './_answer-objects.js';

const UUID = '5b4a1e3c-8f2d-4c6e-9a7b-0c1d2e3f4a5b';
const KEY = 'xfe-key-3f9a';
const PASSWORD = 'xfe-password-71c2';
const IP = '198.51.100.23';
const DOMAIN = 'evil-updates.example';
const MD5 = '0123456789abcdef0123456789abcdef';
const URL_VALUE = 'http://evil-updates.example/gate.php';

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });

/** `GET /resolve/{domain}`, as documented: DNS records plus the passive-DNS history. */
const RESOLVE_DOMAIN = {
  A: ['198.51.100.23'],
  AAAA: [],
  TXT: [],
  MX: [{ exchange: 'mail.evil-updates.example', priority: 10 }],
  Passive: {
    query: DOMAIN,
    records: [
      { value: '198.51.100.23', type: 'ip', recordType: 'A', first: '2023-01-04T11:23:00Z', last: '2024-02-11T08:00:00Z' },
      { value: '203.0.113.9', type: 'ip', recordType: 'A', first: '2022-06-01T00:00:00Z', last: '2022-12-30T00:00:00Z' },
    ],
  },
  RDNS: [],
  total_rows: 2,
};

/** `GET /resolve/{ip}`: the passive query is X-Force's own form of the address. */
const RESOLVE_IP = {
  A: [],
  AAAA: [],
  TXT: [],
  MX: [],
  Passive: {
    query: '0x00000000000000000000ffffc6336417',
    records: [{ value: DOMAIN, type: 'url', recordType: 'A', first: '2023-01-04T11:23:00Z', last: '2024-02-11T08:00:00Z' }],
  },
  RDNS: ['host23.provider.example'],
  total_rows: 1,
};

const malwareRow = (filepath: string, md5: string, uri: string) => ({
  type: 'CnC',
  md5,
  domain: DOMAIN,
  firstseen: '2023-03-02T10:11:00Z',
  lastseen: '2023-03-09T17:40:00Z',
  ip: '0x00000000000000000000ffffc6336417',
  count: 3,
  filepath,
  origin: 'CnC',
  uri,
  family: ['zeus'],
});

/** `GET /ipr/malware/{ip}`: the same sample twice (two uris), then another. */
const IP_MALWARE = {
  malware: [
    malwareRow('invoice.exe', MD5, URL_VALUE),
    malwareRow('invoice.exe', MD5, 'http://evil-updates.example/panel/'),
    malwareRow('loader.dll', 'fedcba9876543210fedcba9876543210', URL_VALUE),
  ],
};

/** `GET /malware/{hash}`: the malware report with its CnC servers. */
const HASH_MALWARE = {
  malware: {
    origins: {
      emails: {},
      CnCServers: { rows: [malwareRow('dropper.exe', MD5, URL_VALUE)], count: 1 },
      downloadServers: {},
      subjects: {},
      external: { family: ['zeus'] },
    },
    type: 'md5',
    md5: `0x${MD5.toUpperCase()}`,
    hash: `0x${MD5.toUpperCase()}`,
    created: '2023-03-02T10:11:00Z',
    family: ['zeus'],
    familyMembers: { zeus: { count: 42 } },
    risk: 'high',
  },
};

/** `GET /vulnerabilities/search/{stdcode}`: a list of X-Force vulnerability records. */
const HEARTBLEED = [
  {
    type: 'vulnerability',
    xfdbid: 92322,
    updateid: 0,
    variant: 'single',
    title: 'OpenSSL heartbleed information disclosure',
    description: 'OpenSSL could allow a remote attacker to obtain sensitive information, caused by an error in the TLS/DTLS heartbeat functionality.',
    risk_level: 5,
    cvss: { version: '2.0', access_vector: 'Network', access_complexity: 'Low', authentication: 'None' },
    temporal_score: 4.3,
    remedy: 'Upgrade to the latest version of OpenSSL (1.0.1g or later).',
    reported: '2014-04-07T00:00:00Z',
    tagname: 'openssl-cve20140160-info-disc',
    stdcode: ['CVE-2014-0160'],
    platforms_affected: ['OpenSSL OpenSSL 1.0.1'],
    exploitability: 'High',
    references: [
      { link_target: 'http://www.openssl.org/news/secadv_20140407.txt', link_name: 'OpenSSL Security Advisory', description: 'TLS heartbeat read overrun' },
      { link_target: 'https://nvd.nist.gov/vuln/detail/CVE-2014-0160', link_name: 'CVE-2014-0160', description: 'NVD' },
    ],
  },
];

const NOT_FOUND: FakeResponse = { status: 404, json: { error: 'Not found.' } };
const authed = (handler: (req: FakeRequest) => FakeResponse) => withBasicAuth(KEY, PASSWORD, handler, { status: 401, json: { error: 'Not authorized.' } });

const XFORCE = {
  'GET /resolve/:value': authed((req) => (req.params['value'] === DOMAIN ? { json: RESOLVE_DOMAIN } : req.params['value'] === IP ? { json: RESOLVE_IP } : NOT_FOUND)),
  'GET /ipr/malware/:ip': authed((req) => (req.params['ip'] === IP ? { json: IP_MALWARE } : NOT_FOUND)),
  'GET /url/malware/:url': authed(() => NOT_FOUND),
  'GET /malware/:hash': authed((req) => (req.params['hash'] === MD5 ? { json: HASH_MALWARE } : NOT_FOUND)),
  'GET /vulnerabilities/search/:id': authed((req) => (req.params['id'] === 'CVE-2014-0160' ? { json: HEARTBLEED } : NOT_FOUND)),
} satisfies Routes;

testModule({
  module: xforceexchange,
  vendors: { 'api.xforce.ibmcloud.com': XFORCE },
  config: { apikey: KEY, apipassword: PASSWORD },
  rows: [
    {
      name: 'a domain gives a domain-ip object with the passive-DNS addresses',
      query: attribute('domain', DOMAIN),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`GET /resolve/${DOMAIN}`]),
      check: (answer) => {
        const objects = readObjects(answer);
        assert.deepEqual(objects.map((o) => [o.name, o.values, o.references]), [
          ['domain-ip', { domain: [DOMAIN], ip: ['198.51.100.23', '203.0.113.9'] }, [['related-to', UUID]]],
        ]);
      },
    },
    {
      name: 'an ip gives its domains and the samples seen with it, files dropped-by urls, deduplicated',
      query: attribute('ip-dst', IP),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), [`/resolve/${IP}`, `/ipr/malware/${IP}`]),
      check: (answer) => {
        const objects = readObjects(answer);
        assert.deepEqual(objects.map((o) => o.name), ['domain-ip', 'file', 'url', 'url', 'file']);
        const [domainIp, invoice, gate, panel, loader] = objects as [ReadObject, ReadObject, ReadObject, ReadObject, ReadObject];
        assert.deepEqual(domainIp.values, { ip: [IP], domain: [DOMAIN] });
        assert.deepEqual(invoice.values, { filename: ['invoice.exe'], md5: [MD5] });
        assert.deepEqual(gate.values, { url: [URL_VALUE], domain: [DOMAIN] });
        assert.deepEqual(panel.values, { url: ['http://evil-updates.example/panel/'], domain: [DOMAIN] });
        // The sample seen at two uris keeps both dropped-by references (upstream lost the second).
        assert.deepEqual(invoice.references, [['associated-with', UUID], ['dropped-by', gate.uuid], ['dropped-by', panel.uuid]]);
        assert.deepEqual(loader.references, [['associated-with', UUID], ['dropped-by', gate.uuid]]);
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string; type: string; value: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => [a.uuid, a.type, a.value]), [[UUID, 'ip-dst', IP]]);
      },
    },
    {
      name: 'a hash gives the CnC rows of its malware report, related-to the input',
      query: attribute('md5', MD5),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), [`/malware/${MD5}`]),
      check: (answer) => {
        const [file, url] = readObjects(answer);
        assert.deepEqual(file!.values, { filename: ['dropper.exe'], md5: [MD5] });
        assert.deepEqual(file!.references, [['related-to', UUID], ['dropped-by', url!.uuid]]);
        assert.deepEqual(url!.values, { url: [URL_VALUE], domain: [DOMAIN] });
      },
    },
    {
      name: 'a CVE gives a vulnerability object',
      query: attribute('vulnerability', 'CVE-2014-0160'),
      inputUuids: [UUID],
      check: (answer) => {
        const [vulnerability] = readObjects(answer);
        assert.equal(vulnerability!.name, 'vulnerability');
        assert.deepEqual(vulnerability!.values, {
          id: ['CVE-2014-0160'],
          summary: [HEARTBLEED[0]!.title],
          description: [HEARTBLEED[0]!.description],
          'cvss-score': ['4.3'],
          references: ['http://www.openssl.org/news/secadv_20140407.txt', 'https://nvd.nist.gov/vuln/detail/CVE-2014-0160'],
        });
        assert.deepEqual(vulnerability!.references, [['related-to', UUID]]);
      },
    },
    {
      name: 'a url is path-encoded: its resolve record and (404) malware list',
      query: attribute('url', URL_VALUE),
      routes: { 'GET /resolve/:value': authed((req) => (req.params['value'] === URL_VALUE ? { json: { ...RESOLVE_DOMAIN, Passive: { ...RESOLVE_DOMAIN.Passive, query: DOMAIN } } } : NOT_FOUND)) },
      inputUuids: [UUID],
      requests: (requests) =>
        assert.deepEqual(requests.map((r) => r.path), [`/resolve/${encodeURIComponent(URL_VALUE)}`, `/url/malware/${encodeURIComponent(URL_VALUE)}`]),
      check: (answer) => assert.deepEqual(readObjects(answer).map((o) => [o.name, o.values]), [['domain-ip', { domain: [DOMAIN], ip: ['198.51.100.23', '203.0.113.9'] }]]),
    },
    { name: 'an unknown hash (404) is upstream\'s "No result found for your query."', query: attribute('sha256', 'ab'.repeat(32)), messageId: 'notFound' },
    { name: 'an unknown domain (404 on /resolve, where upstream crashed) is "No result found"', query: attribute('hostname', 'nothing.example'), messageId: 'notFound' },
    {
      name: 'a known domain without passive records is "No additional data found on Xforce Exchange."',
      query: attribute('domain', DOMAIN),
      routes: { 'GET /resolve/:value': authed(() => ({ json: { A: [], AAAA: [], TXT: [], MX: [], Passive: { query: DOMAIN, records: [] }, RDNS: [], total_rows: 0 } })) },
      messageId: 'nothing',
    },
    { name: 'no apikey: upstream\'s exact message', query: attribute('domain', DOMAIN), config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no apipassword: upstream\'s exact message', query: attribute('domain', DOMAIN), config: { apipassword: '' }, messageId: 'noKey' },
    { name: 'no config key at all: upstream\'s exact message', query: attribute('domain', DOMAIN), config: null, error: 'An API authentication is required (key and password).' },
    {
      name: 'a wrong password: X-Force refuses it, its message carried',
      query: attribute('domain', DOMAIN),
      config: { apipassword: 'wrong' },
      error: 'X-Force Exchange refused the key (setting apikey/apipassword, HTTP 401 Unauthorized): Not authorized.',
    },
    { name: 'an attribute without uuid', query: { attribute: { type: 'domain', value: DOMAIN } }, error: /requires an "attribute" field/ },
    ...vendorFailureRows({ query: attribute('md5', MD5), vendorMessage: 'Service unavailable' }),
  ],
});
