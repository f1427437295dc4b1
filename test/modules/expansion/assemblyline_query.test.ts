/**
 * assemblyline_query against a loopback AssemblyLine (assemblyline-fake.ts):
 * login, is_completed, then the full submission, shaped like AssemblyLine's
 * `/api/v4/submission/full/{sid}/` (file_infos, file_tree, results), trimmed.
 */
import assert from 'node:assert/strict';
import assemblyline_query from '../../../src/modules/expansion/assemblyline_query.js';
import { after } from 'node:test';
import { startFakeHttp, type FakeRequest } from '../../support/fake-http.js';
import { createTestCertificate } from '../../support/tls-cert.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';
import { alAnswer, APIKEY, BASE_ROUTES, CONFIG, PASSWORD, USER, withSession } from './assemblyline-fake.js';

const UUID = '5a0c0b1e-7d3f-4f0a-9c55-0a1b2c3d4e5f';
const SID = '4Zo8yNR9qnXW2wDdGqVKuh';
const SHA256 = 'e3b1a8f4c7d2b6a9e0f1c2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b';
const CHILD = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const FULL_SUBMISSION = {
  classification: 'TLP:AMBER',
  error_count: 0,
  errors: [],
  file_infos: {
    [SHA256]: {
      archive_ts: '2024-05-02T10:11:12.000000Z',
      classification: 'TLP:AMBER',
      entropy: 7.52,
      md5: '5d41402abc4b2a76b9719d911017c592',
      magic: 'PE32 executable (GUI) Intel 80386, for MS Windows',
      mime: 'application/x-dosexec',
      sha1: 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d',
      sha256: SHA256,
      size: 73802,
      ssdeep: '1536:4d+Bv3ySBmMn0kqeH6k1mFb9D4fRXgPjnBq9wQ:4dsBmD0kqeH6kPAhQ',
      type: 'executable/windows/pe32',
    },
    [CHILD]: {
      classification: 'UNCLASSIFIED',
      entropy: 4.1,
      md5: '098f6bcd4621d373cade4e832627b4f6',
      mime: 'text/plain',
      sha1: 'a94a8fe5ccbc5ba3f0b9f3b5b4c9b5f0a3b1c2d3',
      sha256: CHILD,
      size: 120,
      type: 'text/plain',
    },
  },
  file_tree: {
    [SHA256]: {
      name: ['invoice.exe'],
      score: 1000,
      sha256: SHA256,
      size: 73802,
      type: 'executable/windows/pe32',
      truncated: false,
      children: { [CHILD]: { name: ['config.txt'], score: 0, sha256: CHILD, size: 120, type: 'text/plain', truncated: false, children: {} } },
    },
  },
  results: {
    [`${SHA256}.FrankenStrings.v4_5_0_stable10.c0`]: {
      classification: 'TLP:AMBER',
      result: {
        score: 500,
        tags: [
          { classification: 'TLP:AMBER', context: 'network static', type: 'NET_DOMAIN_NAME', value: 'evil.example.com' },
          { classification: 'UNCLASSIFIED', context: 'network dynamic', type: 'NET_IP', value: '198.51.100.7' },
          { classification: 'UNCLASSIFIED', context: 'file string', type: 'FILE_STRING_API', value: 'VirtualAlloc' },
          { classification: 'UNCLASSIFIED', type: 'NET_FULL_URI', value: 'http://no-context.example/' },
        ],
      },
    },
  },
  sid: SID,
  state: 'completed',
};

const ROUTES = {
  ...BASE_ROUTES,
  'GET /api/v4/submission/is_completed/:sid/': withSession((req: FakeRequest) => alAnswer(req.params['sid'] === SID)),
  'GET /api/v4/submission/full/:sid/': withSession((req: FakeRequest) =>
    req.params['sid'] === SID ? alAnswer(FULL_SUBMISSION) : alAnswer('', 404, `Submission ID ${req.params['sid']} does not exists.`),
  ),
};

// An admin's server with a self-signed certificate (HTTPS on loopback): reached only with verifyssl off.
const certificate = createTestCertificate(['al.selfsigned.example']);
const selfSigned = await startFakeHttp(ROUTES, { tls: certificate });
after(async () => {
  await selfSigned.close();
  certificate.cleanup();
});

const link = (value: string) => ({ attribute: { type: 'link', value, uuid: UUID, category: 'External analysis' } });
const LINK = link(`https://assemblyline.example.org/submission/detail/${SID}`);

