import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import { STANDARD_ATTRIBUTE_ERROR } from '../../../src/core/query-helpers.js';
import cveModule from '../../../src/modules/expansion/cve.js';
import { startFakeHttp, type FakeHttp, type FakeRequest, type FakeResponse } from '../../support/fake-http.js';
import { waitFor } from '../../support/wait.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const INPUT_UUID = '5b4c2f2e-8e7a-4d0a-9a49-1f3c6c2b7e10';
const NOT_ACCESSIBLE = 'Vulnerability Lookup API not accessible.';
const NOT_FOUND = 'Non existing vulnerability ID.';

/** The recorded Vulnerability-Lookup answer for an id, or undefined (the instance then answers `{}`). */
function fixture(id: string): Record<string, unknown> | undefined {
  const file = new URL(`fixtures/vulnerability/${id.toLowerCase().replaceAll(':', '_')}.json`, import.meta.url);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

/** What a test wants the fake to answer instead of the fixture. */
let override: ((req: FakeRequest) => FakeResponse | undefined) | undefined;

let fake: FakeHttp;
let t: TestServer;

before(async () => {
  fake = await startFakeHttp({
    'GET /api/vulnerability/:id': (req) => override?.(req) ?? { json: fixture(req.params.id!) ?? {} },
  });
  t = await startTestServer({ builtins: [cveModule], settings: { upstreams: [`cve.circl.lu=${fake.url}`] } });
});
after(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  override = undefined;
  fake.requests.length = 0;
});

const ask = (value: string, extra: Record<string, unknown> = {}) =>
  t.query({ module: 'cve', attribute: { type: 'vulnerability', value, uuid: INPUT_UUID, category: 'External analysis' }, ...extra });

interface Attr {
  object_relation?: string;
  type: string;
  value: string;
  uuid: string;
  category: string;
}
interface Ref {
  referenced_uuid: string;
  relationship_type: string;
}
interface Obj {
  name: string;
  uuid: string;
  Attribute: Attr[];
  ObjectReference?: Ref[];
}
interface Results {
  Attribute: Attr[];
  Object: Obj[];
}

/** An object as an analyst reads it: relation -> values, in order. */
function view(object: Obj): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const attribute of object.Attribute) (out[attribute.object_relation!] ??= []).push(attribute.value);
  return out;
}

/** The references of an object as `relationship -> target` pairs, targets named by `names`. */
function links(object: Obj, names: Map<string, string>): string[] {
  return (object.ObjectReference ?? []).map((r) => `${r.relationship_type} -> ${names.get(r.referenced_uuid) ?? r.referenced_uuid}`);
}

function results(answer: Record<string, unknown>): Results {
  assert.ok(answer['results'], `a result, not ${JSON.stringify(answer)}`);
  return answer['results'] as Results;
}

describe('cve: CVE JSON 5 records', () => {
  test('CVE-2024-3094: the vulnerability with its description, CVSS, CPEs and CWE, linked to the input', async () => {
    const answer = await ask('CVE-2024-3094');
    assertValidResults(answer, [INPUT_UUID]);
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

    assert.deepEqual(fake.requests.map((r) => r.path), ['/api/vulnerability/CVE-2024-3094']);
    assert.equal(fake.requests[0]!.headers.accept, 'application/json');
  });

  test('an id typed in lower case: asked as typed, the page link spelled as the record spells it', async () => {
    const answer = await ask(' cve-2024-3094 ');
    assertValidResults(answer, [INPUT_UUID]);
    assert.deepEqual(fake.requests.map((r) => r.path), ['/api/vulnerability/cve-2024-3094']);
    const vulnerability = results(answer).Object[0]!;
    assert.equal(view(vulnerability)['references']![0], 'https://cve.circl.lu/vuln/CVE-2024-3094');
    assert.deepEqual(view(vulnerability)['id'], ['CVE-2024-3094']);
  });

  test('a rejected CVE: the rejection reason is the description, the state says REJECTED', async () => {
    override = () => ({
      json: {
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
      },
    });
    const answer = await ask('CVE-2023-0001');
    assertValidResults(answer, [INPUT_UUID]);
    const { Object: objects } = results(answer);
    assert.equal(objects.length, 1);
    assert.deepEqual(view(objects[0]!), {
      references: ['https://cve.circl.lu/vuln/CVE-2023-0001'],
      id: ['CVE-2023-0001'],
      description: ['This candidate was withdrawn by its CNA. Further investigation showed that it was not a security issue.'],
      modified: ['2023-02-02T16:07:05.102000+00:00'],
      state: ['REJECTED'],
    });
  });

  test('a CVE whose record has no English description takes the first one', async () => {
    const record = fixture('CVE-2024-3094')!;
    const cna = (record['containers'] as { cna: Record<string, unknown> }).cna;
    cna['descriptions'] = [
      { lang: 'de', value: 'Bösartiger Code in den xz-Quellarchiven.' },
      { lang: 'fr', value: 'Code malveillant dans les archives source de xz.' },
    ];
    override = () => ({ json: record });
    const answer = await ask('CVE-2024-3094');
    assertValidResults(answer, [INPUT_UUID]);
    assert.deepEqual(view(results(answer).Object[0]!)['description'], ['Bösartiger Code in den xz-Quellarchiven.']);
  });
});

