/**
 * joesandbox_submit against a loopback Joe Sandbox API v2
 * (`POST /v2/submission/new`): a URL as a form, a file as multipart with the
 * `sample` file; the fake checks the key, the fields and the file it got,
 * and answers `{"data": {"submission_id": …}}` as documented.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import joesandbox_submit from '../../../src/modules/expansion/joesandbox_submit.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { readMultipart } from '../../support/multipart.js';

const KEY = 'joe-key-1234';
const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);
const EICAR = readFileSync(new URL('EICAR.com', SAMPLES));
const INFECTED_ZIP = readFileSync(new URL('infected.zip', SAMPLES)).toString('base64');
const DOC = Buffer.from('%PDF-1.4\n% a small attachment\n');

/** Fields of either body kind, as name → values. */
async function received(req: FakeRequest): Promise<{ fields: Record<string, string[]>; sample?: { filename: string; data: Buffer } }> {
  if (String(req.headers['content-type']).startsWith('multipart/form-data')) {
    const form = await readMultipart(req);
    return { fields: form.fields, ...(form.files['sample'] && { sample: form.files['sample'] }) };
  }
  const fields: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(req.body)) (fields[name] ??= []).push(value);
  return { fields };
}

const JOE: Routes = {
  'POST /api/v2/submission/new': async (req): Promise<FakeResponse> => {
    const { fields, sample } = await received(req);
    if (fields['apikey']?.[0] !== KEY) return { status: 403, json: { errors: [{ code: 4, message: 'Invalid API key' }] } };
    if (!fields['url'] && !sample) return { status: 400, json: { errors: [{ code: 2, message: 'Missing parameter: sample' }] } };
    return { json: { data: { submission_id: '4017290' } } };
  },
};

const link = (values: string) => [{ types: ['link'], categories: ['External analysis'], values }];

testModule({
  module: joesandbox_submit,
  vendors: { 'jbxcloud.joesecurity.org': JOE, 'joe.internal.example': JOE },
  config: { apikey: KEY, 'accept-tac': 'true', systems: 'w10x64, w7;  lnxubuntu20' },
  rows: [
    {
      name: 'a URL: a form with the key, the terms accepted, the systems and the url; the submission link',
      query: { url: 'http://evil.example/payload' },
      results: link('https://jbxcloud.joesecurity.org/submissions/4017290'),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /api/v2/submission/new']);
        assert.equal(requests[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
        const form = new URLSearchParams(requests[0]!.body);
        assert.equal(form.get('apikey'), KEY);
        assert.equal(form.get('accept-tac'), '1');
        assert.deepEqual(form.getAll('systems[]'), ['w10x64', 'w7', 'lnxubuntu20']);
        assert.equal(form.get('url'), 'http://evil.example/payload');
        assert.equal(form.get('report-cache'), null);
      },
    },
    {
      name: 'a domain is submitted as the url; report-cache "false" is sent as 0',
      query: { domain: 'evil.example' },
      config: { apikey: KEY, 'report-cache': 'false', 'accept-tac': '', systems: '' },
      results: link('https://jbxcloud.joesecurity.org/submissions/4017290'),
      requests: (requests) => {
        const form = new URLSearchParams(requests[0]!.body);
        assert.equal(form.get('url'), 'evil.example');
        assert.equal(form.get('report-cache'), '0');
        assert.equal(form.get('accept-tac'), '0');
        assert.deepEqual(form.getAll('systems[]'), []);
      },
    },
    {
      name: 'a malware-sample: unzipped with "infected", sent as the multipart sample under its name',
      query: { 'malware-sample': 'EICAR.com|44d88612fea8a8f36de82e1278abb02f', data: INFECTED_ZIP },
      results: link('https://jbxcloud.joesecurity.org/submissions/4017290'),
      requests: (requests) => {
        const type = String(requests[0]!.headers['content-type']);
        assert.match(type, /^multipart\/form-data; boundary=/);
      },
    },
    {
      name: 'the multipart body holds the fields and the unzipped sample',
      query: { 'malware-sample': 'EICAR.com|44d88612fea8a8f36de82e1278abb02f', data: INFECTED_ZIP },
      routes: {
        'POST /api/v2/submission/new': async (req) => {
          const form = await readMultipart(req);
          assert.deepEqual(form.fields, { apikey: [KEY], 'accept-tac': ['1'], 'systems[]': ['w10x64', 'w7', 'lnxubuntu20'] });
          assert.equal(form.files['sample']?.filename, 'EICAR.com');
          assert.deepEqual(form.files['sample']?.data, EICAR);
          return { json: { data: { submission_id: '4017291' } } };
        },
      },
      results: link('https://jbxcloud.joesecurity.org/submissions/4017291'),
    },
    {
      name: 'an attachment is sent as is; an on-premise apiurl gives a link on that server',
      query: { attachment: 'report.pdf', data: DOC.toString('base64') },
      config: { apikey: KEY, apiurl: 'https://joe.internal.example/joesandbox/index.php/api' },
      routes: {
        'joe.internal.example': {
          'POST /joesandbox/index.php/api/v2/submission/new': async (req) => {
            const form = await readMultipart(req);
            assert.equal(form.files['sample']?.filename, 'report.pdf');
            assert.deepEqual(form.files['sample']?.data, DOC);
            return { json: { data: { submission_id: '77' } } };
          },
        },
      },
      results: link('https://joe.internal.example/joesandbox/submissions/77'),
    },
    { name: 'no apikey: upstream\'s exact message', query: { url: 'http://evil.example/' }, config: { apikey: '' }, error: 'No API key provided', requests: (r) => assert.equal(r.length, 0) },
    { name: 'accept-tac that is not true/false', query: { url: 'http://evil.example/' }, config: { apikey: KEY, 'accept-tac': 'yes' }, error: "Cannot parse accept-tac. Must be 'true' or 'false'" },
    { name: 'report-cache that is not true/false', query: { url: 'http://evil.example/' }, config: { apikey: KEY, 'report-cache': '1' }, error: "Cannot parse report-cache. Must be 'true' or 'false'" },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x.exe', data: DOC.toString('base64') }, error: /^Could not extract malware sample from ZIP file: /, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an attachment without data', query: { attachment: 'x.pdf' }, error: 'The attachment has no "data" field with its base64 content.' },
    { name: 'data that is not base64', query: { attachment: 'x.pdf', data: '%%%' }, error: 'The "data" field is not valid base64.' },
    { name: 'nothing to submit', query: { ip: '1.2.3.4' }, error: /attachment|malware-sample|url|domain/ },
    { name: 'an answer without submission id', query: { url: 'http://evil.example/' }, routes: { 'POST /api/v2/submission/new': { json: { data: {} } } }, messageId: 'noSubmission' },
    { name: 'a wrong key: Joe Sandbox\'s 403 and message', query: { url: 'http://evil.example/' }, config: { apikey: 'nope' }, error: 'Joe Sandbox answered HTTP 403 Forbidden: Invalid API key.' },
    ...vendorFailureRows({ query: { url: 'http://evil.example/' }, host: 'jbxcloud.joesecurity.org', route: 'POST /api/v2/submission/new', expect: { unauthorized: /^Joe Sandbox answered HTTP 401 Unauthorized/ } }),
  ],
});
