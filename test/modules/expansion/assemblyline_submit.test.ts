/**
 * assemblyline_submit against a loopback AssemblyLine (assemblyline-fake.ts):
 * the login, then `POST /api/v4/submit/`, multipart for files (the fake
 * checks the `json` field and the `bin` file) and JSON for URLs, answered
 * like AssemblyLine's submit API (the new submission, with its sid).
 */
import assert from 'node:assert/strict';
import assemblyline_submit from '../../../src/modules/expansion/assemblyline_submit.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { encryptedZipBase64, multipartFields, parseMultipart } from '../../support/multipart-parts.js';
import { alAnswer, BASE_ROUTES, CONFIG, PASSWORD, withSession } from './assemblyline-fake.js';

const SID = '5Gx2bLkQ9wT3rYpN8mZcVd';
const SAMPLE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode \x00\xff\xfe', 'latin1');
const ZIP = await encryptedZipBase64('5d41402abc4b2a76b9719d911017c592', SAMPLE);

/** AssemblyLine's answer to a submission (trimmed). */
function submitted(name: string): FakeResponse {
  return alAnswer({
    classification: 'TLP:CLEAR',
    files: [{ name, sha256: 'e3b1a8f4c7d2b6a9e0f1c2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b', size: SAMPLE.length }],
    max_score: 0,
    params: { classification: 'TLP:CLEAR', description: `Inspection of file: ${name}`, submitter: 'admin', ttl: 30 },
    sid: SID,
    state: 'submitted',
    times: { submitted: '2024-05-02T10:11:12.000000Z' },
  });
}

function submit(req: FakeRequest): FakeResponse {
  if (String(req.headers['content-type']).startsWith('multipart/form-data')) {
    const parts = parseMultipart(req);
    const file = parts.find((p) => p.name === 'bin' && p.filename !== undefined);
    const json = JSON.parse(multipartFields(parts)['json'] ?? '{}') as { name?: string };
    if (!file) return alAnswer('', 400, 'You cannot start a scan with no file or URL.');
    return submitted(json.name ?? file.filename!);
  }
  const body = req.json<{ url?: string; name?: string }>();
  return body.url ? submitted(body.url) : alAnswer('', 400, 'You cannot start a scan with no file or URL.');
}

const ROUTES = { ...BASE_ROUTES, 'POST /api/v4/submit/': withSession(submit) };
const LINK = [{ types: ['link'], categories: ['External analysis'], values: `https://assemblyline.example.org/submission/detail/${SID}` }];
const submitRequest = (requests: Array<{ path: string }>) => requests.find((r) => r.path === '/api/v4/submit/') as FakeRequest;

