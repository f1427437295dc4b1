/**
 * mwdb against a loopback MWDB Core REST API (Bearer key checked):
 * `POST /api/file` (multipart: the fake checks the `file` part and the
 * `options` field mwdblib sends) answering the file object as MWDB does,
 * then `POST /api/object/{id}/comment`.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import mwdb from '../../../src/modules/expansion/mwdb.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { encryptedZipBase64, multipartFields, parseMultipart } from '../../support/multipart-parts.js';

const KEY = 'eyJhbGciOiJIUzUxMiJ9.eyJsb2dpbiI6Im1pc3AiLCJhcGlfa2V5X2lkIjoiMSJ9.c2lnbmF0dXJl';
const SAMPLE = Buffer.from('MZ\x90\x00 mwdb sample \x00\xff', 'latin1');
const MD5 = createHash('md5').update(SAMPLE).digest('hex');
const SHA256 = createHash('sha256').update(SAMPLE).digest('hex');
const ZIP = await encryptedZipBase64(MD5, SAMPLE);
const ATTRIBUTE_UUID = '0b3d8a2e-4c5f-4e6a-9b7c-8d9e0f1a2b3c';

const bearer = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse =>
  req.headers['authorization'] === `Bearer ${KEY}` ? handler(req) : { status: 401, json: { message: 'Not authenticated.' } };

const MWDB = {
  'POST /api/file': bearer((req) => {
    const parts = parseMultipart(req);
    const file = parts.find((p) => p.name === 'file' && p.filename);
    if (!file) return { status: 400, json: { errors: { file: ['Missing data for required field.'] } } };
    return {
      json: {
        id: createHash('sha256').update(file.content).digest('hex'),
        type: 'file',
        file_name: file.filename,
        file_size: file.content.length,
        file_type: 'MS-DOS executable',
        md5: createHash('md5').update(file.content).digest('hex'),
        sha1: createHash('sha1').update(file.content).digest('hex'),
        sha256: createHash('sha256').update(file.content).digest('hex'),
        tags: [],
        upload_time: '2024-05-02T10:11:12.000000+00:00',
      },
    };
  }),
  'POST /api/object/:id/comment': bearer((req) => ({ json: { id: 12, author: 'misp', comment: req.json<{ comment: string }>().comment, timestamp: '2024-05-02T10:11:13+00:00' } })),
};

const FILE_QUERY = { attachment: 'invoice.exe', data: SAMPLE.toString('base64'), attribute_uuid: ATTRIBUTE_UUID, event_id: '42' };
const LINK = [{ types: ['link'], values: `https://mwdb.cert.pl/file/${MD5}`, comment: 'Link to MWDB sample' }];

testModule({
  module: mwdb,
  vendors: { 'mwdb.cert.pl': MWDB, 'mwdb.internal.example': MWDB },
  config: { mwdb_apikey: KEY, mwdb_url: 'https://mwdb.cert.pl/api/' },
  rows: [
    {
      name: 'an attachment is uploaded (file, options) as public, commented, and its link answered',
      query: FILE_QUERY,
      results: LINK,
      check: (_answer, requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['POST /api/file', `POST /api/object/${SHA256}/comment`]);
        const parts = parseMultipart(requests[0]!);
        assert.deepEqual(parts.map((p) => [p.name, p.filename]), [['file', 'invoice.exe'], ['options', undefined]]);
        assert.ok(parts[0]!.content.equals(SAMPLE));
        assert.equal(multipartFields(parts)['options'], '{"parent": null, "upload_as": "public"}');
        assert.deepEqual(JSON.parse(requests[1]!.body), { comment: `MISP attribute ${ATTRIBUTE_UUID}` });
      },
    },
    {
      name: 'a malware-sample: the sample inside the zip; mwdb_misp_attribute carries the event id; mwdb_public False',
      query: { ...FILE_QUERY, attachment: undefined, 'malware-sample': `dropper.exe|${MD5}`, data: ZIP },
      config: { mwdb_misp_attribute: 'misp', mwdb_public: 'False' },
      results: LINK,
      check: (_answer, requests) => {
        const parts = parseMultipart(requests[0]!);
        assert.equal(parts[0]!.filename, 'dropper.exe');
        assert.ok(parts[0]!.content.equals(SAMPLE));
        assert.equal(multipartFields(parts)['options'], '{"parent": null, "upload_as": "*", "metakeys": [{"key": "misp", "value": "42"}]}');
      },
    },
    {
      name: "a self-hosted instance: reached as configured, the link on it (mwdb_url without a trailing slash)",
      query: FILE_QUERY,
      config: { mwdb_url: 'https://mwdb.internal.example/api' },
      results: [{ ...LINK[0], values: `https://mwdb.internal.example/file/${MD5}` }],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.vendor), ['mwdb.internal.example', 'mwdb.internal.example']),
    },
    { name: 'include_tags_* are accepted and ignored (no keys.py)', query: FILE_QUERY, config: { include_tags_event: 'True', include_tags_attribute: 'True' }, results: LINK },
    { name: 'a wrong key (the fake checks it)', query: FILE_QUERY, config: { mwdb_apikey: 'wrong' }, error: 'Unable to send sample to MWDB instance: MWDB refused the key (setting mwdb_apikey, HTTP 401 Unauthorized): Not authenticated.' },
    { name: 'no key', query: FILE_QUERY, config: { mwdb_apikey: '' }, messageId: 'noSettings', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no url', query: FILE_QUERY, config: { mwdb_url: '' }, messageId: 'noSettings' },
    { name: 'an upload answer without md5', query: FILE_QUERY, routes: { 'POST /api/file': { json: { id: SHA256 } } }, messageId: 'noMd5' },
    { name: 'the sample is read before the settings, as upstream', query: { attachment: 'x', data: '%%%' }, config: { mwdb_apikey: '' }, messageId: 'badData', data: { reason: 'The "data" field is not valid base64.' } },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x|y', data: Buffer.from('no zip').toString('base64') }, error: /^Unable to process submited sample data: Could not extract malware sample from ZIP file/ },
    { name: 'a type it does not take', query: { url: 'http://evil.example.com/' }, error: /needs one of these attribute types/ },
    ...vendorFailureRows({ query: FILE_QUERY, route: 'POST /api/file', vendorMessage: 'Database unavailable' }).map((row) => {
      const expected: Record<string, string> = {
        'the vendor refuses the key (401)': 'Unable to send sample to MWDB instance: MWDB refused the key (setting mwdb_apikey, HTTP 401 Unauthorized): Database unavailable.',
        'the vendor rate-limits (429)': 'Unable to send sample to MWDB instance: MWDB rate limit reached (HTTP 429 Too Many Requests: Database unavailable); retry after 60 s.',
        'the vendor fails (500)': 'Unable to send sample to MWDB instance: MWDB answered HTTP 500 Internal Server Error: Database unavailable.',
        'the vendor answers malformed JSON': 'Unable to send sample to MWDB instance: MWDB answered with invalid JSON (HTTP 200).',
      };
      return expected[row.name] ? { ...row, error: expected[row.name]! } : row;
    }),
    { name: 'the comment fails (500): named', query: FILE_QUERY, routes: { 'POST /api/object/:id/comment': { status: 500, json: { message: 'Comment store down' } } }, error: 'Unable to send sample to MWDB instance: MWDB answered HTTP 500 Internal Server Error: Comment store down.' },
  ],
});
