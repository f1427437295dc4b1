/**
 * lastline_submit against a loopback Lastline analysis API: login with key
 * and api_token in the query string (a session cookie), then
 * `analysis/submit/file.json` (multipart `file`) or `analysis/submit/url.json`;
 * answers as upstream's lastline_api documents them (`task_uuid`, and
 * `score` once the analysis is known).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import lastline_submit from '../../../src/modules/expansion/lastline_submit.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { readMultipart } from '../../support/multipart.js';

const KEY = 'll-key-1234';
const TOKEN = 'll-token-5678';
const SESSION = 'llsession=a1b2c3';
const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);
const EICAR = readFileSync(new URL('EICAR.com', SAMPLES));
const INFECTED_ZIP = readFileSync(new URL('infected.zip', SAMPLES)).toString('base64');
const DOC = Buffer.from('%PDF-1.4\n% an attachment\n');
const TASK = '86097fb8e4cd00100464cb001b97ecbe';
const PENDING_TASK = 'f3c0ae115d51001017ff8da768fa6049';

const withSession = (answer: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>) => (req: FakeRequest) =>
  req.headers.cookie === SESSION ? answer(req) : { status: 401, json: { success: 0, error: 'Authentication required', error_code: 3000 } };

const ANALYSIS: Routes = {
  'POST /authentication/login.json': (req) =>
    req.query['key'] === KEY && req.query['api_token'] === TOKEN
      ? { headers: { 'set-cookie': `${SESSION}; Path=/; HttpOnly` }, json: { success: 1, data: { key: KEY } } }
      : { status: 401, json: { success: 0, error: 'Invalid credentials', error_code: 3004 } },
  'POST /analysis/submit/file.json': withSession(async (req) => {
    const form = await readMultipart(req);
    if (!form.files['file']) return { status: 400, json: { success: 0, error: 'Missing parameter file', error_code: 2001 } };
    return { json: { success: 1, data: { submission_timestamp: '2019-11-18 13:59:25', task_uuid: PENDING_TASK } } };
  }),
  'POST /analysis/submit/url.json': withSession(() => ({
    json: {
      success: 1,
      data: {
        submission: '2019-11-17 09:33:23',
        submission_timestamp: '2019-11-18 16:11:04',
        task_uuid: TASK,
        score: 0,
        analysis_subject: { url: 'https://www.example.com' },
        last_submission_timestamp: '2019-11-18 16:11:04',
      },
    },
  })),
};

const link = (task: string, state: 'complete' | 'incomplete', portal = 'https://user.lastline.com') => [{
  types: ['link'],
  categories: ['External analysis'],
  values: `${portal}/portal#/analyst/task/${task}/overview`,
  tags: [`workflow:state='${state}'`],
}];

testModule({
  module: lastline_submit,
  vendors: { 'analysis.lastline.com': ANALYSIS, 'analysis.ll.internal.example': ANALYSIS },
  config: { key: KEY, api_token: TOKEN },
  rows: [
    {
      name: 'a URL: login, then submit/url; a known analysis (score) is complete',
      query: { url: 'https://www.example.com' },
      results: link(TASK, 'complete'),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /authentication/login.json', 'POST /analysis/submit/url.json']);
        assert.deepEqual(requests[0]!.query, { key: KEY, api_token: TOKEN });
        assert.deepEqual(requests[1]!.query, { url: 'https://www.example.com' });
        assert.equal(requests[1]!.headers.cookie, SESSION);
      },
    },
    {
      name: 'a malware-sample: unzipped, multipart file with upstream\'s query options; pending is incomplete',
      query: { 'malware-sample': 'EICAR.com|44d88612fea8a8f36de82e1278abb02f', data: INFECTED_ZIP },
      routes: {
        'POST /analysis/submit/file.json': async (req) => {
          const form = await readMultipart(req);
          assert.deepEqual(form.fields, {});
          assert.equal(form.files['file']?.filename, 'dummy-ascii-name-for-file-param');
          assert.deepEqual(form.files['file']?.data, EICAR);
          assert.deepEqual(req.query, { allow_network_traffic: '1', filename: 'EICAR.com', password: 'infected', full_report_score: '-1' });
          assert.equal(req.headers.cookie, SESSION);
          return { json: { success: 1, data: { submission_timestamp: '2019-11-18 13:59:25', task_uuid: PENDING_TASK } } };
        },
      },
      results: link(PENDING_TASK, 'incomplete'),
    },
    {
      name: 'an attachment: sent as is, no password; an on-premise url (trailing slash) and its user. portal',
      query: { attachment: 'invoice.pdf', data: DOC.toString('base64') },
      config: { key: KEY, api_token: TOKEN, url: 'https://analysis.ll.internal.example/' },
      routes: {
        'analysis.ll.internal.example': {
          'POST /analysis/submit/file.json': async (req) => {
            const form = await readMultipart(req);
            assert.deepEqual(form.files['file']?.data, DOC);
            assert.deepEqual(req.query, { allow_network_traffic: '1', filename: 'invoice.pdf', full_report_score: '-1' });
            return { json: { success: 1, data: { task_uuid: PENDING_TASK } } };
          },
        },
      },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), [
        'analysis.ll.internal.example /authentication/login.json', 'analysis.ll.internal.example /analysis/submit/file.json',
      ]),
      results: link(PENDING_TASK, 'incomplete', 'https://user.ll.internal.example'),
    },
    { name: 'no key: upstream\'s exact message', query: { url: 'https://www.example.com' }, config: { key: '' }, messageId: 'noCredentials', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no api_token: upstream\'s exact message', query: { url: 'https://www.example.com' }, config: { api_token: '' }, error: 'Error parsing configuration: Arguments provided do not contain valid data' },
    { name: 'no url nor file', query: { domain: 'example.com' }, error: 'Error processing input parameters: Input parameters do not specify either an URL or a file' },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x.exe', data: DOC.toString('base64') }, error: /^Error processing input parameters: Could not extract malware sample from ZIP file/ },
    { name: 'an attachment without data', query: { attachment: 'x.pdf' }, error: 'Error processing input parameters: The attachment has no "data" field with its base64 content.' },
    { name: 'an answer without task_uuid', query: { url: 'https://www.example.com' }, routes: { 'POST /analysis/submit/url.json': { json: { success: 1, data: {} } } }, messageId: 'noTask' },
    {
      name: 'a refused submission: Lastline\'s error and code',
      query: { url: 'https://www.example.com' },
      routes: { 'POST /analysis/submit/url.json': { json: { success: 0, error: 'Submission quota exceeded', error_code: 3010 } } },
      error: 'Error issuing the API call: Submission quota exceeded (3010)',
    },
    { name: 'wrong credentials: Lastline\'s 401 and message', query: { url: 'https://www.example.com' }, config: { key: 'nope' }, error: 'Error issuing the API call: Lastline answered HTTP 401 Unauthorized: Invalid credentials (3004).' },
    ...vendorFailureRows({
      query: { url: 'https://www.example.com' },
      host: 'analysis.lastline.com',
      route: 'POST /analysis/submit/url.json',
      expect: {
        unauthorized: 'Error issuing the API call: Lastline answered HTTP 401 Unauthorized.',
        rateLimited: 'Error issuing the API call: Lastline answered HTTP 429 Too Many Requests.',
        serverError: 'Error issuing the API call: Lastline answered HTTP 500 Internal Server Error.',
        malformed: /^Error issuing the API call: .*(invalid JSON|not JSON)/i,
      },
    }),
  ],
});
