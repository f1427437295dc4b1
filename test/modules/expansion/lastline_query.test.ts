/**
 * lastline_query against a loopback Lastline portal API (papi): form login
 * answering a session cookie, then get_progress and get_result with it;
 * `{"success": 1, "data": …}` answers and `{"success": 0, "error",
 * "error_code"}` failures, as lastline_import's fixtures (from upstream's
 * lastline_api documentation) show them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import lastline_query from '../../../src/modules/expansion/lastline_query.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const USERNAME = 'analyst@example.org';
const PASSWORD = 'lastline-pass';
const FILE_TASK = '1fcbcb8f7fb400100772d6a7b62f501b';
const URL_TASK = 'f3c0ae115d51001017ff8da768fa6049';
const SESSION = 'papi_session=6f1e2d3c4b5a';
const link = (task: string, host = 'https://user.lastline.com') => `${host}/portal#/analyst/task/${task}/overview`;
const attribute = (value: string, type = 'link') => ({ attribute: { type, value, uuid: '5a1b2c3d-0000-4000-8000-000000000002' } });

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../import/fixtures-net/lastline/${name}.json`, import.meta.url), 'utf8'));

const withSession = (answer: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  req.headers.cookie === SESSION ? answer(req) : { status: 401, json: { success: 0, error: 'Authentication required', error_code: 3000 } };

const PORTAL: Routes = {
  'POST /papi/login.json': (req) => {
    const form = new URLSearchParams(req.body);
    if (form.get('username') !== USERNAME || form.get('password') !== PASSWORD) return { status: 401, json: fixture('error-credentials') };
    return { headers: { 'set-cookie': `${SESSION}; Path=/papi; HttpOnly` }, json: fixture('login') };
  },
  'GET /papi/analysis/get_progress.json': withSession(() => ({ json: fixture('progress-done') })),
  'GET /papi/analysis/get_result.json': withSession((req) =>
    req.query['uuid'] === URL_TASK ? { json: fixture('result-url') } : req.query['uuid'] === FILE_TASK ? { json: fixture('result-file') } : { json: fixture('error-not-found') }),
};

type Obj = { name: string; Attribute: Array<{ object_relation: string; value: string }> };
const objects = (answer: Answer) => ((answer['results'] as { Object?: Obj[] }).Object ?? []);
const relation = (o: Obj, name: string) => o.Attribute.filter((a) => a.object_relation === name).map((a) => a.value);

testModule({
  module: lastline_query,
  vendors: { 'user.lastline.com': PORTAL, 'user.emea.lastline.com': PORTAL },
  config: { username: USERNAME, password: PASSWORD },
  rows: [
    {
      name: 'a file analysis: login, progress, result; file, network and sandbox objects, ATT&CK tags',
      query: attribute(link(FILE_TASK)),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /papi/login.json', 'GET /papi/analysis/get_progress.json', 'GET /papi/analysis/get_result.json']);
        assert.deepEqual(Object.fromEntries(new URLSearchParams(requests[0]!.body)), { username: USERNAME, password: PASSWORD });
        assert.deepEqual(requests[2]!.query, { uuid: FILE_TASK, report_format: 'json' });
      },
      check: (answer) => {
        const list = objects(answer);
        assert.deepEqual(list.map((o) => o.name), ['file', 'dns-record', 'network-connection', 'http-request', 'network-connection', 'http-request', 'sandbox-report', 'sb-signature']);
        assert.deepEqual(relation(list[0]!, 'md5'), ['b0a6b4f0c8d7c1b6c2f1e3a4d5e6f708']);
        assert.deepEqual(relation(list[6]!, 'permalink'), [link(FILE_TASK)]);
        assert.deepEqual(relation(list[6]!, 'sandbox-type'), ['saas']);
        const tags = ((answer['results'] as { Tag?: Array<{ name: string }> }).Tag ?? []).map((t) => t.name);
        assert.ok(tags.length > 0 && tags.every((t) => t.startsWith('misp-galaxy:mitre-attack-pattern=')), tags.join(', '));
      },
    },
    {
      name: 'a URL analysis on the EMEA portal',
      query: attribute(link(URL_TASK, 'https://user.emea.lastline.com')),
      requests: (requests) => assert.ok(requests.every((r) => r.vendor === 'user.emea.lastline.com')),
      check: (answer) => {
        const list = objects(answer);
        assert.equal(list[0]!.name, 'url');
        assert.deepEqual(relation(list[0]!, 'url'), ['https://login.example-bank-secure.com/verify']);
        assert.deepEqual(relation(list.find((o) => o.name === 'sandbox-report')!, 'score'), ['30']);
      },
    },
    {
      name: 'an analysis still running: upstream\'s message, no result asked',
      query: attribute(link(FILE_TASK)),
      routes: { 'GET /papi/analysis/get_progress.json': { json: fixture('progress-running') } },
      messageId: 'notFinished',
      requests: (requests) => assert.equal(requests.length, 2),
    },
    {
      name: 'an unknown task: Lastline\'s error and code',
      query: attribute(link('0123456789abcdef0123456789abcdef')),
      error: 'Error issuing the API call: Task not found (3001)',
    },
    {
      name: 'an empty report',
      query: attribute(link(FILE_TASK)),
      routes: { 'GET /papi/analysis/get_result.json': { json: { success: 1, data: {} } } },
      messageId: 'empty',
    },
    {
      name: 'a result without analysis subject',
      query: attribute(link(FILE_TASK)),
      routes: { 'GET /papi/analysis/get_result.json': { json: { success: 1, data: { score: 10 } } } },
      messageId: 'notAResult',
    },
    {
      name: 'wrong credentials: Lastline\'s 401 and message',
      query: attribute(link(FILE_TASK)),
      config: { password: 'nope' },
      error: 'Error issuing the API call: Lastline answered HTTP 401 Unauthorized: Invalid credentials (3004).',
    },
    { name: 'no username/password: upstream\'s exact message', query: attribute(link(FILE_TASK)), config: { username: '', password: '' }, messageId: 'noCredentials', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute', query: { link: link(FILE_TASK) }, messageId: 'noAttribute' },
    { name: 'a link without task uuid', query: attribute('https://user.lastline.com/portal#/analyst/overview'), error: 'Error processing input parameters: Link does not contain a valid task uuid' },
    {
      name: 'a link to another host is a user URL: a private address is refused, the credentials never sent',
      query: attribute(link(FILE_TASK, 'http://10.1.2.3')),
      error: /^Error issuing the API call: .*(refused|not allowed|private)/i,
      requests: (r) => assert.equal(r.length, 0),
    },
    {
      name: 'the hosted portal\'s name in the user info does not make a link hosted',
      query: attribute(link(FILE_TASK, 'http://user.lastline.com@127.0.0.1:9')),
      error: /^Error issuing the API call: .*(refused|not allowed|loopback)/i,
      requests: (r) => assert.equal(r.length, 0),
    },
    ...vendorFailureRows({
      query: attribute(link(FILE_TASK)),
      host: 'user.lastline.com',
      route: 'POST /papi/login.json',
      expect: {
        unauthorized: 'Error issuing the API call: Lastline answered HTTP 401 Unauthorized.',
        rateLimited: 'Error issuing the API call: Lastline answered HTTP 429 Too Many Requests.',
        serverError: 'Error issuing the API call: Lastline answered HTTP 500 Internal Server Error.',
        malformed: /^Error issuing the API call: .*(invalid JSON|not JSON)/i,
        timeout: 'Timeout.',
      },
    }),
  ],
});
