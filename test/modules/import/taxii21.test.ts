/**
 * taxii21 against a loopback TAXII 2.1 server (the collection URL given in
 * the config, reached through `allowUrlRanges`): discovery, API root,
 * collections and paged objects with the TAXII media type and Basic auth,
 * answered from recorded fixtures (fixtures-net/taxii21/).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import taxii21 from '../../../src/modules/import/taxii21.js';
import { convertStixObjects } from '../../../src/modules/import/_taxii/convert/bundle.js';
import { planPattern } from '../../../src/modules/import/_taxii/convert/indicator.js';
import { withBasicAuth, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';
import { testModule, type ModuleTestRow, type TesterContext } from '../../support/module-tester.js';
import { assertValidResults } from '../assert-results.js';

const COLLECTION = '91a7b528-80eb-42ed-a74d-c6fbd5a26116';
const WRITE_ONLY = '52892447-4d7e-4f70-b94d-d7f22742ff63';
const USER = 'analyst';
const PASSWORD = 'taxii-pass-2024';
const TAXII = 'application/taxii+json;version=2.1';

function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`fixtures-net/taxii21/${name}.json`, import.meta.url), 'utf8'));
}

const taxii = (name: string, status = 200): FakeResponse => ({ status, headers: { 'content-type': TAXII }, json: fixture(name) });

function objects(req: FakeRequest): FakeResponse {
  if (req.query['match[spec_version]'] === '2.0') return taxii('objects-v20');
  return req.query.next === 'cGFnZS0y' ? taxii('objects-page2') : taxii('objects-page1');
}

const auth = (handler: FakeResponse | ((req: FakeRequest) => FakeResponse)) =>
  withBasicAuth(USER, PASSWORD, handler, { status: 401, headers: { 'content-type': TAXII }, json: { title: 'Unauthorized' } });

const OBJECTS = `GET /api1/collections/${COLLECTION}/objects`;
const OPEN_OBJECTS = 'GET /open/collections/:id/objects';

const TAXII_SERVER: Routes = {
  'GET /taxii2': auth(taxii('discovery')),
  'GET /api1': auth(taxii('api-root')),
  'GET /api1/collections': auth(taxii('collections')),
  [`GET /api1/collections/${COLLECTION}`]: auth(taxii('collection')),
  [`GET /api1/collections/${WRITE_ONLY}`]: auth(taxii('collection-write-only')),
  [OBJECTS]: auth(objects),
  'GET /api1/collections/:id': auth(taxii('error-not-found', 404)),
  'GET /open/collections/:id': { headers: { 'content-type': TAXII }, json: { ...fixture('collection'), id: 'open-collection' } },
  [OPEN_OBJECTS]: (req) => objects(req),
};

/** The objects endpoints (the open one too) answer this instead. */
const objectsAnswer = (response: FakeResponse): Routes => ({ [OBJECTS]: response, [OPEN_OBJECTS]: response });

const collectionUrl = (base: string, id = COLLECTION) => `${base}/api1/collections/${id}/`;
/** The module's config: credentials and the collection URL on the fake, then `config` over them (a function when it needs the fake's URL). */
const ask = (config: Record<string, unknown> | ((base: string) => Record<string, unknown>) = {}, extra: Record<string, unknown> = {}): Pick<ModuleTestRow, 'query' | 'config'> => ({
  query: ({ vendor }: TesterContext) => {
    const base = vendor().url;
    return { data: '', config: { username: USER, password: PASSWORD, url: collectionUrl(base), ...(typeof config === 'function' ? config(base) : config) }, ...extra };
  },
  config: null,
});
/** The error naming the server as the module does: `TAXII server 127.0.0.1:PORT …`. */
const serverSaid = (rest: string) => ({ vendor }: TesterContext) => `TAXII server 127.0.0.1:${vendor().port} ${rest}`;

