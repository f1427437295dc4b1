/**
 * cve against a loopback Vulnerability-Lookup instance (cve.circl.lu):
 * `GET /api/vulnerability/:id` answered from recorded CVE JSON 5 records,
 * `{}` for an id the instance does not know.
 */
import assert from 'node:assert/strict';
import { STANDARD_ATTRIBUTE_ERROR } from '../../../src/core/query-helpers.js';
import cveModule from '../../../src/modules/expansion/cve.js';
import type { FakeResponse } from '../../support/fake-http.js';
import { testModule, type Answer, type ModuleTestRow } from '../../support/module-tester.js';
import { waitFor } from '../../support/wait.js';
import { VULNERABILITY_LOOKUP, view, vulnerabilityFixture, type Attr, type Obj } from './vulnerability-fixtures.js';

const INPUT_UUID = '5b4c2f2e-8e7a-4d0a-9a49-1f3c6c2b7e10';
const NOT_ACCESSIBLE = 'Vulnerability Lookup API not accessible.';
const NOT_FOUND = 'Non existing vulnerability ID.';

const ask = (value: string) => ({ attribute: { type: 'vulnerability', value, uuid: INPUT_UUID, category: 'External analysis' } });
const ROUTE = 'GET /api/vulnerability/:id';

/** The references of an object as `relationship -> target` pairs, targets named by `names`. */
function links(object: Obj, names: Map<string, string>): string[] {
  return (object.ObjectReference ?? []).map((r) => `${r.relationship_type} -> ${names.get(r.referenced_uuid) ?? r.referenced_uuid}`);
}

function results(answer: Answer): { Attribute: Attr[]; Object: Obj[] } {
  assert.ok(answer['results'], `a result, not ${JSON.stringify(answer)}`);
  return answer['results'] as { Attribute: Attr[]; Object: Obj[] };
}

const REJECTED = {
  dataType: 'CVE_RECORD',
  dataVersion: '5.1',
  cveMetadata: {
    cveId: 'CVE-2023-0001',
    assignerOrgId: '8254265b-2729-46b6-b9e3-3dfca2d5bfca',
    assignerShortName: 'mitre',
    state: 'REJECTED',
    dateReserved: '2022-12-31T00:00:00.000Z',
    dateRejected: '2023-02-02T16:07:05.102Z',
    dateUpdated: '2023-02-02T16:07:05.102Z',
  },
  containers: {
    cna: {
      providerMetadata: { orgId: '8254265b-2729-46b6-b9e3-3dfca2d5bfca', shortName: 'mitre', dateUpdated: '2023-02-02T16:07:05.102Z' },
      rejectedReasons: [{ lang: 'en', value: 'This candidate was withdrawn by its CNA. Further investigation showed that it was not a security issue.' }],
    },
  },
};

/** CVE-2024-3094 with its English description replaced by German and French ones. */
function withoutEnglish(): Record<string, unknown> {
  const record = vulnerabilityFixture('CVE-2024-3094')!;
  const cna = (record['containers'] as { cna: Record<string, unknown> }).cna;
  cna['descriptions'] = [
    { lang: 'de', value: 'Bösartiger Code in den xz-Quellarchiven.' },
    { lang: 'fr', value: 'Code malveillant dans les archives source de xz.' },
  ];
  return record;
}

const nothingAsked = (requests: unknown[]) => assert.equal(requests.length, 0);

const notFoundRows: ModuleTestRow[] = ([{ json: {} }, { json: [] }, { json: null }, { body: '' }] satisfies FakeResponse[]).map((response) => ({
  name: `not found: HTTP 200 with ${JSON.stringify(response)}`,
  query: ask('CVE-2099-0001'),
  routes: { [ROUTE]: response },
  error: NOT_FOUND,
}));

const statusRows: ModuleTestRow[] = [401, 404, 429, 500].map((status) => ({
  name: `upstream ${status}: upstream's "not accessible" message`,
  query: ask('CVE-2024-3094'),
  routes: { [ROUTE]: { status, headers: { 'retry-after': '0' }, json: { message: 'error' } } },
  error: `${NOT_ACCESSIBLE} (HTTP ${status})`,
  requests: (requests) => assert.ok(requests.length >= 1),
}));

