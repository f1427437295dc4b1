/**
 * cuckoo_submit against a loopback Cuckoo Sandbox REST API: `POST
 * /tasks/create/file` (multipart: the fake checks the `file` part and the
 * `owner` field) and `POST /tasks/create/url` (a form), both answering
 * `{"task_id": N}` as Cuckoo documents; `Authorization: Bearer` checked
 * (Cuckoo's 401 otherwise).
 */
import assert from 'node:assert/strict';
import cuckoo_submit from '../../../src/modules/expansion/cuckoo_submit.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { encryptedZipBase64, multipartFields, parseMultipart } from '../../support/multipart-parts.js';

const KEY = 'cuckoo-api-token-1234';
const SAMPLE = Buffer.from('MZ\x90\x00 sample bytes \x00\xff', 'latin1');
const ZIP = await encryptedZipBase64('5d41402abc4b2a76b9719d911017c592', SAMPLE);
const WRONG_PASSWORD_ZIP = await encryptedZipBase64('5d41402abc4b2a76b9719d911017c592', SAMPLE, 'not-infected');

function authorised(handler: (req: FakeRequest) => FakeResponse) {
  return (req: FakeRequest): FakeResponse =>
    req.headers['authorization'] === `Bearer ${KEY}` ? handler(req) : { status: 401, json: { message: 'Authentication required' } };
}

const CUCKOO = {
  'POST /tasks/create/file': authorised((req) => {
    const parts = parseMultipart(req);
    const file = parts.find((p) => p.name === 'file' && p.filename);
    return file ? { json: { task_id: 1337 } } : { status: 400, json: { message: 'No file has been provided' } };
  }),
  'POST /tasks/create/url': authorised((req) => (new URLSearchParams(req.body).get('url') ? { json: { task_id: 1338 } } : { status: 400, json: { message: 'No URL has been provided' } })),
};

const text = (value: string) => [{ types: ['text'], values: value }];
const FILE_QUERY = { attachment: 'invoice.exe', data: SAMPLE.toString('base64') };

testModule({
  module: cuckoo_submit,
  vendors: { 'cuckoo.example.org': CUCKOO },
  config: { api_url: 'https://cuckoo.example.org', api_key: KEY },
  rows: [
    {
      name: 'an attachment goes out as multipart (owner, file) and gives the task id',
      query: FILE_QUERY,
      results: text('Cuckoo task id: 1337'),
      check: (_answer, requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /tasks/create/file']);
        const parts = parseMultipart(requests[0]!);
        assert.deepEqual(multipartFields(parts), { owner: 'MISP' });
        const file = parts.find((p) => p.name === 'file')!;
        assert.equal(file.filename, 'invoice.exe');
        assert.ok(file.content.equals(SAMPLE));
      },
    },
    {
      name: 'a malware-sample: the sample inside the zip (password "infected") is sent, named after its filename',
      query: { 'malware-sample': 'dropper.exe|5d41402abc4b2a76b9719d911017c592', data: ZIP },
      results: text('Cuckoo task id: 1337'),
      check: (_answer, requests) => {
        const file = parseMultipart(requests[0]!).find((p) => p.name === 'file')!;
        assert.equal(file.filename, 'dropper.exe');
        assert.ok(file.content.equals(SAMPLE));
      },
    },
    {
      name: 'a url goes out as a form (url, owner)',
      query: { url: 'http://evil.example.com/payload' },
      results: text('Cuckoo task id: 1338'),
      check: (_answer, requests) => {
        assert.equal(requests[0]!.path, '/tasks/create/url');
        assert.equal(requests[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
        assert.deepEqual(Object.fromEntries(new URLSearchParams(requests[0]!.body)), { url: 'http://evil.example.com/payload', owner: 'MISP' });
      },
    },
    { name: 'a domain is submitted as a url', query: { domain: 'evil.example.com' }, results: text('Cuckoo task id: 1338') },
    {
      name: 'api_url without a scheme is https; a path in it is replaced by the endpoint (urljoin), as upstream',
      query: { url: 'http://evil.example.com/' },
      config: { api_url: 'cuckoo.example.org/api/' },
      results: text('Cuckoo task id: 1338'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), ['/tasks/create/url']),
    },
    {
      name: 'without api_key no Authorization header is sent (an API without authentication)',
      query: { url: 'http://evil.example.com/' },
      config: { api_key: '' },
      routes: { 'POST /tasks/create/url': (req: FakeRequest) => ({ json: { task_id: req.headers['authorization'] === undefined ? 7 : -1 } }) },
      results: text('Cuckoo task id: 7'),
    },
    { name: 'a wrong API key (401)', query: FILE_QUERY, config: { api_key: 'wrong' }, messageId: 'badKey' },
    { name: 'no API key where Cuckoo requires one (401)', query: FILE_QUERY, config: { api_key: '' }, messageId: 'badKey' },
    { name: 'an answer without task_id', query: FILE_QUERY, routes: { 'POST /tasks/create/file': { json: { message: 'ok' } } }, messageId: 'failed' },
    {
      name: 'Cuckoo refuses the file (400): its message',
      query: FILE_QUERY,
      routes: { 'POST /tasks/create/file': { status: 400, json: { message: 'Duplicated file found' } } },
      error: 'File or URL submission failed: Cuckoo answered HTTP 400 Bad Request: Duplicated file found.',
    },
    { name: 'no api_url', query: FILE_QUERY, config: { api_url: '' }, messageId: 'noUrl', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a malware-sample zip that "infected" does not open', query: { 'malware-sample': 'x.exe|abc', data: WRONG_PASSWORD_ZIP }, error: "Could not extract malware sample from ZIP file: the password 'infected' does not open it.", requests: (r) => assert.equal(r.length, 0) },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x.exe|abc', data: Buffer.from('not a zip').toString('base64') }, error: /^Could not extract malware sample from ZIP file/ },
    { name: 'an attachment without data', query: { attachment: 'x.exe' }, error: 'The attachment has no "data" field with its base64 content.' },
    { name: 'data that is not base64', query: { attachment: 'x.exe', data: '%%%' }, error: 'The "data" field is not valid base64.' },
    { name: 'a type it does not take', query: { md5: '5d41402abc4b2a76b9719d911017c592' }, error: /needs one of these attribute types/ },
    ...vendorFailureRows({ query: FILE_QUERY, route: 'POST /tasks/create/file', skip: ['unauthorized'], vendorMessage: 'Database unavailable' }).map((row) => {
      const expected: Record<string, string> = {
        'the vendor rate-limits (429)': 'File or URL submission failed: Cuckoo answered HTTP 429 Too Many Requests: Database unavailable.',
        'the vendor fails (500)': 'File or URL submission failed: Cuckoo answered HTTP 500 Internal Server Error: Database unavailable.',
      };
      return expected[row.name] ? { ...row, error: expected[row.name]! } : row;
    }),
  ],
});
