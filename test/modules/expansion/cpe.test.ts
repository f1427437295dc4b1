/**
 * cpe against a loopback cve-search query API (cvepremium.circl.lu):
 * `POST /api/query` with a `dict_filter` on `vulnerable_configuration`
 * answers `{"data": [CVE…], "total": n}`, CVEs as cve-search stores them
 * (`vulnerable_configuration` as `{id, title}` objects, CPE 2.2 as strings).
 */
import assert from 'node:assert/strict';
import cpe from '../../../src/modules/expansion/cpe.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const CPE = 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*';

const LOG4SHELL = {
  id: 'CVE-2021-44228',
  summary: 'Apache Log4j2 2.0-beta9 through 2.15.0 (excluding security releases 2.12.2, 2.12.3, and 2.3.1) JNDI features used in configuration, log messages, and parameters do not protect against attacker controlled LDAP and other JNDI related endpoints.',
  cvss: 9.3,
  cvss3: 10.0,
  'cvss3-vector': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  Modified: '2023-04-03T20:15:00',
  Published: '2021-12-10T10:15:00',
  references: ['https://logging.apache.org/log4j/2.x/security.html', 'http://www.openwall.com/lists/oss-security/2021/12/10/1'],
  vulnerable_configuration: [{ id: CPE, title: CPE }],
  vulnerable_configuration_cpe_2_2: ['cpe:/a:apache:log4j:2.14.1'],
  cwe: 'CWE-502',
  access: { authentication: 'NONE', complexity: 'MEDIUM', vector: 'NETWORK' },
};
const LOG4J_DOS = {
  id: 'CVE-2021-45105',
  summary: 'Apache Log4j2 versions 2.0-alpha1 through 2.16.0 did not protect from uncontrolled recursion from self-referential lookups.',
  cvss: 4.3,
  Modified: '2023-04-03T20:15:00',
  references: ['https://logging.apache.org/log4j/2.x/security.html'],
  vulnerable_configuration: [CPE],
};

const CVE_SEARCH = {
  'POST /api/query': (req: FakeRequest) => {
    const body = req.json<{ dict_filter?: { vulnerable_configuration?: string }; limit?: number }>();
    const data = body.dict_filter?.vulnerable_configuration === CPE ? [LOG4SHELL, LOG4J_DOS].slice(0, body.limit ?? 10) : [];
    return { json: { data, total: data.length } };
  },
} satisfies Routes;

const attribute = (value: string) => ({ attribute: { type: 'cpe', value, uuid: UUID, category: 'External analysis' } });

type ResultObject = { name: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };
function vulnerabilities(answer: Answer): Array<Array<[string, string, string]>> {
  const found = (answer['results'] as { Object: ResultObject[] }).Object;
  for (const object of found) {
    assert.equal(object.name, 'vulnerability');
    assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
  }
  return found.map((object) => object.Attribute.map((a) => [a.object_relation, a.type, a.value]));
}

testModule({
  module: cpe,
  vendors: { 'cvepremium.circl.lu': CVE_SEARCH, 'cve-search.internal.example': CVE_SEARCH },
  config: {},
  rows: [
    {
      name: 'a CPE gives its vulnerabilities, highest CVSS first',
      query: attribute(CPE),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.target}`), ['cvepremium.circl.lu POST /api/query']);
        assert.deepEqual(JSON.parse(requests[0]!.body), { retrieve: 'cves', dict_filter: { vulnerable_configuration: CPE }, limit: 10, sort: 'cvss', sort_dir: 'DESC' });
      },
      check: (answer) => {
        const [first, second] = vulnerabilities(answer);
        assert.deepEqual(first, [
          ['id', 'vulnerability', 'CVE-2021-44228'],
          ['summary', 'text', LOG4SHELL.summary],
          ['modified', 'datetime', '2023-04-03T20:15:00'],
          ['published', 'datetime', '2021-12-10T10:15:00'],
          ['cvss-score', 'float', '9.3'],
          ['state', 'text', 'Published'],
          ['references', 'link', 'https://logging.apache.org/log4j/2.x/security.html'],
          ['references', 'link', 'http://www.openwall.com/lists/oss-security/2021/12/10/1'],
          ['vulnerable-configuration', 'cpe', CPE],
          ['vulnerable-configuration', 'cpe', 'cpe:/a:apache:log4j:2.14.1'],
        ]);
        // Not published: no published date, no state.
        assert.deepEqual(second!.map(([relation]) => relation), ['id', 'summary', 'modified', 'cvss-score', 'references', 'vulnerable-configuration']);
      },
    },
    {
      name: 'limit is sent as a number',
      query: attribute(CPE),
      config: { limit: '1' },
      inputUuids: [UUID],
      requests: (requests) => assert.equal(JSON.parse(requests[0]!.body).limit, 1),
      check: (answer) => assert.equal(vulnerabilities(answer).length, 1),
    },
    {
      name: 'custom_API_URL is the query URL, used as written',
      query: attribute(CPE),
      config: { custom_API_URL: 'https://cve-search.internal.example/api/query' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['cve-search.internal.example /api/query']),
      check: (answer) => assert.equal(vulnerabilities(answer).length, 2),
    },
    { name: 'a CPE without vulnerability is upstream\'s message, nothing invented', query: attribute('cpe:2.3:a:example:nothing:1.0:*:*:*:*:*:*:*'), messageId: 'noVulnerability' },
    { name: 'an answer without `data` is the same message', query: attribute(CPE), routes: { 'POST /api/query': { json: { total: 0 } } }, messageId: 'noVulnerability' },
    { name: 'a limit that is no number is refused before any request', query: attribute(CPE), config: { limit: 'ten' }, messageId: 'badLimit', data: { value: 'ten' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a 404 (no query API there) is the vendor\'s error, named', query: attribute(CPE), routes: { 'POST /api/query': { status: 404, json: { message: 'The requested URL was not found on the server.' } } }, error: 'cve-search answered HTTP 404 Not Found: The requested URL was not found on the server.' },
    { name: 'a type it does not take is refused before any request', query: { attribute: { type: 'vulnerability', value: 'CVE-2021-44228', uuid: UUID } }, error: /does not accept attributes of type 'vulnerability'/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute(CPE), host: 'cvepremium.circl.lu', skip: ['unauthorized'], vendorMessage: 'Database unavailable' }),
  ],
});