interface Obj {
  name: string;
  Attribute: Array<{ object_relation: string; value: string; to_ids: boolean; Tag?: Array<{ name: string }> }>;
  ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }>;
}
interface Attr {
  uuid: string;
  type: string;
  value: string;
  to_ids: boolean;
  Tag?: Array<{ name: string }>;
}
const results = (answer: Answer) => answer['results'] as { Attribute: Attr[]; Object: Obj[]; Tag: Array<{ name: string }> };
const relations = (object: Obj) => object.Attribute.map((a) => [a.object_relation, String(a.value)]);

testModule({
  module: assemblyline_query,
  vendors: { 'assemblyline.example.org': ROUTES, 'al.internal.example': ROUTES },
  config: CONFIG,
  settings: { upstreams: [`al.selfsigned.example=${selfSigned.url}`] },
  rows: [
    {
      name: 'a submission link gives the file objects, their network indicators and the classification tags',
      query: LINK,
      requests: (requests) =>
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [
          'POST /api/v4/auth/login/',
          `GET /api/v4/submission/is_completed/${SID}/`,
          `GET /api/v4/submission/full/${SID}/`,
        ]),
      check: (answer, requests) => {
        assert.deepEqual(JSON.parse(requests[0]!.body), { user: USER, apikey: APIKEY });
        const { Attribute, Object: objects, Tag } = results(answer);
        assert.deepEqual(Tag.map((t) => t.name), ['tlp:amber']);
        assert.deepEqual(Attribute.map((a) => [a.type, a.value, a.to_ids, (a.Tag ?? []).map((t) => t.name)]), [
          ['domain', 'evil.example.com', true, ['tlp:amber']],
          ['ip-dst', '198.51.100.7', true, []],
        ]);
        const [main, child] = objects;
        assert.deepEqual(relations(main!), [
          ['entropy', '7.52'],
          ['md5', '5d41402abc4b2a76b9719d911017c592'],
          ['mimetype', 'application/x-dosexec'],
          ['sha1', 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
          ['sha256', SHA256],
          ['size-in-bytes', '73802'],
          ['ssdeep', FULL_SUBMISSION.file_infos[SHA256]!.ssdeep!],
          ['filename', 'invoice.exe'],
        ]);
        assert.ok(main!.Attribute.every((a) => a.to_ids && a.Tag?.[0]?.name === 'tlp:amber'));
        assert.deepEqual(main!.ObjectReference!.map((r) => [r.relationship_type, r.referenced_uuid]), [
          ['network-static', Attribute[0]!.uuid],
          ['network-dynamic', Attribute[1]!.uuid],
        ]);
        // The child file is named too, though AssemblyLine scored it 0 (upstream drops its name).
        assert.deepEqual(relations(child!).filter(([r]) => r === 'filename' || r === 'sha256'), [['sha256', CHILD], ['filename', 'config.txt']]);
        assert.equal(child!.ObjectReference, undefined);
      },
    },
    {
      name: 'the sid is found in ?sid= links and bare ids; the password is used when there is no API key',
      query: link(`https://assemblyline.example.org/submission?sid=${SID}&x=1`),
      config: { apikey: '', password: PASSWORD },
      check: (answer, requests) => {
        assert.deepEqual(JSON.parse(requests[0]!.body), { user: USER, password: PASSWORD });
        assert.equal(results(answer).Object.length, 2);
      },
    },
    {
      name: 'a refused API key falls back to the password, as upstream',
      query: link(SID),
      config: { apikey: 'misp:wrong', password: PASSWORD },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/v4/auth/login/', '/api/v4/auth/login/', `/api/v4/submission/is_completed/${SID}/`, `/api/v4/submission/full/${SID}/`]),
      check: (answer) => assert.equal(results(answer).Object.length, 2),
    },
    {
      name: "apiurl is the admin's server, reached as configured (trailing slash or not)",
      query: LINK,
      config: { apiurl: 'https://al.internal.example/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.vendor), ['al.internal.example', 'al.internal.example', 'al.internal.example']),
    },
    {
      name: 'a session that expired is opened again once (a 401 after the login)',
      query: LINK,
      routes: {
        'GET /api/v4/submission/is_completed/:sid/': (() => {
          let calls = 0;
          return (req: FakeRequest) => (calls++ === 0 ? alAnswer('', 401, 'Session expired') : ROUTES['GET /api/v4/submission/is_completed/:sid/'](req));
        })(),
      },
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/api/v4/auth/login/', `/api/v4/submission/is_completed/${SID}/`, '/api/v4/auth/login/', `/api/v4/submission/is_completed/${SID}/`, `/api/v4/submission/full/${SID}/`]),
    },
    {
      name: 'a self-signed server is refused while verifyssl is on (the default)',
      query: LINK,
      config: { apiurl: 'https://al.selfsigned.example' },
      error: /^Could not connect to AssemblyLine: its TLS certificate could not be verified/,
    },
    {
      name: 'verifyssl "False" (as MISP stores it) reaches the self-signed server',
      query: LINK,
      config: { apiurl: 'https://al.selfsigned.example', verifyssl: 'False' },
      check: (answer) => {
        assert.equal(results(answer).Object.length, 2);
        assert.deepEqual(selfSigned.requests.slice(-3).map((r) => r.path), ['/api/v4/auth/login/', `/api/v4/submission/is_completed/${SID}/`, `/api/v4/submission/full/${SID}/`]);
      },
    },
    { name: 'a submission still running', query: LINK, routes: { 'GET /api/v4/submission/is_completed/:sid/': alAnswer(false) }, messageId: 'notCompleted' },
    {
      name: 'an unknown submission: AssemblyLine says so (404), nothing invented',
      query: link('https://assemblyline.example.org/submission/detail/NoSuchSid'),
      routes: { 'GET /api/v4/submission/is_completed/:sid/': alAnswer(true) },
      error: 'Something went wrong while getting the submission from AssemblyLine: AssemblyLine answered HTTP 404 Not Found: Submission ID NoSuchSid does not exists.',
    },
    {
      name: 'a report with nothing to parse',
      query: LINK,
      routes: { 'GET /api/v4/submission/full/:sid/': alAnswer({ classification: 'UNCLASSIFIED', file_infos: {}, file_tree: {}, results: {}, sid: SID }) },
      messageId: 'empty',
    },
    { name: 'a link without a sid is refused before any request', query: link('https://assemblyline.example.org/'), messageId: 'noSid', requests: (r) => assert.equal(r.length, 0) },
    { name: 'wrong credentials', query: LINK, config: { apikey: 'misp:wrong' }, error: 'API key authentication failed: AssemblyLine answered HTTP 401 Unauthorized: Wrong username or password' },
    {
      name: 'wrong API key and wrong password: both reasons',
      query: LINK,
      config: { apikey: 'misp:wrong', password: 'nope' },
      error: 'API key authentication failed: AssemblyLine answered HTTP 401 Unauthorized: Wrong username or password Password authentication failed: AssemblyLine answered HTTP 401 Unauthorized: Wrong username or password',
    },
    { name: 'no configuration at all', query: LINK, config: null, messageId: 'missingConfig' },
    { name: 'no server address', query: LINK, config: { apiurl: '' }, messageId: 'noUrl' },
    { name: 'no user id', query: LINK, config: { user_id: '' }, messageId: 'noUser' },
    { name: 'neither API key nor password', query: LINK, config: { apikey: '' }, messageId: 'noCredential', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a type it does not take', query: { attribute: { type: 'url', value: 'https://x.example/', uuid: UUID } }, error: /does not accept attributes of type 'url'/ },
    { name: 'no attribute at all', query: { link: SID }, error: /requires an "attribute" field/ },
    ...vendorFailureRows({ query: LINK, route: 'GET /api/v4/submission/full/:sid/', vendorMessage: 'Datastore unavailable' }).map((row) => {
      const expected: Record<string, string | RegExp> = {
        'the vendor refuses the key (401)': /^Something went wrong while getting the submission from AssemblyLine: AssemblyLine answered HTTP 401 Unauthorized/,
        'the vendor rate-limits (429)': 'Something went wrong while getting the submission from AssemblyLine: AssemblyLine answered HTTP 429 Too Many Requests: Datastore unavailable',
        'the vendor fails (500)': 'Something went wrong while getting the submission from AssemblyLine: AssemblyLine answered HTTP 500 Internal Server Error: Datastore unavailable',
        'the vendor answers malformed JSON': 'Something went wrong while getting the submission from AssemblyLine: AssemblyLine returned invalid JSON.',
      };
      return expected[row.name] ? { ...row, error: expected[row.name]! } : row;
    }),
  ],
});
