/**
 * virustotal_upload against a loopback VirusTotal `POST /api/v3/files`: the
 * fake checks the `x-apikey` header, parses the multipart body it received
 * (one part `file` with the file name and the bytes) and answers the
 * analysis descriptor VirusTotal documents
 * (`{"data": {"type": "analysis", "id", "links": {"self"}}}`).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import virustotal_upload from '../../../src/modules/expansion/virustotal_upload.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { VT_KEY, WRONG_KEY } from './virustotal-fake.js';

const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, SAMPLES));
const EICAR = sample('EICAR.com');
const EICAR_SHA256 = 'a26e5910ac0dc3a97745adfbbf7504dac7750c2e3f9e732c356a8a10d3a18ac4';
const LINK = [{ types: ['link'], values: `https://www.virustotal.com/gui/file/${EICAR_SHA256}`, comment: 'Link to VirusTotal analysis' }];

interface Upload {
  fields: string[];
  filename: string;
  bytes: Buffer;
  contentType: string;
}

/** What the fake received in its last upload. */
let lastUpload: Upload | undefined;

async function uploadFile(req: FakeRequest): Promise<FakeResponse> {
  if (req.headers['x-apikey'] !== VT_KEY) return WRONG_KEY;
  const contentType = String(req.headers['content-type']);
  if (!contentType.startsWith('multipart/form-data; boundary=')) {
    return { status: 400, json: { error: { code: 'BadRequestError', message: 'Expected multipart/form-data' } } };
  }
  const form = await new Response(req.rawBody, { headers: { 'content-type': contentType } }).formData();
  const file = form.get('file');
  if (!(file instanceof Blob)) return { status: 400, json: { error: { code: 'BadRequestError', message: 'No file was uploaded' } } };
  const bytes = Buffer.from(await file.arrayBuffer());
  lastUpload = { fields: [...form.keys()], filename: (file as File).name, bytes, contentType };
  const id = Buffer.from(`${createHash('md5').update(bytes).digest('hex')}:1701431345`).toString('base64');
  return { json: { data: { type: 'analysis', id, links: { self: `https://www.virustotal.com/api/v3/analyses/${id}` } } } };
}

const attachment = (name: string, data: Buffer | string) => ({ attachment: name, data: typeof data === 'string' ? data : data.toString('base64') });
const malwareSample = (value: string, zip: string) => ({ 'malware-sample': value, data: sample(zip).toString('base64') });

/** Resets the record, then checks what the fake received. */
const received = (expect: Partial<Upload>) => (): void => {
  const upload = lastUpload;
  lastUpload = undefined;
  assert.ok(upload, 'the fake received an upload');
  assert.deepEqual(upload.fields, ['file']);
  for (const [key, value] of Object.entries(expect)) assert.deepEqual(upload[key as keyof Upload], value, key);
};

testModule({
  module: virustotal_upload,
  vendors: { 'www.virustotal.com': { 'POST /api/v3/files': uploadFile } },
  config: { virustotal_apikey: VT_KEY },
  rows: [
    {
      name: 'an attachment is uploaded as the multipart part "file"; the answer links to its report',
      query: attachment('EICAR.com', EICAR),
      results: LINK,
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), ['POST /api/v3/files']);
        assert.equal(requests[0]?.headers['accept'], 'application/json');
        received({ filename: 'EICAR.com', bytes: EICAR })();
      },
    },
    {
      name: 'a malware-sample is unzipped with "infected"; the file name is the value before "|"',
      query: malwareSample('EICAR.com|44d88612fea8a8f36de82e1278abb02f', 'infected.zip'),
      results: LINK,
      requests: received({ filename: 'EICAR.com', bytes: EICAR }),
    },
    { name: 'an unencrypted malware-sample zip is read too', query: malwareSample('EICAR.com', 'EICAR.com.zip'), results: LINK, requests: received({ bytes: EICAR }) },
    {
      name: 'a file name in another script arrives as written',
      query: attachment('отчёт 2024.pdf', Buffer.from('%PDF-1.4 test')),
      check: (answer) => assert.equal((answer['results'] as Array<{ values: string }>)[0]?.values, `https://www.virustotal.com/gui/file/${createHash('sha256').update('%PDF-1.4 test').digest('hex')}`),
      requests: received({ filename: 'отчёт 2024.pdf', bytes: Buffer.from('%PDF-1.4 test') }),
    },
    {
      name: 'a malware-sample whose zip password is not "infected"',
      query: malwareSample('x.exe|00', 'short_password.zip'),
      error: /^Unable to process submitted sample data \(the malware-sample zip could not be opened: .+\)\.$/,
      requests: (r) => assert.equal(r.length, 0),
    },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x|00', data: Buffer.from('not a zip').toString('base64') }, error: /^Unable to process submitted sample data \(the malware-sample zip could not be opened: / },
    { name: 'data that is not base64', query: attachment('EICAR.com', '%%% not base64 %%%'), messageId: 'badSample', data: { reason: 'the data is not base64' } },
    { name: 'no data', query: { attachment: 'EICAR.com' }, messageId: 'badSample', data: { reason: 'the request has no data' } },
    { name: 'empty data', query: attachment('empty.txt', Buffer.alloc(0)), messageId: 'badSample', data: { reason: 'the request has no data' } },
    { name: 'base64 of nothing', query: attachment('empty.txt', '=='), messageId: 'badSample', data: { reason: 'the file is empty' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'neither an attachment nor a malware-sample', query: { md5: '44d88612fea8a8f36de82e1278abb02f', data: EICAR.toString('base64') }, error: 'No malware sample or attachment supplied' },
    { name: 'no key', query: attachment('EICAR.com', EICAR), config: { virustotal_apikey: '' }, error: 'Missing VirusTotal API key', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attachment('EICAR.com', EICAR), config: null, error: 'Missing VirusTotal API key' },
    {
      name: 'a wrong key: VirusTotal\'s 401 WrongCredentialsError, with its message',
      query: attachment('EICAR.com', EICAR),
      config: { virustotal_apikey: 'not-the-key' },
      error: 'VirusTotal refused the key (setting virustotal_apikey, HTTP 401 Unauthorized): Wrong API key.',
    },
    {
      name: 'a file over VirusTotal\'s size limit: its 413, said',
      query: attachment('EICAR.com', EICAR),
      routes: { 'POST /api/v3/files': { status: 413, json: { error: { code: 'RequestEntityTooLargeError', message: 'Request entity too large' } } } },
      error: 'VirusTotal answered HTTP 413 Payload Too Large: Request entity too large.',
    },
    ...vendorFailureRows({ query: attachment('EICAR.com', EICAR), skip: ['unauthorized'], vendorMessage: 'Quota exceeded' }).map((row) =>
      row.name.includes('429') ? { ...row, error: 'VirusTotal rate limit reached (HTTP 429 Too Many Requests: Quota exceeded); retry after 60 s.' } : row,
    ),
  ],
});
