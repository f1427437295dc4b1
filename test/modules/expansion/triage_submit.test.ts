/**
 * triage_submit against a loopback tria.ge (`POST /api/v0/samples`, Bearer
 * key checked): files as multipart (the fake checks the `file` part), URLs
 * as JSON; answers shaped like Triage's documented sample object.
 */
import assert from 'node:assert/strict';
import triage_submit from '../../../src/modules/expansion/triage_submit.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { encryptedZipBase64, parseMultipart } from '../../support/multipart-parts.js';

const KEY = 'b7d8f3a1c2e4d5f6a7b8c9d0e1f2a3b4c5d6e7f8';
const SAMPLE = Buffer.from('MZ\x90\x00 triage sample \x00\xff', 'latin1');
const ZIP = await encryptedZipBase64('5d41402abc4b2a76b9719d911017c592', SAMPLE);
const ID = '240502-k3j4h5g6f7';

function sample(kind: string, extra: Record<string, unknown>): FakeResponse {
  return { json: { id: ID, status: 'pending', kind, private: false, submitted: '2024-05-02T10:11:12Z', ...extra } };
}

const TRIAGE = {
  'POST /api/v0/samples': (req: FakeRequest): FakeResponse => {
    if (req.headers['authorization'] !== `Bearer ${KEY}`) return { status: 401, json: { error: 'UNAUTHORIZED', message: 'Invalid API key' } };
    if (String(req.headers['content-type']).startsWith('multipart/form-data')) {
      const file = parseMultipart(req).find((p) => p.name === 'file' && p.filename);
      return file ? sample('file', { filename: file.filename }) : { status: 400, json: { error: 'INVALID_INPUT', message: 'no file' } };
    }
    const body = req.json<{ kind?: string; url?: string }>();
    return body.url && (body.kind === 'url' || body.kind === 'fetch') ? sample(body.kind, { url: body.url }) : { status: 400, json: { error: 'INVALID_INPUT', message: 'invalid kind' } };
  },
};

const FILE_QUERY = { attachment: 'invoice.exe', data: SAMPLE.toString('base64') };
const link = (comment: string) => [{ types: ['link'], values: `https://tria.ge/${ID}`, comment }];

testModule({
  module: triage_submit,
  vendors: { 'tria.ge': TRIAGE },
  config: { apikey: KEY },
  rows: [
    {
      name: 'an attachment goes out as multipart (file) and gives the analysis link',
      query: FILE_QUERY,
      results: link('Link to tria.ge analysis'),
      check: (_answer, requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /api/v0/samples']);
        const parts = parseMultipart(requests[0]!);
        assert.deepEqual(parts.map((p) => [p.name, p.filename]), [['file', 'invoice.exe']]);
        assert.ok(parts[0]!.content.equals(SAMPLE));
      },
    },
    {
      name: 'a malware-sample: the sample inside the zip (password "infected"), named after its filename',
      query: { 'malware-sample': 'dropper.exe|5d41402abc4b2a76b9719d911017c592', data: ZIP },
      results: link('Link to tria.ge analysis'),
      check: (_answer, requests) => {
        const [part] = parseMultipart(requests[0]!);
        assert.equal(part!.filename, 'dropper.exe');
        assert.ok(part!.content.equals(SAMPLE));
      },
    },
    {
      name: 'a url in the default submit mode is {"kind": "url"}',
      query: { url: 'http://evil.example.com/landing' },
      results: link('Link to tria.ge analysis (submit mode)'),
      check: (_answer, requests) => assert.deepEqual(JSON.parse(requests[0]!.body), { kind: 'url', url: 'http://evil.example.com/landing' }),
    },
    {
      name: 'url_mode fetch is {"kind": "fetch"}',
      query: { url: 'http://evil.example.com/payload.exe' },
      config: { url_mode: 'fetch' },
      results: link('Link to tria.ge analysis (fetch mode)'),
      check: (_answer, requests) => assert.deepEqual(JSON.parse(requests[0]!.body), { kind: 'fetch', url: 'http://evil.example.com/payload.exe' }),
    },
    { name: 'a wrong API key (the fake checks it)', query: FILE_QUERY, config: { apikey: 'wrong' }, error: 'Error submitting to tria.ge: tria.ge refused the key (setting apikey, HTTP 401 Unauthorized): Invalid API key.' },
    { name: 'no API key', query: FILE_QUERY, config: { apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: FILE_QUERY, config: null, messageId: 'noKey' },
    { name: 'an answer without id', query: FILE_QUERY, routes: { 'POST /api/v0/samples': { json: { status: 'pending' } } }, messageId: 'noId' },
    {
      name: 'Triage refuses the sample (400): its message',
      query: FILE_QUERY,
      routes: { 'POST /api/v0/samples': { status: 400, json: { error: 'INVALID_INPUT', message: 'file is empty' } } },
      error: 'Error submitting to tria.ge: tria.ge answered HTTP 400 Bad Request: file is empty.',
    },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x|y', data: Buffer.from('no zip').toString('base64') }, error: /^Error submitting to tria\.ge: Could not extract malware sample from ZIP file/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an attachment without data', query: { attachment: 'x.exe' }, error: 'Error submitting to tria.ge: The attachment has no "data" field with its base64 content.' },
    { name: 'a type it does not take', query: { domain: 'evil.example.com' }, error: /needs one of these attribute types/ },
    ...vendorFailureRows({ query: FILE_QUERY, vendorMessage: 'Backend unavailable' }).map((row) => {
      const expected: Record<string, string> = {
        'the vendor refuses the key (401)': 'Error submitting to tria.ge: tria.ge refused the key (setting apikey, HTTP 401 Unauthorized): Backend unavailable.',
        'the vendor rate-limits (429)': 'Error submitting to tria.ge: tria.ge rate limit reached (HTTP 429 Too Many Requests: Backend unavailable); retry after 60 s.',
        'the vendor fails (500)': 'Error submitting to tria.ge: tria.ge answered HTTP 500 Internal Server Error: Backend unavailable.',
        'the vendor answers malformed JSON': 'Error submitting to tria.ge: tria.ge answered with invalid JSON (HTTP 200).',
      };
      return expected[row.name] ? { ...row, error: expected[row.name]! } : row;
    }),
  ],
});