describe('cve: errors a user meets', () => {
  test('not found: HTTP 200 with {}, [], null or an empty body', async () => {
    for (const response of [{ json: {} }, { json: [] }, { json: null }, { body: '' }] satisfies FakeResponse[]) {
      override = () => response;
      assert.deepEqual(await ask('CVE-2099-0001'), { error: NOT_FOUND }, JSON.stringify(response));
    }
    // And the default answer of the instance for an id it does not know.
    override = undefined;
    assert.deepEqual(await ask('CVE-1999-99999'), { error: NOT_FOUND });
  });

  test('upstream 401, 404, 429 and 500: upstream\'s "not accessible" message', async () => {
    for (const status of [401, 404, 429, 500]) {
      override = () => ({ status, headers: { 'retry-after': '0' }, json: { message: 'error' } });
      fake.requests.length = 0;
      assert.deepEqual(await ask('CVE-2024-3094'), { error: `${NOT_ACCESSIBLE} (HTTP ${status})` }, `HTTP ${status}`);
      assert.ok(fake.requests.length >= 1);
    }
  });

  test('malformed JSON: a clear error naming the service and the status', async () => {
    override = () => ({ body: '{"cveMetadata": {"cveId": "CVE-2024-3094"', headers: { 'content-type': 'application/json' } });
    assert.deepEqual(await ask('CVE-2024-3094'), { error: 'Vulnerability Lookup answered with invalid JSON (HTTP 200).' });
  });

  test('JSON that is not a record (a bare string, a list of ids)', async () => {
    for (const json of ['CVE-2024-3094', ['CVE-2024-3094']]) {
      override = () => ({ json });
      assert.deepEqual(await ask('CVE-2024-3094'), { error: 'Vulnerability Lookup answered something that is not a vulnerability record.' });
    }
  });

  test('an upstream that never answers: the query timeout answers "Timeout." and the connection is closed', async () => {
    override = () => ({ hang: true });
    assert.deepEqual(await ask('CVE-2024-3094', { timeout: 1 }), { error: 'Timeout.' });
    assert.equal(fake.requests.length, 1);
    await waitFor(() => fake.openConnections() === 0, 'the fake sees the connection closed');
  });

  test('an unknown id prefix: an error naming the prefix, and no request', async () => {
    const answer = await ask('FOO-2024-0001');
    assert.match(String(answer['error']), /^No parser for vulnerability IDs starting with 'foo' \(supported prefixes: cve, gcve, ghsa, /);
    assert.equal(fake.requests.length, 0);
  });

  test('an empty value', async () => {
    assert.deepEqual(await ask('   '), { error: 'The vulnerability attribute has an empty value.' });
    assert.equal(fake.requests.length, 0);
  });

  test('a wrong attribute type is refused before any request', async () => {
    const answer = await t.query({ module: 'cve', attribute: { type: 'domain', value: 'example.org', uuid: INPUT_UUID } });
    assert.deepEqual(answer, { error: "Module 'cve' does not accept attributes of type 'domain'; it accepts: vulnerability." });
    assert.equal(fake.requests.length, 0);
  });

  test('a missing attribute, or one without uuid: the standard attribute message', async () => {
    assert.deepEqual(await t.query({ module: 'cve', vulnerability: 'CVE-2024-3094' }), { error: STANDARD_ATTRIBUTE_ERROR });
    assert.deepEqual(
      await t.query({ module: 'cve', attribute: { type: 'vulnerability', value: 'CVE-2024-3094' } }),
      { error: STANDARD_ATTRIBUTE_ERROR },
    );
    assert.equal(fake.requests.length, 0);
  });
});

describe('cve: listing', () => {
  test('/modules shows cve as an expansion and hover module taking vulnerability attributes, misp_standard', async () => {
    const list = (await t.get('/modules')).json() as Array<{ name: string; type: string; mispattributes: unknown; meta: Record<string, unknown> }>;
    const entry = list.find((m) => m.name === 'cve');
    assert.ok(entry);
    assert.equal(entry.type, 'expansion');
    assert.deepEqual(entry.mispattributes, { input: ['vulnerability'], format: 'misp_standard' });
    assert.deepEqual(entry.meta['module-type'], ['expansion', 'hover']);
    assert.equal(entry.meta['name'], 'CVE Lookup');
  });
});
