/**
 * malshare_upload against a loopback MalShare (`POST /api.php?api_key=…&action=upload`,
 * key checked): the fake reads the multipart `upload` file and answers in
 * MalShare's plain-text way ("Success - <sha256>", "sample already exists").
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import malshare_upload from '../../../src/modules/expansion/malshare_upload.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { encryptedZipBase64, parseMultipart } from '../../support/multipart-parts.js';

const KEY = '4f0e2c7a9b1d3e5f7a9c1e3f5b7d9f1a3c5e7f9b1d3f5a7c9e1f3b5d7f9a1c3e';
const SAMPLE = Buffer.from('MZ\x90\x00 malshare sample \x00\xff', 'latin1');
const SHA256 = createHash('sha256').update(SAMPLE).digest('hex');
const KNOWN = 'a'.repeat(64);
const ZIP = await encryptedZipBase64('5d41402abc4b2a76b9719d911017c592', SAMPLE);

const MALSHARE = {
  'POST /api.php': (req: FakeRequest): FakeResponse => {
    if (req.query['api_key'] !== KEY) return { status: 401, body: 'ERROR! => Invalid API key' };
    if (req.query['action'] !== 'upload') return { status: 400, body: 'ERROR! => Unknown action' };
    const file = parseMultipart(req).find((p) => p.name === 'upload' && p.filename);
    if (!file) return { body: 'ERROR! => No file uploaded' };
    return { body: `Success - ${createHash('sha256').update(file.content).digest('hex')}` };
  },
};

const FILE_QUERY = { attachment: 'invoice.exe', data: SAMPLE.toString('base64') };
const link = (hash: string) => [{ types: ['link'], values: `https://malshare.com/sample.php?action=detail&hash=${hash}`, comment: 'Link to MalShare analysis' }];

testModule({
  module: malshare_upload,
  vendors: { 'malshare.com': MALSHARE },
  config: { malshare_apikey: KEY },
  rows: [
    {
      name: "an attachment is uploaded as multipart (upload) and gives the link of its SHA-256's page",
      query: FILE_QUERY,
      results: link(SHA256),
      check: (_answer, requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path} ${r.query['action']}`), ['POST /api.php upload']);
        const parts = parseMultipart(requests[0]!);
        assert.deepEqual(parts.map((p) => [p.name, p.filename]), [['upload', 'invoice.exe']]);
        assert.ok(parts[0]!.content.equals(SAMPLE));
      },
    },
    {
      name: 'a malware-sample: the sample inside the zip (password "infected") is uploaded',
      query: { 'malware-sample': 'dropper.exe|5d41402abc4b2a76b9719d911017c592', data: ZIP },
      results: link(SHA256),
      check: (_answer, requests) => {
        const [part] = parseMultipart(requests[0]!);
        assert.equal(part!.filename, 'dropper.exe');
        assert.ok(part!.content.equals(SAMPLE));
      },
    },
    { name: 'a sample MalShare already has: the hash it names', query: FILE_QUERY, routes: { 'POST /api.php': { body: `ERROR! => sample already exists ${KNOWN}` } }, results: link(KNOWN) },
    { name: 'an answer that is neither success nor a duplicate', query: FILE_QUERY, routes: { 'POST /api.php': { body: 'ERROR! => Upload limit reached' } }, messageId: 'uploadFailed', data: { answer: 'ERROR! => Upload limit reached' } },
    { name: 'a wrong key (the fake checks it)', query: FILE_QUERY, config: { malshare_apikey: 'wrong' }, error: 'Unable to send sample to MalShare: MalShare refused the key (setting malshare_apikey, HTTP 401 Unauthorized): ERROR! => Invalid API key.' },
    { name: 'no key', query: FILE_QUERY, config: { malshare_apikey: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a sample that cannot be read comes before the key, as upstream', query: { attachment: 'x.exe', data: '%%%' }, config: { malshare_apikey: '' }, messageId: 'badData', data: { reason: 'The "data" field is not valid base64.' } },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x|y', data: Buffer.from('no zip').toString('base64') }, error: /^Unable to process submitted sample data: Could not extract malware sample from ZIP file/ },
    { name: 'a type it does not take', query: { url: 'http://evil.example.com/' }, error: /needs one of these attribute types/ },
    ...vendorFailureRows({ query: FILE_QUERY, skip: ['malformed'], vendorMessage: 'Database offline' }).map((row) => {
      const expected: Record<string, string> = {
        'the vendor refuses the key (401)': 'Unable to send sample to MalShare: MalShare refused the key (setting malshare_apikey, HTTP 401 Unauthorized): Database offline.',
        'the vendor rate-limits (429)': 'Unable to send sample to MalShare: MalShare rate limit reached (HTTP 429 Too Many Requests: Database offline); retry after 60 s.',
        'the vendor fails (500)': 'Unable to send sample to MalShare: MalShare answered HTTP 500 Internal Server Error: Database offline.',
      };
      return expected[row.name] ? { ...row, error: expected[row.name]! } : row;
    }),
    { name: 'an HTML error page with status 200 is an upload failure, not a link', query: FILE_QUERY, routes: { 'POST /api.php': { body: '<html><title>Maintenance</title></html>' } }, messageId: 'uploadFailed', data: { answer: '<html><title>Maintenance</title></html>' } },
  ],
});