testModule({
  module: assemblyline_submit,
  vendors: { 'assemblyline.example.org': ROUTES, 'al.internal.example': ROUTES },
  config: CONFIG,
  rows: [
    {
      name: 'an attachment goes out as multipart (json name, bin file) and gives the submission link',
      query: { attachment: 'invoice.exe', data: SAMPLE.toString('base64') },
      results: LINK,
      check: (_answer, requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /api/v4/auth/login/', 'POST /api/v4/submit/']);
        const parts = parseMultipart(submitRequest(requests));
        assert.deepEqual(parts.map((p) => [p.name, p.filename]), [['json', undefined], ['bin', 'invoice.exe']]);
        assert.equal(parts[0]!.content.toString(), '{"name": "invoice.exe"}');
        assert.ok(parts[1]!.content.equals(SAMPLE));
      },
    },
    {
      name: "a malware-sample is sent as MISP's zip, named after its filename",
      query: { 'malware-sample': 'invoice.exe|5d41402abc4b2a76b9719d911017c592', data: ZIP },
      results: LINK,
      check: (_answer, requests) => {
        const parts = parseMultipart(submitRequest(requests));
        assert.equal(parts[1]!.filename, 'invoice.exe');
        assert.ok(parts[1]!.content.equals(Buffer.from(ZIP, 'base64')));
      },
    },
    {
      name: 'a url goes out as JSON {url, name}',
      query: { url: 'http://evil.example.com/payload.bin' },
      results: LINK,
      check: (_answer, requests) => assert.deepEqual(JSON.parse(submitRequest(requests).body), { url: 'http://evil.example.com/payload.bin', name: 'http://evil.example.com/payload.bin' }),
    },
    {
      name: 'data that is not base64 is sent as its text, as upstream',
      query: { attachment: 'notes.txt', data: 'plain text, not base64!' },
      results: LINK,
      check: (_answer, requests) => assert.equal(parseMultipart(submitRequest(requests))[1]!.content.toString(), 'plain text, not base64!'),
    },
    {
      name: "the link is on the admin's server; the password is used without an API key",
      query: { url: 'http://evil.example.com/' },
      config: { apiurl: 'https://al.internal.example/', apikey: '', password: PASSWORD },
      results: [{ ...LINK[0], values: `https://al.internal.example/submission/detail/${SID}` }],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['al.internal.example /api/v4/auth/login/', 'al.internal.example /api/v4/submit/']),
    },
    { name: 'an answer without a sid', query: { url: 'http://evil.example.com/' }, routes: { 'POST /api/v4/submit/': alAnswer({ state: 'submitted' }) }, messageId: 'unexpected' },
    {
      name: 'AssemblyLine refuses the submission (400): its message',
      query: { url: 'http://evil.example.com/' },
      routes: { 'POST /api/v4/submit/': alAnswer('', 400, 'Submission quota exceeded for user admin') },
      error: 'Error while submitting url to AssemblyLine: AssemblyLine answered HTTP 400 Bad Request: Submission quota exceeded for user admin',
    },
    { name: 'a type it does not take', query: { 'ip-src': '198.51.100.7' }, error: "Module 'assemblyline_submit' needs one of these attribute types in the request: attachment, malware-sample, url.", requests: (r) => assert.equal(r.length, 0) },
    { name: 'an attachment without data', query: { attachment: 'invoice.exe' }, messageId: 'noData', data: { type: 'attachment' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'wrong credentials', query: { url: 'http://evil.example.com/' }, config: { apikey: 'misp:wrong' }, error: 'API key authentication failed: AssemblyLine answered HTTP 401 Unauthorized: Wrong username or password' },
    { name: 'no configuration at all', query: { url: 'http://evil.example.com/' }, config: null, messageId: 'missingConfig' },
    { name: 'no server address', query: { url: 'http://evil.example.com/' }, config: { apiurl: '' }, messageId: 'noUrl' },
    { name: 'no user id', query: { url: 'http://evil.example.com/' }, config: { user_id: '' }, messageId: 'noUser' },
    { name: 'neither API key nor password', query: { url: 'http://evil.example.com/' }, config: { apikey: '' }, messageId: 'noCredential', requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: { attachment: 'invoice.exe', data: SAMPLE.toString('base64') }, route: 'POST /api/v4/submit/', vendorMessage: 'Dispatcher unavailable' }).map((row) => {
      const expected: Record<string, string | RegExp> = {
        'the vendor refuses the key (401)': /^Error while submitting content to AssemblyLine: AssemblyLine answered HTTP 401 Unauthorized/,
        'the vendor rate-limits (429)': 'Error while submitting content to AssemblyLine: AssemblyLine answered HTTP 429 Too Many Requests: Dispatcher unavailable',
        'the vendor fails (500)': 'Error while submitting content to AssemblyLine: AssemblyLine answered HTTP 500 Internal Server Error: Dispatcher unavailable',
        'the vendor answers malformed JSON': 'Error while submitting content to AssemblyLine: AssemblyLine returned invalid JSON.',
      };
      return expected[row.name] ? { ...row, error: expected[row.name]! } : row;
    }),
  ],
});
