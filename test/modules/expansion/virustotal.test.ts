/**
 * virustotal against a loopback VirusTotal API v3 (virustotal-fake.ts):
 * the object and its relationships as vt-py requests them, with the
 * `x-apikey` header checked; upstream's objects and references; the module's
 * own proxy settings honoured (through a loopback proxy).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import virustotal from '../../../src/modules/expansion/virustotal.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { startFakeHttp, type FakeHttp } from '../../support/fake-http.js';
import { startFakeProxy, type FakeProxy } from '../../support/fake-proxy.js';
import { testModule, vendorFailureRows, type Answer, type VendorRequest } from '../../support/module-tester.js';
import { DOMAIN, FILE, IP, URL_ID, URL_VALUE, VT_KEY, virusTotalRoutes } from './virustotal-fake.js';
import { attributes, fields, find, objects, referencing, reportOf } from './virustotal-results.js';

const UUID = '5c4f6e2a-8d1b-4f7e-9a3c-2b1d0e9f8a7c';
const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });
/** The object first, then its relationships (asked at the same time, so in any order). */
const paths = (requests: VendorRequest[]) => [requests[0]?.target, ...requests.slice(1).map((r) => r.target).sort()];

function checkDomain(answer: Answer): void {
  const domain = find(answer, 'domain-ip', 'domain', DOMAIN);
  assert.deepEqual(fields(domain), { domain: DOMAIN, ip: [IP, '198.51.100.23'] });
  assert.deepEqual(reportOf(answer, domain), { permalink: `https://www.virustotal.com/gui/domain/${DOMAIN}`, 'detection-ratio': '9/92' });
  assert.deepEqual(fields(find(answer, 'whois', 'text', 'Domain Name: EVIL-UPDATES.COM\nRegistrar: NameCheap, Inc.\nCreation Date: 2023-04-01T00:00:00Z')), {
    text: 'Domain Name: EVIL-UPDATES.COM\nRegistrar: NameCheap, Inc.\nCreation Date: 2023-04-01T00:00:00Z',
  });
  // Siblings and subdomains are domain attributes the domain object references.
  const named = new Map(attributes(answer).map((a) => [a.uuid, `${a.type} ${a.value}`]));
  assert.deepEqual(
    domain.ObjectReference?.filter((r) => r.relationship_type !== 'analyzed-with').map((r) => `${r.relationship_type} ${named.get(r.referenced_uuid)}`),
    ['sibling-of domain evil-updates.net', 'subdomain domain cdn.evil-updates.com', 'subdomain domain api.evil-updates.com'],
  );
  assert.deepEqual(referencing(answer, domain.uuid, 'communicates-with'), [`file ${Object.values(fileHashes()).join(',')}`]);
  assert.deepEqual(referencing(answer, domain.uuid, 'downloaded-from'), [
    'file d41d8cd98f00b204e9800998ecf8427e,da39a3ee5e6b4b0d3255bfef95601890afd80709,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ]);
  assert.deepEqual(referencing(answer, domain.uuid, 'referring'), []);
  assert.deepEqual(referencing(answer, domain.uuid, 'hosted-in'), [`url ${URL_VALUE}`]);
  // A known distributor's file: its malicious count is left out of the total, as upstream counts.
  const distributed = find(answer, 'file', 'md5', 'd41d8cd98f00b204e9800998ecf8427e');
  assert.equal(reportOf(answer, distributed)['detection-ratio'], '1/59');
  assert.equal(reportOf(answer, find(answer, 'url', 'url', URL_VALUE))['permalink'], `https://www.virustotal.com/gui/url/${URL_ID}`);
  // Every object comes with its report: 5 objects, 4 reports, the whois.
  assert.deepEqual(objects(answer).map((o) => o.name).sort(), [
    'domain-ip', 'file', 'file', 'url', 'virustotal-report', 'virustotal-report', 'virustotal-report', 'virustotal-report', 'whois',
  ]);
}

function fileHashes(): Record<string, string> {
  const a = FILE.attributes;
  return {
    md5: a['md5'] as string,
    sha1: a['sha1'] as string,
    sha256: a['sha256'] as string,
    tlsh: a['tlsh'] as string,
    vhash: a['vhash'] as string,
    ssdeep: a['ssdeep'] as string,
    imphash: 'f34d5f2d4577ed6d9ceec516c1f5a744',
  };
}

const DOMAIN_REQUESTS = [
  `/api/v3/domains/${DOMAIN}`,
  ...['communicating_files', 'downloaded_files', 'referrer_files', 'resolutions', 'siblings', 'subdomains', 'urls'].map((r) => `/api/v3/domains/${DOMAIN}/${r}?limit=10`),
];

/** One subdomain a page, with a cursor to the next: the module follows it up to event_limit. */
const PAGED_SUBDOMAINS = {
  [`GET /api/v3/domains/:id/subdomains`]: (req: { query: Record<string, string> }) => {
    const all = ['a.evil-updates.com', 'b.evil-updates.com', 'c.evil-updates.com'];
    const start = Number(req.query['cursor'] ?? 0);
    return { json: { data: [{ type: 'domain', id: all[start], attributes: {}, links: { self: '' } }], meta: { count: 3, cursor: String(start + 1) }, links: { self: '' } } };
  },
};

testModule({
  module: virustotal,
  vendors: { 'www.virustotal.com': virusTotalRoutes() },
  config: { apikey: VT_KEY },
  rows: [
    {
      name: 'a domain: its report, whois, siblings, subdomains, resolutions, related files and urls',
      query: attribute('domain', DOMAIN),
      requests: (requests) => {
        assert.deepEqual(paths(requests), DOMAIN_REQUESTS);
        for (const r of requests) {
          assert.equal(r.headers['x-apikey'], VT_KEY);
          assert.equal(r.headers['x-tool'], 'MISPModuleVirusTotalExpansion');
        }
      },
      check: checkDomain,
    },
    { name: 'a hostname is looked up as a domain', query: attribute('hostname', DOMAIN), requests: (r) => assert.deepEqual(paths(r), DOMAIN_REQUESTS), check: checkDomain },
    {
      name: 'an ip: its report, asn, resolutions and urls',
      query: attribute('ip-dst', IP),
      requests: (requests) => assert.deepEqual(paths(requests), [`/api/v3/ip_addresses/${IP}`, `/api/v3/ip_addresses/${IP}/resolutions?limit=10`, `/api/v3/ip_addresses/${IP}/urls?limit=10`]),
      check: (answer) => {
        const ip = find(answer, 'domain-ip', 'ip', IP);
        assert.deepEqual(fields(ip), { ip: IP, domain: [DOMAIN, 'cdn.evil-updates.com'] });
        assert.deepEqual(reportOf(answer, ip), { permalink: `https://www.virustotal.com/gui/ip-address/${IP}`, 'detection-ratio': '4/89' });
        assert.deepEqual(fields(find(answer, 'asn', 'asn', '64500')), { asn: '64500', 'subnet-announced': '203.0.113.0/24', country: 'NL' });
        assert.deepEqual(referencing(answer, ip.uuid, 'hosted-in'), [`url ${URL_VALUE}`]);
      },
    },
    {
      name: 'an ip|port is looked up by its ip',
      query: attribute('ip-src|port', `${IP}|8443`),
      requests: (requests) => assert.equal(requests[0]?.target, `/api/v3/ip_addresses/${IP}`),
      check: (answer) => assert.equal(fields(find(answer, 'domain-ip', 'ip', IP))['ip'], IP),
    },
    {
      name: 'an IPv6 address is asked as vt-py writes it',
      query: attribute('ip-dst', '2001:db8::7'),
      routes: {
        'GET /api/v3/ip_addresses/:id': (req) => ({
          json: { data: { type: 'ip_address', id: req.params['id'], attributes: { asn: 64501, network: '2001:db8::/32', country: 'DE', last_analysis_stats: { harmless: 1, malicious: 0, suspicious: 0, undetected: 2, timeout: 0 } }, links: {} } },
        }),
        'GET /api/v3/ip_addresses/:id/:relationship': { json: { data: [], meta: { count: 0 }, links: { self: '' } } },
      },
      requests: (requests) => assert.deepEqual(paths(requests), ['/api/v3/ip_addresses/2001:db8::7', '/api/v3/ip_addresses/2001:db8::7/resolutions?limit=10', '/api/v3/ip_addresses/2001:db8::7/urls?limit=10']),
      check: (answer) => {
        assert.deepEqual(reportOf(answer, find(answer, 'domain-ip', 'ip', '2001:db8::7')), { permalink: 'https://www.virustotal.com/gui/ip-address/2001:db8::7', 'detection-ratio': '0/3' });
        assert.deepEqual(fields(find(answer, 'asn', 'asn', '64501')), { asn: '64501', 'subnet-announced': '2001:db8::/32', country: 'DE' });
      },
    },
    {
      name: 'a hash: the file object, in-the-wild urls and what it contacts',
      query: attribute('md5', '44d88612fea8a8f36de82e1278abb02f'),
      requests: (requests) =>
        assert.deepEqual(paths(requests), [
          '/api/v3/files/44d88612fea8a8f36de82e1278abb02f',
          ...['contacted_domains', 'contacted_ips', 'contacted_urls', 'itw_urls'].map((r) => `/api/v3/files/${FILE.id}/${r}?limit=10`),
        ]),
      check: (answer) => {
        const file = find(answer, 'file', 'sha256', FILE.id);
        assert.deepEqual(fields(file), fileHashes());
        assert.deepEqual(reportOf(answer, file), { permalink: `https://www.virustotal.com/gui/file/${FILE.id}`, 'detection-ratio': '61/72' });
        assert.deepEqual(referencing(answer, file.uuid, 'downloaded'), [`url ${URL_VALUE}`]);
        assert.deepEqual(referencing(answer, file.uuid, 'communicates-with').sort(), [`domain-ip ${IP}`, `domain-ip ${DOMAIN}`]);
        assert.equal(attributes(answer).length, 0, 'nothing but objects');
      },
    },
    {
      name: 'a url: looked up by its base64url id, then its related files by VirusTotal\'s id',
      query: attribute('url', URL_VALUE),
      requests: (requests) =>
        assert.deepEqual(paths(requests), [
          `/api/v3/urls/${Buffer.from(URL_VALUE).toString('base64url')}`,
          ...['communicating_files', 'downloaded_files', 'referrer_files'].map((r) => `/api/v3/urls/${URL_ID}/${r}?limit=10`),
        ]),
      check: (answer) => {
        const url = find(answer, 'url', 'url', URL_VALUE);
        assert.deepEqual(fields(url), { url: URL_VALUE });
        assert.deepEqual(reportOf(answer, url), { permalink: `https://www.virustotal.com/gui/url/${URL_ID}`, 'detection-ratio': '11/91' });
        assert.deepEqual(referencing(answer, url.uuid, 'downloaded-from'), [`file ${Object.values(fileHashes()).join(',')}`]);
      },
    },
    {
      name: 'event_limit bounds every relationship, following the cursor page after page',
      query: attribute('domain', DOMAIN),
      config: { event_limit: '2' },
      routes: PAGED_SUBDOMAINS,
      requests: (requests) => {
        const subdomains = requests.filter((r) => r.path.endsWith('/subdomains')).map((r) => r.target);
        assert.deepEqual(subdomains, [`/api/v3/domains/${DOMAIN}/subdomains?limit=2`, `/api/v3/domains/${DOMAIN}/subdomains?limit=2&cursor=1`]);
        assert.ok(requests.filter((r) => r.path.endsWith('/resolutions')).every((r) => r.query['limit'] === '2'));
      },
      check: (answer) => {
        assert.deepEqual(attributes(answer).map((a) => a.value), ['evil-updates.net', 'a.evil-updates.com', 'b.evil-updates.com']);
      },
    },
    {
      name: 'event_limit 1 reads one resolution',
      query: attribute('domain', DOMAIN),
      config: { event_limit: '1' },
      check: (answer) => assert.deepEqual(fields(find(answer, 'domain-ip', 'domain', DOMAIN))['ip'], IP),
    },
    { name: 'an event_limit that is not a number is a clear error', query: attribute('domain', DOMAIN), config: { event_limit: 'ten' }, messageId: 'badLimit', data: { value: 'ten' } },
    {
      name: 'an object VirusTotal does not know: its own "not found", nothing invented',
      query: attribute('domain', 'never-seen.example'),
      error: 'Domain "never-seen.example" not found',
      requests: (requests) => assert.equal(requests.length, 1),
    },
    { name: 'an unknown hash', query: attribute('sha256', 'ab'.repeat(32)), error: `File "${'ab'.repeat(32)}" not found` },
    { name: 'no key', query: attribute('domain', DOMAIN), config: { apikey: '' }, error: 'A VirusTotal api key is required for this module.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('domain', DOMAIN), config: null, error: 'A VirusTotal api key is required for this module.' },
    {
      name: 'a wrong key: VirusTotal\'s 401 WrongCredentialsError, with its message',
      query: attribute('domain', DOMAIN),
      config: { apikey: 'not-the-key' },
      error: 'VirusTotal refused the key (setting apikey, HTTP 401 Unauthorized): Wrong API key.',
    },
    {
      name: 'a relationship the key may not read (403 ForbiddenError)',
      query: attribute('domain', DOMAIN),
      routes: { 'GET /api/v3/domains/:id/downloaded_files': { status: 403, json: { error: { code: 'ForbiddenError', message: 'You are not allowed to perform the requested operation' } } } },
      error: 'VirusTotal refused the key (setting apikey, HTTP 403 Forbidden): You are not allowed to perform the requested operation.',
    },
    {
      name: 'an answer without a VirusTotal object is a clear error',
      query: attribute('domain', DOMAIN),
      routes: { 'GET /api/v3/domains/:id': { json: { data: [] } } },
      messageId: 'unexpected',
      data: { vendor: 'VirusTotal', what: 'object' },
    },
    {
      name: 'a relationship answer without a list is a clear error',
      query: attribute('domain', DOMAIN),
      routes: { 'GET /api/v3/domains/:id/siblings': { json: { data: { type: 'domain', id: 'x' } } } },
      messageId: 'unexpected',
      data: { vendor: 'VirusTotal', what: 'collection' },
    },
    {
      name: 'an object without whois, asn or analysis: upstream crashed, we answer what there is',
      query: attribute('ip-src', IP),
      routes: { 'GET /api/v3/ip_addresses/:id': { json: { data: { type: 'ip_address', id: IP, attributes: {}, links: {} } } } },
      check: (answer) => {
        assert.equal(objects(answer).filter((o) => o.name === 'asn').length, 0);
        assert.equal(reportOf(answer, find(answer, 'domain-ip', 'ip', IP))['detection-ratio'], '-/-');
      },
    },
    {
      name: 'a related file listed without attributes keeps its id as sha256',
      query: attribute('domain', DOMAIN),
      routes: { 'GET /api/v3/domains/:id/referrer_files': { json: { data: [{ type: 'file', id: 'cd'.repeat(32), links: {} }], meta: { count: 1 }, links: { self: '' } } } },
      check: (answer) => {
        const file = find(answer, 'file', 'sha256', 'cd'.repeat(32));
        assert.deepEqual(fields(file), { sha256: 'cd'.repeat(32) });
        assert.deepEqual(reportOf(answer, file), { permalink: `https://www.virustotal.com/gui/file/${'cd'.repeat(32)}`, 'detection-ratio': '-/-' });
      },
    },
    { name: 'proxy_host without proxy_port', query: attribute('domain', DOMAIN), config: { proxy_host: 'http://proxy.example' }, messageId: 'proxyPort', data: { module: 'virustotal' } },
    {
      name: 'proxy_username without proxy_password',
      query: attribute('domain', DOMAIN),
      config: { proxy_host: 'http://proxy.example', proxy_port: '3128', proxy_username: 'me' },
      messageId: 'proxyPassword',
      data: { module: 'virustotal' },
    },
    { name: 'a type it does not take is refused before any request', query: attribute('sha512', 'ab'.repeat(64)), error: /does not accept attributes of type 'sha512'/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute', query: { domain: DOMAIN }, error: /requires an "attribute" field/ },
    ...vendorFailureRows({ query: attribute('domain', DOMAIN), skip: ['unauthorized'], vendorMessage: 'Quota exceeded' }).map((row) =>
      row.name.includes('429') ? { ...row, error: 'VirusTotal rate limit reached (HTTP 429 Too Many Requests: Quota exceeded); retry after 60 s.' } : row,
    ),
  ],
});

describe('virustotal: proxy_host/proxy_port/proxy_username/proxy_password', () => {
  let vt: FakeHttp;
  let proxy: FakeProxy;
  let server: TestServer;
  before(async () => {
    vt = await startFakeHttp(virusTotalRoutes());
    // The proxy reaches the fake VirusTotal whatever name it is asked for; the server sends
    // www.virustotal.com to a non-loopback name (loopback destinations are never proxied).
    proxy = await startFakeProxy({ auth: { username: 'misp', password: 'pr0xy:pass' }, hosts: { 'vt.proxied.test': `127.0.0.1:${vt.port}` } });
    server = await startTestServer({ builtins: [virustotal], settings: { upstreams: [`www.virustotal.com=http://vt.proxied.test:${vt.port}`] } });
  });
  after(async () => {
    await server.close();
    await proxy.close();
    await vt.close();
  });

  test('every request of the module goes through its proxy, with its credentials', async () => {
    const answer = await server.query({
      module: 'virustotal',
      attribute: attribute('ip-dst', IP).attribute,
      config: { apikey: VT_KEY, proxy_host: 'http://127.0.0.1', proxy_port: String(proxy.port), proxy_username: 'misp', proxy_password: 'pr0xy:pass' },
    });
    assert.equal(answer['error'], undefined, JSON.stringify(answer));
    assert.equal(fields(find(answer, 'domain-ip', 'ip', IP))['ip'], IP);
    assert.equal(vt.requests.length, 3);
    assert.ok(proxy.requests.length >= 1);
    for (const r of proxy.requests) {
      assert.equal(r.method, 'CONNECT');
      assert.equal(r.target, `vt.proxied.test:${vt.port}`);
      assert.equal(r.headers['proxy-authorization'], `Basic ${Buffer.from('misp:pr0xy:pass').toString('base64')}`);
    }
  });

  test('a wrong proxy password is a clear error naming the proxy, not the password', async () => {
    const answer = await server.query({
      module: 'virustotal',
      attribute: attribute('ip-dst', IP).attribute,
      config: { apikey: VT_KEY, proxy_host: '127.0.0.1', proxy_port: String(proxy.port), proxy_username: 'misp', proxy_password: 'wrong-SECRET' },
    });
    assert.deepEqual(answer, { error: 'Could not connect to VirusTotal through the proxy: the proxy answered HTTP 407 Proxy Authentication Required.' });
  });
});
