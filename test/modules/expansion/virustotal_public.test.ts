/**
 * virustotal_public against a loopback VirusTotal API v3 (virustotal-fake.ts):
 * the public API's relationships only, upstream's objects, the `x-apikey`
 * header checked. The declared 4-a-minute limit is lifted here
 * (`vendorLimits: VirusTotal public=none`) so that the rows run at once; the
 * limit itself is tested in virustotal_public-rate-limit.test.ts.
 */
import assert from 'node:assert/strict';
import virustotal_public from '../../../src/modules/expansion/virustotal_public.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { DOMAIN, FILE, IP, URL_ID, URL_VALUE, VT_KEY, virusTotalRoutes } from './virustotal-fake.js';
import { attributes, fields, find, objects, referencing, reportOf } from './virustotal-results.js';

const UUID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity' } });
/** The object first, then its relationships (asked at the same time, so in any order). */
const paths = (requests: VendorRequest[]) => [requests[0]?.target, ...requests.slice(1).map((r) => r.target).sort()];

testModule({
  module: virustotal_public,
  vendors: { 'www.virustotal.com': virusTotalRoutes() },
  config: { apikey: VT_KEY },
  settings: { vendorLimits: ['VirusTotal public=none'] },
  rows: [
    {
      name: 'a domain: report, whois, siblings, subdomains, resolutions, communicating and referrer files (no downloaded files, no urls)',
      query: attribute('domain', DOMAIN),
      requests: (requests) => {
        assert.deepEqual(paths(requests), [
          `/api/v3/domains/${DOMAIN}`,
          ...['communicating_files', 'referrer_files', 'resolutions', 'siblings', 'subdomains'].map((r) => `/api/v3/domains/${DOMAIN}/${r}?limit=10`),
        ]);
        for (const r of requests) {
          assert.equal(r.headers['x-apikey'], VT_KEY);
          assert.equal(r.headers['x-tool'], 'MISPModuleVirusTotalPublicExpansion');
        }
      },
      check: (answer) => {
        const domain = find(answer, 'domain-ip', 'domain', DOMAIN);
        assert.deepEqual(fields(domain), { domain: DOMAIN, ip: [IP, '198.51.100.23'] });
        assert.deepEqual(reportOf(answer, domain), { permalink: `https://www.virustotal.com/gui/domain/${DOMAIN}`, 'detection-ratio': '9/92' });
        assert.deepEqual(attributes(answer).map((a) => `${a.type} ${a.value}`), ['domain evil-updates.net', 'domain cdn.evil-updates.com', 'domain api.evil-updates.com']);
        assert.equal(referencing(answer, domain.uuid, 'communicates-with').length, 1);
        assert.deepEqual(objects(answer).map((o) => o.name).sort(), ['domain-ip', 'file', 'virustotal-report', 'virustotal-report', 'whois']);
      },
    },
    {
      name: 'an ip: report, asn and resolutions; the permalink is VirusTotal\'s ip-address page',
      query: attribute('ip-src', IP),
      requests: (requests) => assert.deepEqual(paths(requests), [`/api/v3/ip_addresses/${IP}`, `/api/v3/ip_addresses/${IP}/resolutions?limit=10`]),
      check: (answer) => {
        const ip = find(answer, 'domain-ip', 'ip', IP);
        assert.deepEqual(fields(ip), { ip: IP, domain: [DOMAIN, 'cdn.evil-updates.com'] });
        assert.deepEqual(reportOf(answer, ip), { permalink: `https://www.virustotal.com/gui/ip-address/${IP}`, 'detection-ratio': '4/89' });
        assert.deepEqual(fields(find(answer, 'asn', 'asn', '64500')), { asn: '64500', 'subnet-announced': '203.0.113.0/24', country: 'NL' });
        assert.equal(objects(answer).length, 3);
      },
    },
    {
      name: 'a sha1: the file and what it contacts (no in-the-wild urls)',
      query: attribute('sha1', FILE.attributes['sha1'] as string),
      requests: (requests) =>
        assert.deepEqual(paths(requests), [
          `/api/v3/files/${FILE.attributes['sha1'] as string}`,
          ...['contacted_domains', 'contacted_ips', 'contacted_urls'].map((r) => `/api/v3/files/${FILE.id}/${r}?limit=10`),
        ]),
      check: (answer) => {
        const file = find(answer, 'file', 'sha256', FILE.id);
        assert.equal(fields(file)['md5'], FILE.attributes['md5']);
        assert.equal(fields(file)['imphash'], 'f34d5f2d4577ed6d9ceec516c1f5a744');
        assert.equal(reportOf(answer, file)['detection-ratio'], '61/72');
        assert.deepEqual(referencing(answer, file.uuid, 'communicates-with').sort(), [`domain-ip ${IP}`, `domain-ip ${DOMAIN}`]);
        assert.deepEqual(referencing(answer, file.uuid, 'downloaded'), []);
      },
    },
    {
      name: 'a url: one request, the url and its report',
      query: attribute('url', URL_VALUE),
      requests: (requests) => assert.deepEqual(paths(requests), [`/api/v3/urls/${Buffer.from(URL_VALUE).toString('base64url')}`]),
      check: (answer) => {
        const url = find(answer, 'url', 'url', URL_VALUE);
        assert.deepEqual(reportOf(answer, url), { permalink: `https://www.virustotal.com/gui/url/${URL_ID}`, 'detection-ratio': '11/91' });
        assert.equal(objects(answer).length, 2);
      },
    },
    { name: 'an unknown url: VirusTotal\'s own "not found"', query: attribute('url', 'http://never-seen.example/'), error: `URL "${Buffer.from('http://never-seen.example/').toString('base64url')}" not found` },
    { name: 'no key', query: attribute('domain', DOMAIN), config: { apikey: '' }, error: 'A VirusTotal api key is required for this module.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('domain', DOMAIN), config: null, error: 'A VirusTotal api key is required for this module.' },
    {
      name: 'a wrong key: VirusTotal\'s 401 WrongCredentialsError, with its message',
      query: attribute('url', URL_VALUE),
      config: { apikey: 'not-the-key' },
      error: 'VirusTotal public refused the key (setting apikey, HTTP 401 Unauthorized): Wrong API key.',
    },
    { name: 'proxy_host without proxy_port', query: attribute('url', URL_VALUE), config: { proxy_host: 'proxy.example' }, messageId: 'proxyPort', data: { module: 'virustotal_public' } },
    { name: 'a type it does not take (ip-src|port is virustotal\'s only)', query: attribute('ip-src|port', `${IP}|80`), error: /does not accept attributes of type 'ip-src\|port'/ },
    ...vendorFailureRows({ query: attribute('url', URL_VALUE), skip: ['unauthorized'], vendorMessage: 'Quota exceeded' }).map((row) =>
      row.name.includes('429') ? { ...row, error: 'VirusTotal public rate limit reached (HTTP 429 Too Many Requests: Quota exceeded); retry after 60 s.' } : row,
    ),
  ],
});
