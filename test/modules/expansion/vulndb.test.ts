/**
 * vulndb against a loopback VulnDB API v1: `find_by_cve_id` answers only a
 * request whose OAuth 1.0a HMAC-SHA1 signature (computed here from the real
 * URL, as the vendor does) matches the consumer secret; bodies shaped like
 * VulnDB's documented vulnerability entries.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import vulndb from '../../../src/modules/expansion/vulndb.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'vulndb-client-id';
const SECRET = 'vulndb/client+secret';
const CVE = 'CVE-2021-44228';

/** RFC 5849 §3.4 verification, written from the RFC (not from the module's helper). */
function validSignature(req: FakeRequest): boolean {
  const query = new URLSearchParams(req.target.split('?')[1] ?? '');
  if (query.get('oauth_consumer_key') !== KEY || query.get('oauth_signature_method') !== 'HMAC-SHA1') return false;
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  const pairs = [...query.entries()].filter(([k]) => k !== 'oauth_signature').map(([k, v]) => `${enc(k)}=${enc(v)}`).sort();
  const base = ['GET', enc(`https://vulndb.cyberriskanalytics.com${req.path}`), enc(pairs.join('&'))].join('&');
  const expected = createHmac('sha1', `${enc(SECRET)}&`).update(base).digest('base64');
  return query.get('oauth_signature') === expected;
}