testModule({
  module: cveModule,
  vendors: { 'cve.circl.lu': VULNERABILITY_LOOKUP },
  inputUuids: [INPUT_UUID],
  rows: [
    // CVE JSON 5 records
    {
      name: 'CVE-2024-3094: the vulnerability with its description, CVSS, CPEs and CWE, linked to the input',
      query: ask('CVE-2024-3094'),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.path), ['/api/vulnerability/CVE-2024-3094']);
        assert.equal(requests[0]!.headers.accept, 'application/json');
      },
      check: (answer) => {
        const { Attribute, Object: objects } = results(answer);
        // The input attribute is echoed with its uuid, so the reference to it resolves in MISP.
        assert.equal(Attribute.length, 1);
        assert.deepEqual(
          { type: Attribute[0]!.type, value: Attribute[0]!.value, uuid: Attribute[0]!.uuid, category: Attribute[0]!.category },
          { type: 'vulnerability', value: 'CVE-2024-3094', uuid: INPUT_UUID, category: 'External analysis' },
        );
        assert.deepEqual(objects.map((o) => o.name), ['vulnerability', 'weakness']);
        const [vulnerability, weakness] = objects as [Obj, Obj];
        assert.deepEqual(view(vulnerability), {
          references: [
            'https://cve.circl.lu/vuln/CVE-2024-3094',
            'https://access.redhat.com/security/cve/CVE-2024-3094',
            'https://bugzilla.redhat.com/show_bug.cgi?id=2272210',
            'https://www.openwall.com/lists/oss-security/2024/03/29/4',
            'https://www.redhat.com/en/blog/urgent-security-alert-fedora-41-and-rawhide-users',
            'https://tukaani.org/xz-backdoor/',
          ],
          id: ['CVE-2024-3094'],
          summary: ['Xz: malicious code in distributed source'],
          description: [
            'Malicious code was discovered in the upstream tarballs of xz, starting with version 5.6.0. Through a series of ' +
              'complex obfuscations, the liblzma build process extracts a prebuilt object file from a disguised test file ' +
              'existing in the source code, which is then used to modify specific functions in the liblzma code. This results ' +
              'in a modified liblzma library that can be used by any software linked against this library, intercepting and ' +
              'modifying the data interaction with this library.',
          ],
          published: ['2024-03-29T16:51:12.588000+00:00'],
          modified: ['2025-02-06T08:27:44.432000+00:00'],
          state: ['PUBLISHED'],
          credit: ['Red Hat would like to thank Andres Freund for reporting this issue.'],
          'cvss-score': ['10.0'],
          'cvss-string': ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'],
          'vulnerable-configuration': [
            'cpe:/o:redhat:enterprise_linux:6',
            'cpe:/o:redhat:enterprise_linux:9',
            'cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*',
            'cpe:2.3:a:tukaani:xz:5.6.1:*:*:*:*:*:*:*',
          ],
        });
        assert.deepEqual(view(weakness), { id: ['CWE-506'], name: ['Embedded Malicious Code'] });
        assert.deepEqual(
          weakness.Attribute.map((a) => [a.type, a.category]),
          [['weakness', 'External analysis'], ['text', 'Other']],
        );
        const names = new Map([[INPUT_UUID, 'input'], [weakness.uuid, 'CWE-506']]);
        assert.deepEqual(links(vulnerability, names), ['related-to -> input', 'weakened-by -> CWE-506']);
        assert.equal(weakness.ObjectReference, undefined);
      },
    },
    {
      name: 'an id typed in lower case: asked as typed, the page link spelled as the record spells it',
      query: ask(' cve-2024-3094 '),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/vulnerability/cve-2024-3094']),
      check: (answer) => {
        const vulnerability = results(answer).Object[0]!;
        assert.equal(view(vulnerability)['references']![0], 'https://cve.circl.lu/vuln/CVE-2024-3094');
        assert.deepEqual(view(vulnerability)['id'], ['CVE-2024-3094']);
      },
    },
    {
      name: 'a rejected CVE: the rejection reason is the description, the state says REJECTED',
      query: ask('CVE-2023-0001'),
      routes: { [ROUTE]: { json: REJECTED } },
      check: (answer) => {
        const { Object: objects } = results(answer);
        assert.equal(objects.length, 1);
        assert.deepEqual(view(objects[0]!), {
          references: ['https://cve.circl.lu/vuln/CVE-2023-0001'],
          id: ['CVE-2023-0001'],
          description: ['This candidate was withdrawn by its CNA. Further investigation showed that it was not a security issue.'],
          modified: ['2023-02-02T16:07:05.102000+00:00'],
          state: ['REJECTED'],
        });
      },
    },
    {
      name: 'a CVE whose record has no English description takes the first one',
      query: ask('CVE-2024-3094'),
      routes: { [ROUTE]: () => ({ json: withoutEnglish() }) },
      check: (answer) => assert.deepEqual(view(results(answer).Object[0]!)['description'], ['Bösartiger Code in den xz-Quellarchiven.']),
    },

    // errors a user meets
    ...notFoundRows,
    { name: 'not found: the default answer of the instance for an id it does not know', query: ask('CVE-1999-99999'), error: NOT_FOUND },
    ...statusRows,
    {
      name: 'malformed JSON: a clear error naming the service and the status',
      query: ask('CVE-2024-3094'),
      routes: { [ROUTE]: { body: '{"cveMetadata": {"cveId": "CVE-2024-3094"', headers: { 'content-type': 'application/json' } } },
      error: 'Vulnerability Lookup answered with invalid JSON (HTTP 200).',
    },
    ...(['CVE-2024-3094', ['CVE-2024-3094']] as unknown[]).map((json) => ({
      name: `JSON that is not a record: ${JSON.stringify(json)}`,
      query: ask('CVE-2024-3094'),
      routes: { [ROUTE]: { json } },
      error: 'Vulnerability Lookup answered something that is not a vulnerability record.',
    })),
    {
      name: 'an upstream that never answers: the query timeout answers "Timeout." and the connection is closed',
      query: { ...ask('CVE-2024-3094'), timeout: 1 },
      routes: { [ROUTE]: { hang: true } },
      error: 'Timeout.',
      requests: (requests) => assert.equal(requests.length, 1),
      check: async (_answer, _requests, _dns, { vendor }) => {
        await waitFor(() => vendor().openConnections() === 0, 'the fake sees the connection closed');
      },
    },
    {
      name: 'an unknown id prefix: an error naming the prefix, and no request',
      query: ask('FOO-2024-0001'),
      error: /^No parser for vulnerability IDs starting with 'foo' \(supported prefixes: cve, gcve, ghsa, /,
      requests: nothingAsked,
    },
    { name: 'an empty value', query: ask('   '), error: 'The vulnerability attribute has an empty value.', requests: nothingAsked },
    {
      name: 'a wrong attribute type is refused before any request',
      query: { attribute: { type: 'domain', value: 'example.org', uuid: INPUT_UUID } },
      error: "Module 'cve' does not accept attributes of type 'domain'; it accepts: vulnerability.",
      requests: nothingAsked,
    },
    { name: 'a missing attribute: the standard attribute message', query: { vulnerability: 'CVE-2024-3094' }, error: STANDARD_ATTRIBUTE_ERROR, requests: nothingAsked },
    {
      name: 'an attribute without uuid: the standard attribute message',
      query: { attribute: { type: 'vulnerability', value: 'CVE-2024-3094' } },
      error: STANDARD_ATTRIBUTE_ERROR,
      requests: nothingAsked,
    },

    // listing
    {
      name: '/modules shows cve as an expansion and hover module taking vulnerability attributes, misp_standard',
      listing: (entry) => {
        assert.equal(entry.type, 'expansion');
        assert.deepEqual(entry.mispattributes, { input: ['vulnerability'], format: 'misp_standard' });
        assert.deepEqual(entry.meta['module-type'], ['expansion', 'hover']);
        assert.equal(entry.meta['name'], 'CVE Lookup');
      },
    },
  ],
});
