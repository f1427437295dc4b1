/**
 * cve_advanced against a loopback cve-search API (cvepremium.circl.lu):
 * `GET /api/cve/{id}` answers the CVE as cve-search stores it (cvss3, CPEs as
 * `{id, title}`, `cwe`, `capec[]` with related weaknesses), `null` for an
 * unknown id; `GET /api/cwe/{number}` the CWE record.
 */
import assert from 'node:assert/strict';
import cve_advanced from '../../../src/modules/expansion/cve_advanced.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const CPE = 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*';

const LOG4SHELL = {
  id: 'CVE-2021-44228',
  summary: 'Apache Log4j2 JNDI features do not protect against attacker controlled LDAP and other JNDI related endpoints.',
  cvss: 9.3,
  cvss3: 10.0,
  'cvss3-vector': 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  Modified: '2023-04-03T20:15:00',
  Published: '2021-12-10T10:15:00',
  references: ['https://logging.apache.org/log4j/2.x/security.html'],
  vulnerable_configuration: [{ id: CPE, title: CPE }],
  vulnerable_configuration_cpe_2_2: ['cpe:/a:apache:log4j:2.14.1'],
  cwe: 'CWE-502',
  capec: [
    {
      id: '586',
      name: 'Object Injection',
      summary: 'An adversary attempts to exploit an application that injects serialized objects.',
      prerequisites: 'The target application must unserialize data before validation.',
      solutions: 'Implementation: Validate object before deserialization process.',
      related_weakness: ['502', '94'],
    },
    { id: '248', name: 'Command Injection', related_weakness: ['77'] },
  ],
};
const CWE_502 = {
  id: '502',
  name: 'Deserialization of Untrusted Data',
  status: 'Draft',
  weaknessabs: 'Variant',
  description_summary: 'The application deserializes untrusted data without sufficiently verifying that the resulting data will be valid.',
};

const CVE_SEARCH = {
  'GET /api/cve/:id': (req: FakeRequest) => ({ json: req.params['id'] === 'CVE-2021-44228' ? LOG4SHELL : null }),
  'GET /api/cwe/:id': (req: FakeRequest) => (req.params['id'] === '502' ? { json: CWE_502 } : { status: 404, json: { message: 'Not found' } }),
} satisfies Routes;

const attribute = (value: string) => ({ attribute: { type: 'vulnerability', value, uuid: UUID, category: 'External analysis' } });

type ResultObject = { uuid: string; name: string; Attribute: Array<{ object_relation: string; type: string; value: string }>; ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }> };
const objects = (answer: Answer) => (answer['results'] as { Object: ResultObject[] }).Object;
const relations = (object: ResultObject) => object.Attribute.map((a) => [a.object_relation, a.type, a.value]);

testModule({
  module: cve_advanced,
  vendors: { 'cvepremium.circl.lu': CVE_SEARCH, 'cve-search.internal.example': CVE_SEARCH },
  config: {},
  rows: [
    {
      name: 'a CVE gives the vulnerability, its weakness and attack patterns, linked',
      query: attribute('CVE-2021-44228'),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.target}`), ['cvepremium.circl.lu GET /api/cve/CVE-2021-44228', 'cvepremium.circl.lu GET /api/cwe/502']),
      check: (answer) => {
        const [vulnerability, weakness, injection, command] = objects(answer);
        assert.deepEqual(relations(vulnerability!), [
          ['id', 'vulnerability', 'CVE-2021-44228'],
          ['summary', 'text', LOG4SHELL.summary],
          ['modified', 'datetime', '2023-04-03T20:15:00'],
          ['cvss-score', 'float', '10'],
          ['cvss-string', 'text', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'],
          ['published', 'datetime', '2021-12-10T10:15:00'],
          ['state', 'text', 'Published'],
          ['vulnerable-configuration', 'cpe', CPE],
          ['vulnerable-configuration', 'cpe', 'cpe:/a:apache:log4j:2.14.1'],
          ['references', 'link', 'https://logging.apache.org/log4j/2.x/security.html'],
        ]);
        assert.deepEqual(relations(weakness!), [
          ['id', 'weakness', 'CWE-502'],
          ['name', 'text', 'Deserialization of Untrusted Data'],
          ['description', 'text', CWE_502.description_summary],
          ['status', 'text', 'Draft'],
          ['weakness-abs', 'text', 'Variant'],
        ]);
        assert.deepEqual(relations(injection!), [
          ['id', 'text', '586'],
          ['name', 'text', 'Object Injection'],
          ['summary', 'text', LOG4SHELL.capec[0]!.summary],
          ['prerequisites', 'text', LOG4SHELL.capec[0]!.prerequisites],
          ['solutions', 'text', LOG4SHELL.capec[0]!.solutions],
          ['related-weakness', 'weakness', 'CWE-502'],
          ['related-weakness', 'weakness', 'CWE-94'],
        ]);
        // A CAPEC entry without summary, prerequisites or solutions keeps what it has.
        assert.deepEqual(relations(command!), [['id', 'text', '248'], ['name', 'text', 'Command Injection'], ['related-weakness', 'weakness', 'CWE-77']]);
        assert.deepEqual(vulnerability!.ObjectReference!.map((r) => [r.relationship_type, r.referenced_uuid]), [
          ['related-to', UUID],
          ['weakened-by', weakness!.uuid],
          ['targeted-by', injection!.uuid],
          ['targeted-by', command!.uuid],
        ]);
      },
    },
    {
      name: 'custom_API sends both lookups to that instance',
      query: attribute('CVE-2021-44228'),
      config: { custom_API: 'https://cve-search.internal.example/api/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['cve-search.internal.example /api/cve/CVE-2021-44228', 'cve-search.internal.example /api/cwe/502']),
      check: (answer) => assert.equal(objects(answer).length, 4),
    },
    {
      name: 'a CWE lookup that fails leaves the weakness out, as upstream',
      query: attribute('CVE-2021-44228'),
      routes: { 'GET /api/cwe/:id': { status: 500, json: { message: 'down' } } },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['vulnerability', 'attack-pattern', 'attack-pattern']),
    },
    {
      name: '"NVD-CWE-Other" is no CWE to look up',
      query: attribute('CVE-2021-44228'),
      routes: { 'GET /api/cve/:id': { json: { ...LOG4SHELL, cwe: 'NVD-CWE-Other', capec: [] } } },
      inputUuids: [UUID],
      requests: (requests) => assert.equal(requests.length, 1),
      check: (answer) => assert.deepEqual(objects(answer).map((o) => o.name), ['vulnerability']),
    },
    { name: 'an unknown CVE (null) is "Non existing CVE", as an error', query: attribute('CVE-2099-0001'), messageId: 'notFound' },
    { name: 'an unknown CVE (404) too', query: attribute('CVE-2099-0001'), routes: { 'GET /api/cve/:id': { status: 404, json: { message: 'Not found' } } }, messageId: 'notFound' },
    { name: 'a value of ".." (another API path) is not sent', query: attribute('..'), messageId: 'notFound', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a type it does not take is refused before any request', query: { attribute: { type: 'cpe', value: CPE, uuid: UUID } }, error: /does not accept attributes of type 'cpe'/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute('CVE-2021-44228'), host: 'cvepremium.circl.lu', route: 'GET /api/cve/:id', skip: ['unauthorized'], vendorMessage: 'Database unavailable' }),
  ],
});