/** One entry as VulnDB's API documents it (trimmed). */
const LOG4SHELL = {
  vulndb_id: 275958,
  title: 'Apache Log4j2 JNDI Lookup Remote Code Execution (Log4Shell)',
  keywords: 'log4shell',
  description: 'Apache Log4j2 contains a flaw in the JNDI features that is triggered when handling lookups.',
  solution: 'Upgrade to version 2.15.0 or later.',
  manual_notes: null,
  t_description: null,
  solution_date: '2021-12-10T00:00:00Z',
  vendor_informed_date: null,
  vendor_ack_date: null,
  third_party_solution_date: null,
  disclosure_date: '2021-12-09T00:00:00Z',
  exploit_publish_date: '2021-12-09T00:00:00Z',
  discovery_date: '2021-11-24T00:00:00Z',
  classifications: [
    { name: 'location_remote', longname: 'Remote / Network Access', description: 'This vulnerability can be exploited remotely.' },
    { name: 'impact_integrity', longname: 'Loss of Integrity', description: '...' },
  ],
  ext_references: [
    { type: 'CVE ID', value: CVE },
    { type: 'Vendor Specific Advisory URL', value: 'https://logging.apache.org/log4j/2.x/security.html' },
    { type: 'Exploit Database', value: '50592' },
    { type: 'Related VulnDB ID', value: '276155' },
  ],
  cvss_metrics: [{ id: 1, access_vector: 'NETWORK', score: 10.0, calculated_cvss_base_score: 10.0, source: 'Flashpoint' }],
  vendors: [{ vendor: { id: 2196, name: 'Apache Software Foundation', short_name: 'apache', vendor_url: 'https://apache.org' } }],
  products: [
    {
      id: 1001,
      name: 'Log4j',
      versions: [
        { id: 1, name: '2.14.1', affected: 'true', cpe: [{ cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*', type: 'Verified' }] },
        { id: 2, name: '2.15.0', affected: 'false', cpe: [{ cpe: 'cpe:2.3:a:apache:log4j:2.15.0:*:*:*:*:*:*:*', type: 'Verified' }] },
      ],
    },
  ],
};

const VULNDB = {
  'GET /api/v1/vulnerabilities/:cve/find_by_cve_id': (req: FakeRequest): FakeResponse => {
    if (!validSignature(req)) return { status: 401, json: { error: 'Invalid OAuth signature' } };
    if (req.params['cve'] !== CVE) return { status: 404, json: { error: 'Vulnerability not found' } };
    return { json: { size: 1, total_entries: 1, results: [LOG4SHELL] } };
  },
} satisfies Routes;

const values = (answer: Answer, type: string) =>
  ((answer['results'] as Array<{ types: string[]; values: string[] }>).find((r) => r.types[0] === type)?.values ?? []);

testModule({
  module: vulndb,
  vendors: { 'vulndb.cyberriskanalytics.com': VULNDB },
  config: { apikey: KEY, apisecret: SECRET },
  rows: [
    {
      name: 'a known CVE: texts, links and CPEs as upstream builds them, signed request',
      query: { vulnerability: CVE },
      requests: (requests) => {
        assert.equal(requests.length, 1);
        assert.equal(requests[0]!.path, `/api/v1/vulnerabilities/${CVE}/find_by_cve_id`);
        assert.equal(requests[0]!.query['show_cpe'], 'true');
        assert.equal(requests[0]!.query['oauth_body_hash'], '2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
        assert.equal(requests[0]!.headers.authorization, undefined);
      },
      check: (answer) => {
        assert.deepEqual(values(answer, 'text'), [
          LOG4SHELL.title,
          LOG4SHELL.description,
          'Keywords: log4shell',
          'Solution: Upgrade to version 2.15.0 or later.',
          'Solution date: 2021-12-10T00:00:00Z',
          'Disclosure date: 2021-12-09T00:00:00Z',
          'Discovery date: 2021-11-24T00:00:00Z',
          'Exploit published date: 2021-12-09T00:00:00Z',
          'CVSS 10 (base: 10) (source: Flashpoint)',
          'Apache Software Foundation Log4j ( 2.14.1 )',
          ' "Remote / Network Access"  "Loss of Integrity" ',
        ]);
        assert.deepEqual(values(answer, 'link'), [
          'https://vulndb.cyberriskanalytics.com/vulnerabilities/275958',
          `https://nvd.nist.gov/vuln/detail/${CVE}`,
          'https://logging.apache.org/log4j/2.x/security.html',
          'https://www.exploit-db.com/exploits/50592',
        ]);
        assert.deepEqual(values(answer, 'cpe'), ['cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*', 'cpe:2.3:a:apache:log4j:2.15.0:*:*:*:*:*:*:*']);
      },
    },
    {
      name: 'the discard_* switches leave parts out (and no show_cpe without CPEs)',
      query: { vulnerability: CVE },
      config: { discard_dates: 'True', discard_cpe: 'true', discard_cvss: 'TRUE', discard_external_references: 'true', discard_productinformation: 'true', discard_classification: 'true' },
      requests: (requests) => assert.equal(requests[0]!.query['show_cpe'], undefined),
      check: (answer) => {
        assert.deepEqual(values(answer, 'text'), [LOG4SHELL.title, LOG4SHELL.description, 'Keywords: log4shell', 'Solution: Upgrade to version 2.15.0 or later.']);
        assert.deepEqual(values(answer, 'link'), ['https://vulndb.cyberriskanalytics.com/vulnerabilities/275958']);
        assert.deepEqual(values(answer, 'cpe'), []);
      },
    },
    { name: 'an unknown CVE: "No CVE information found."', query: { vulnerability: 'CVE-1999-0001' }, error: 'No CVE information found.' },
    { name: 'an answer with an error field: "No CVE information found."', query: { vulnerability: CVE }, routes: { 'GET /api/v1/vulnerabilities/:cve/find_by_cve_id': { json: { error: 'nothing' } } }, error: 'No CVE information found.' },
    { name: 'an empty results list: "No CVE information found." (upstream crashed)', query: { vulnerability: CVE }, routes: { 'GET /api/v1/vulnerabilities/:cve/find_by_cve_id': { json: { size: 0, total_entries: 0, results: [] } } }, error: 'No CVE information found.' },
    { name: 'an empty answer: "No information retrieved from VulnDB."', query: { vulnerability: CVE }, routes: { 'GET /api/v1/vulnerabilities/:cve/find_by_cve_id': { json: {} } }, error: 'No information retrieved from VulnDB.' },
    { name: 'no vulnerability in the query: refused before any request', query: { 'ip-src': '1.2.3.4' }, error: /needs one of these attribute types in the request: vulnerability/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no secret', query: { vulnerability: CVE }, config: { apisecret: '' }, error: 'Missing API key or secret value for VulnDB.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: { vulnerability: CVE }, config: null, error: 'Missing API key or secret value for VulnDB.' },
    { name: 'a wrong secret: the signature is refused (401)', query: { vulnerability: CVE }, config: { apisecret: 'wrong' }, error: 'VulnDB answered HTTP 401 Unauthorized: Invalid OAuth signature.' },
    ...vendorFailureRows({ query: { vulnerability: CVE }, skip: ['unauthorized'], vendorMessage: 'Internal error' }),
  ],
});