type Attr = { uuid: string; type: string; value: string; to_ids: boolean; comment?: string; first_seen?: string; last_seen?: string; Tag?: Array<{ name: string }>; object_relation?: string };
type Obj = { name: string; uuid: string; Attribute: Attr[]; ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }> };
type Results = { Attribute: Attr[]; Object: Obj[]; Tag: Array<{ name: string }> };

const results = (answer: Record<string, unknown>) => answer.results as Results;
const tagNames = (a: { Tag?: Array<{ name: string }> }) => (a.Tag ?? []).map((tag) => tag.name);
const byValue = (r: Results, value: string) => {
  const found = r.Attribute.find((a) => a.value === value);
  assert.ok(found, `an attribute with value ${value}`);
  return found;
};
const objectByUuid = (r: Results, uuid: string) => {
  const found = r.Object.find((o) => o.uuid === uuid);
  assert.ok(found, `an object with uuid ${uuid}`);
  return found;
};
const relations = (o: Obj) => o.Attribute.map((a) => [a.object_relation, a.value]);

testModule({
  module: taxii21,
  vendors: { 'taxii.example.org': TAXII_SERVER },
  settings: { allowUrlRanges: ['127.0.0.0/8'] },
  rows: [
    // reading a collection
    {
      name: 'pages through the collection with TAXII headers and Basic auth, and converts what an analyst needs',
      ...ask(),
      check: (answer, requests) => {
        // Collection check, then two pages of objects.
        assert.deepEqual(requests.map((r) => r.path), [
          `/api1/collections/${COLLECTION}/`,
          `/api1/collections/${COLLECTION}/objects/`,
          `/api1/collections/${COLLECTION}/objects/`,
        ]);
        for (const request of requests) {
          assert.equal(request.headers.accept, TAXII);
          assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
        }
        const [, first, second] = requests;
        assert.deepEqual(first!.query, { limit: '100', 'match[spec_version]': '2.1' });
        assert.deepEqual(second!.query, { limit: '100', 'match[spec_version]': '2.1', next: 'cGFnZS0y' });

        const r = results(answer);
        // Indicators with one test: attributes keeping the indicator's uuid, flagged for IDS, with labels and TLP as tags.
        const c2 = byValue(r, '198.51.100.23');
        assert.equal(c2.uuid, '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f');
        assert.equal(c2.type, 'ip-dst');
        assert.equal(c2.to_ids, true);
        assert.equal(c2.comment, 'Cobalt Strike team server contacted by GLASSLOADER.');
        assert.equal(c2.first_seen, '2024-03-01T09:00:00+00:00');
        assert.equal(c2.last_seen, '2024-09-01T00:00:00+00:00');
        assert.deepEqual(tagNames(c2), ['c2', 'tlp:amber']);
        assert.equal(byValue(r, 'update-check.example-cdn.net').type, 'domain');
        assert.deepEqual(tagNames(byValue(r, 'update-check.example-cdn.net')), ['phishing', 'tlp:green']);
        assert.equal(byValue(r, 'https://login.example-portal.com/owa/auth.php').type, 'url');
        assert.equal(byValue(r, 'billing@example-invoices.com').type, 'email-dst');
        // An OR pattern: one attribute per branch.
        assert.equal(byValue(r, '2001:db8:85a3::8a2e:370:7334').type, 'ip-dst');
        assert.equal(byValue(r, '5d41402abc4b2a76b9719d911017c592').type, 'md5');
        // A sequence MISP cannot express: the pattern itself.
        const sequence = r.Attribute.find((a) => a.type === 'stix2-pattern');
        assert.ok(sequence);
        assert.match(sequence.value, /FOLLOWEDBY/);

        // An AND pattern on one file: a file object; its relationships become references and the ATT&CK galaxy tag.
        const isoFile = objectByUuid(r, 'c7a2e6a0-4f4e-4a58-8f0b-0e5d9a1b2c33');
        assert.equal(isoFile.name, 'file');
        assert.deepEqual(relations(isoFile), [
          ['sha256', '0b3a8c7e5f1d2e4a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c'],
          ['filename', 'invoice_2024_03.iso'],
        ]);
        assert.ok(isoFile.Attribute.every((a) => a.to_ids));
        assert.deepEqual(tagNames(isoFile.Attribute[0]!), ['misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T1566.001"']);
        assert.deepEqual(isoFile.ObjectReference?.map((ref) => [ref.relationship_type, ref.referenced_uuid]), [
          ['indicates', 'fdd60b30-b67c-41e3-b0b9-f01faf20d111'],
          ['indicates', '2e34237d-8574-43f6-aace-ae2915de8597'],
        ]);

        // Malware: the newest of its two versions (one per page).
        const malware = byValue(r, 'GLASSLOADER');
        assert.equal(malware.type, 'malware-type');
        assert.equal(malware.to_ids, false);
        assert.match(malware.comment ?? '', /^Loader delivered in ISO images.*Types: loader \| Aliases: GlassDrop$/);
        const actor = byValue(r, 'COPPER HERON');
        assert.equal(actor.type, 'threat-actor');
        assert.deepEqual(tagNames(actor), ['misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T1566.001"']);

        assert.deepEqual(relations(objectByUuid(r, '2e34237d-8574-43f6-aace-ae2915de8597')), [
          ['name', 'Spearphishing Attachment'],
          ['id', 'T1566.001'],
          ['summary', 'Adversaries may send spearphishing e-mails with a malicious attachment.'],
          ['references', 'https://attack.mitre.org/techniques/T1566/001/'],
        ]);
        const vulnerability = objectByUuid(r, '0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061');
        assert.equal(vulnerability.name, 'vulnerability');
        assert.deepEqual(vulnerability.Attribute.find((a) => a.object_relation === 'id')?.type, 'vulnerability');
        assert.deepEqual(vulnerability.Attribute.find((a) => a.object_relation === 'id')?.value, 'CVE-2023-38831');
        const yara = objectByUuid(r, '9f8e7d6c-5b4a-4392-8817-161514131211');
        assert.equal(yara.name, 'yara');
        assert.deepEqual(relations(yara).map(([relation]) => relation), ['yara', 'yara-rule-name', 'comment', 'version']);

        // Observed data: a domain with the address it resolves to, a file, observation window, no IDS flag.
        const domain = objectByUuid(r, '3c10e93f-798e-5a26-a0c1-08156efab7f5');
        assert.equal(domain.name, 'domain-ip');
        assert.deepEqual(relations(domain), [['domain', 'cdn.example-updates.org'], ['ip', '203.0.113.45']]);
        assert.ok(domain.Attribute.every((a) => a.to_ids === false));
        assert.equal((domain as unknown as Attr).first_seen, '2024-03-03T14:02:11+00:00');
        assert.equal((domain as unknown as Attr).last_seen, '2024-03-03T14:09:40+00:00');
        assert.deepEqual(relations(objectByUuid(r, 'e277603e-1060-5ad4-9937-c26c97f1ca68')), [
          ['sha256', '9e107d9d372bb6826bd81d3542a419d6e277d4d731479571562b82f74494341f'],
          ['md5', 'e4d909c290d0fb1ca068ffaddf22cbd0'],
          ['filename', 'loader.dll'],
          ['size-in-bytes', '245760'],
        ]);
        // A standalone network-traffic SCO, with its destination address folded in.
        assert.deepEqual(relations(objectByUuid(r, '2568d22a-8998-58eb-99ec-3c8ca74f527d')), [
          ['ip-dst', '192.0.2.77'],
          ['dst-port', '443'],
          ['layer3-protocol', 'IP'],
          ['layer4-protocol', 'TCP'],
          ['layer7-protocol', 'TLS'],
        ]);
        assert.equal(r.Attribute.some((a) => a.value === '203.0.113.45' || a.value === '192.0.2.77'), false, 'folded addresses are not repeated');

        // The report: an object with references to everything it includes (observed data: its observables).
        const report = objectByUuid(r, '84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3');
        assert.deepEqual(relations(report), [
          ['title', 'COPPER HERON delivers GLASSLOADER through ISO attachments'],
          ['summary', 'Campaign analysis of March 2024.'],
          ['link', 'https://intel.example.org/blog/copper-heron-glassloader'],
        ]);
        assert.deepEqual(tagNames(report.Attribute[0]!), ['copper-heron', 'tlp:amber']);
        assert.deepEqual(
          report.ObjectReference?.map((ref) => ref.referenced_uuid),
          [
            '8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
            'c7a2e6a0-4f4e-4a58-8f0b-0e5d9a1b2c33',
            'fdd60b30-b67c-41e3-b0b9-f01faf20d111',
            '56f3f0db-b5d5-431c-ae56-c18f02caf500',
            '2e34237d-8574-43f6-aace-ae2915de8597',
            '3c10e93f-798e-5a26-a0c1-08156efab7f5',
            'e277603e-1060-5ad4-9937-c26c97f1ca68',
          ],
        );
        assert.ok(report.ObjectReference?.every((ref) => ref.relationship_type === 'includes'));
        // The threat actor's galaxy tag, attached to nothing, describes the whole import.
        assert.deepEqual(r.Tag, [{ name: 'misp-galaxy:threat-actor="COPPER HERON"' }]);

      },
    },
    {
      name: 'passes the filters (comma or space separated) and stops at the user limit',
      ...ask({
        added_after: ' 2024-03-01T00:00:00Z ',
        stix_id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f , indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f',
        type: 'indicator  malware',
        version: 'all',
        'STIX object limit': '4',
      }),
      requests: (requests) => {
        assert.equal(requests.length, 2, 'the limit is reached on the first page');
        assert.deepEqual(requests[1]!.query, {
          added_after: '2024-03-01T00:00:00Z',
          'match[id]': 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f,indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f',
          'match[spec_version]': '2.1',
          'match[type]': 'indicator,malware',
          'match[version]': 'all',
          limit: '4',
        });
      },
      // The first four objects of page 1: identity, marking, and two indicators.
      check: (answer) => assert.deepEqual(results(answer).Attribute.map((a) => a.value), ['198.51.100.23', 'update-check.example-cdn.net']),
    },
    {
      name: 'the admin limit caps the user limit',
      ...ask({ stix_object_limit: '3', 'STIX object limit': '50' }),
      requests: (requests) => assert.equal(requests[1]!.query.limit, '3'),
      check: (answer) => assert.deepEqual(results(answer).Attribute.map((a) => a.value), ['198.51.100.23']),
    },
    {
      name: 'STIX 2.0 content: embedded observables, references by key',
      ...ask({ spec_version: '2.0' }),
      requests: (requests) => assert.equal(requests[1]!.query['match[spec_version]'], '2.0'),
      check: (answer) => {
        const r = results(answer);
        assert.deepEqual(r.Attribute.map((a) => [a.type, a.value, a.to_ids, tagNames(a)]), [
          ['domain', 'dl.example-mirror.com', true, ['malicious-activity']],
        ]);
        const email = r.Object.find((o) => o.name === 'email');
        assert.ok(email);
        assert.deepEqual(relations(email), [
          ['from', 'ops@example-mirror.com'],
          ['from-display-name', 'Mirror Ops'],
          ['subject', 'Your invoice'],
          ['send-date', '2023-11-01T21:58:00+00:00'],
          ['x-mailer', 'Microsoft Outlook 16.0'],
        ]);
        const connection = r.Object.find((o) => o.name === 'network-connection');
        assert.ok(connection);
        assert.deepEqual(relations(connection), [
          ['ip-src', '10.0.0.15'],
          ['src-port', '49722'],
          ['ip-dst', '198.51.100.99'],
          ['dst-port', '8080'],
          ['layer4-protocol', 'TCP'],
          ['layer7-protocol', 'HTTP'],
        ]);
      },
    },
    {
      name: 'an empty collection answers the three empty lists, as upstream',
      ...ask(),
      routes: objectsAnswer({ headers: { 'content-type': TAXII }, json: { more: false } }),
      results: { Attribute: [], Object: [], Tag: [] },
      check: (answer) => assert.deepEqual(Object.keys(answer), ['results']),
    },
    {
      name: 'a server without credentials is read without an Authorization header',
      ...ask((base) => ({ username: '', password: '', url: `${base}/open/collections/open-collection/objects/` })),
      requests: (requests) => {
        assert.equal(requests[0]!.path, '/open/collections/open-collection/', 'an objects URL is taken as its collection');
        assert.ok(requests.every((r) => r.headers.authorization === undefined));
      },
      check: (answer) => assert.ok(results(answer).Attribute.length > 5),
    },

    // configuration errors (upstream messages)
    { name: 'no collection URL', ...ask({ url: '' }), error: 'A TAXII 2.1 collection URL is required.', requests: (requests) => assert.equal(requests.length, 0) },
    { name: 'only one of username and password', ...ask({ password: '' }), error: 'Both or neither of "username" and "password" are required.' },
    { name: 'an unknown spec version', ...ask({ spec_version: '2.0, 2.1' }), error: 'Only spec versions "2.0" and "2.1" are valid versions.' },
    { name: 'the object limit must be positive', ...ask({ 'STIX object limit': '0' }), error: 'Invalid object limit: must be positive: 0' },
    { name: 'the admin object limit must be positive', ...ask({ stix_object_limit: '-5' }), error: 'Invalid admin object limit: must be positive: -5' },
    { name: 'the object limit must be a whole number', ...ask({ 'STIX object limit': 'ten' }), error: 'Invalid object limit: not a whole number: ten' },
    {
      name: 'a URL that is not http(s)',
      ...ask({ url: 'ftp://taxii.example.org/api1/collections/x/' }),
      error: 'The TAXII collection URL must start with https:// (or http://).',
    },

    // wrong URLs
    {
      name: 'an API root URL: lists the collection URLs to use',
      ...ask((base) => ({ url: `${base}/api1/` })),
      error: ({ vendor }) =>
        `${vendor().url}/api1/ is a TAXII API root, not a collection: use one of: ` +
        `${vendor().url}/api1/collections/${COLLECTION}/ (High Value Indicator Collection), ` +
        `${vendor().url}/api1/collections/${WRITE_ONLY}/ (Submissions (write only), not readable).`,
    },
    {
      name: 'a discovery URL: names its API roots',
      ...ask((base) => ({ url: `${base}/taxii2/` })),
      error: /is a TAXII discovery endpoint, not a collection\. Its API roots: https:\/\/taxii\.example\.org\/api1\/, https:\/\/taxii\.example\.org\/trustgroup1\//,
    },
    {
      name: 'a collection that cannot be read',
      ...ask((base) => ({ url: collectionUrl(base, WRITE_ONLY) })),
      error: ({ vendor }) => `Collection '${collectionUrl(vendor().url, WRITE_ONLY)}' does not allow reading.`,
      requests: (requests) => assert.equal(requests.length, 1, 'no objects are asked for'),
    },
    {
      name: 'an unknown collection: 404 with the server\'s TAXII error title',
      ...ask((base) => ({ url: collectionUrl(base, '0f0f0f0f-0000-4000-8000-000000000000') })),
      error: serverSaid('answered HTTP 404 Not Found: Collection not found.'),
    },
    {
      name: 'without allowed ranges the URL guard refuses a loopback collection',
      settings: { allowUrlRanges: [] },
      query: ({ vendor }) => ({ data: '', config: { url: collectionUrl(vendor().url) } }),
      config: null,
      error: /^Refusing to fetch http:\/\/127\.0\.0\.1:\d+\/api1\/collections\/.*loopback/,
      requests: (requests) => assert.equal(requests.length, 0, 'nothing reached the server'),
    },

    // server failures
    { name: 'wrong credentials (401): "Access was denied."', ...ask({ password: 'wrong' }), error: 'Access was denied.' },
    {
      name: '403 on the objects: "Access was denied."',
      ...ask(),
      routes: objectsAnswer({ status: 403, headers: { 'content-type': TAXII }, json: { title: 'Forbidden' } }),
      error: 'Access was denied.',
    },
    {
      name: '429 names the server and when to retry (no waiting beyond the retry cap)',
      ...ask(),
      routes: objectsAnswer({ status: 429, headers: { 'content-type': TAXII, 'retry-after': '3600' }, json: { title: 'Too many requests' } }),
      error: serverSaid('answered HTTP 429 Too Many Requests: Too many requests (retry after 3600 s).'),
    },
    {
      name: '500 names the server and the status',
      ...ask(),
      routes: objectsAnswer({ status: 500, body: 'Internal error' }),
      error: serverSaid('answered HTTP 500 Internal Server Error.'),
    },
    {
      name: 'malformed JSON',
      ...ask(),
      routes: objectsAnswer({ headers: { 'content-type': TAXII }, body: '{"more": false, "objects": [' }),
      error: serverSaid('answered with invalid JSON (HTTP 200).'),
    },
    {
      name: 'an envelope whose objects is not a list',
      ...ask(),
      routes: objectsAnswer({ headers: { 'content-type': TAXII }, json: { objects: { type: 'indicator' } } }),
      error: serverSaid('answered an envelope whose "objects" is not a list.'),
    },
    {
      name: 'an HTML page instead of TAXII (a login portal): taxii2client\'s message',
      ...ask(),
      routes: objectsAnswer({ headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body>Sign in</body></html>' }),
      error: "Unexpected Response. Got Content-Type: 'text/html; charset=utf-8' for Accept: 'application/taxii+json;version=2.1'",
    },
    {
      name: 'a paging loop (the same next token again) is stopped with an error',
      ...ask(),
      routes: objectsAnswer({ headers: { 'content-type': TAXII }, json: { more: true, next: 'same-token', objects: [] } }),
      error: serverSaid('sent the same "next" page token twice (a paging loop); stopped after 2 pages.'),
      requests: (requests) => assert.equal(requests.length, 3),
    },
    {
      name: 'more pages announced without a next token: what came is kept',
      ...ask(),
      routes: objectsAnswer({ headers: { 'content-type': TAXII }, json: { ...fixture('objects-page1'), next: undefined } }),
      requests: (requests) => assert.equal(requests.length, 2),
      check: (answer) => assert.ok(results(answer).Attribute.some((a) => a.value === '198.51.100.23')),
    },
    { name: 'a server that never answers: the query times out', ...ask({}, { timeout: 1 }), routes: objectsAnswer({ hang: true }), error: 'Timeout.' },
  ],
});

describe('taxii21: STIX patterns and objects', () => {
  const plan = (pattern: string) => planPattern(pattern);

  test('patterns MISP can hold', () => {
    assert.deepEqual(plan("[ipv4-addr:value IN ('192.0.2.1', '192.0.2.2')]"), {
      plans: [
        { kind: 'attribute', type: 'ip-dst', value: '192.0.2.1' },
        { kind: 'attribute', type: 'ip-dst', value: '192.0.2.2' },
      ],
    });
    assert.deepEqual(plan("[domain-name:value = 'a.example' AND domain-name:resolves_to_refs[*].value = '192.0.2.9']"), {
      plans: [{ kind: 'object', template: 'domain-ip', relations: [['domain', 'a.example'], ['ip', '192.0.2.9']] }],
    });
    assert.deepEqual(
      plan("[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'c2.example' AND network-traffic:dst_port = 443]"),
      { plans: [{ kind: 'object', template: 'network-connection', relations: [['hostname-dst', 'c2.example'], ['dst-port', '443']] }] },
    );
    assert.deepEqual(plan("[file:hashes.sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']"), {
      plans: [{ kind: 'attribute', type: 'sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }],
    });
    assert.deepEqual(plan("[email-message:subject = 'Invoice \\'March\\''] AND [email-message:from_ref.value = 'a@example.org']"), {
      plans: [
        { kind: 'attribute', type: 'email-subject', value: "Invoice 'March'" },
        { kind: 'attribute', type: 'email-src', value: 'a@example.org' },
      ],
    });
    assert.deepEqual(plan("[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Run' AND windows-registry-key:values[*].name = 'updater']"), {
      plans: [{ kind: 'object', template: 'registry-key', relations: [['key', 'HKEY_CURRENT_USER\\Software\\Run'], ['name', 'updater']] }],
    });
  });

  test('patterns kept whole, with the reason', () => {
    assert.deepEqual(plan("[file:name MATCHES '^inv.*\\\\.iso$']"), { reason: 'it uses the MATCHES operator' });
    assert.deepEqual(plan("[file:size > 1000]"), { reason: 'it uses the > operator' });
    assert.deepEqual(plan("[url:value NOT = 'x']"), { reason: 'it uses NOT' });
    assert.deepEqual(plan("[ipv4-addr:value = '192.0.2.1'] REPEATS 5 TIMES"), { reason: 'it has a qualifier (REPEATS 5 TIMES)' });
    assert.deepEqual(plan("[software:name = 'putty']"), { reason: 'a test has no MISP equivalent' });
    assert.deepEqual(plan("[file:name = 'a.exe' AND url:value = 'http://x.example/']"), { reason: 'a test has no MISP equivalent' });
    assert.deepEqual(plan("[ipv4-addr:value = '1.2.3.4'"), { reason: "invalid pattern: expected \"]\" at offset 28, found the end of the pattern" });
    const deep = `${'('.repeat(100)}[ipv4-addr:value = '1.2.3.4']${')'.repeat(100)}`;
    assert.match(JSON.stringify(plan(deep)), /nests deeper than 64 levels/);
  });

  test('labels MISP wrote (misp:type, misp:to_ids) are hints, not tags', () => {
    const { response } = convertStixObjects([
      {
        type: 'indicator',
        id: 'indicator--5e1f6f3a-8a63-4c39-9b3f-6a7b8c9d0e1f',
        pattern: "[domain-name:value = 'www.example.org']",
        labels: ['misp:type="hostname"', 'misp:category="Network activity"', 'misp:to_ids="False"', 'tlp:white'],
      },
    ]);
    assertValidResults(response);
    const [attribute] = response.results.Attribute ?? [];
    assert.deepEqual(
      [attribute?.type, attribute?.category, attribute?.to_ids, tagNames(attribute ?? {})],
      ['hostname', 'Network activity', false, ['tlp:white']],
    );
  });

  test('a relationship from a plain attribute to an object cannot be held and is counted', () => {
    const { response, skipped } = convertStixObjects([
      { type: 'malware', id: 'malware--0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', name: 'EMBERDROP' },
      { type: 'vulnerability', id: 'vulnerability--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', name: 'CVE-2024-3400' },
      {
        type: 'relationship',
        id: 'relationship--2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
        relationship_type: 'exploits',
        source_ref: 'malware--0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
        target_ref: 'vulnerability--1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
      },
      { type: 'x-acme-widget', id: 'x-acme-widget--3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a' },
    ]);
    assertValidResults(response);
    assert.deepEqual(Object.fromEntries(skipped), { 'relationship MISP cannot hold': 1, 'x-acme-widget': 1 });
    assert.equal(response.results.Object?.[0]?.Attribute.find((a) => a.object_relation === 'id')?.value, 'CVE-2024-3400');
  });
});
