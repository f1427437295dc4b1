/**
 * vmray_submit against a loopback VMRay REST API (`POST /rest/sample/submit`,
 * `Authorization: api_key …`): the fake reads the multipart `sample_file` and
 * the `shareable` / `reanalyze` fields, and answers as VMRay documents it
 * (`{"result": "ok", "data": {"errors", "jobs", "samples", "submissions"}}`;
 * errors `{"result": "error", "error_msg": …}`).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import vmray_submit from '../../../src/modules/expansion/vmray_submit.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';
import { readMultipart } from '../../support/multipart.js';

const KEY = 'vmray-key-1234';
const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);
const EICAR = readFileSync(new URL('EICAR.com', SAMPLES));
const INFECTED_ZIP = readFileSync(new URL('infected.zip', SAMPLES)).toString('base64');
const hash = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');

/** What VMRay answers for a stored submission of `data` (trimmed from its API documentation). */
function submitted(data: Buffer, filename: string, errors: unknown[] = []): FakeResponse {
  return {
    json: {
      result: 'ok',
      data: {
        errors,
        jobs: [
          { job_id: 1001, job_type: 'full_analysis', job_vm_name: 'win10_64_th2', job_configuration_name: 'exe', job_sample_id: 55, job_status: 'queued' },
          { job_id: 1002, job_type: 'full_analysis', job_vm_name: 'win7_32_sp1', job_configuration_name: 'exe', job_sample_id: 55, job_status: 'queued' },
        ],
        reputation_jobs: [],
        samples: [{
          sample_id: 55,
          sample_filename: filename,
          sample_md5hash: hash('md5', data),
          sample_sha1hash: hash('sha1', data),
          sample_sha256hash: hash('sha256', data),
          sample_webif_url: 'https://cloud.vmray.com/user/sample/view?id=55',
          sample_is_multipart: false,
        }],
        submissions: [{ submission_id: 77, submission_sample_id: 55, submission_finished: false }],
      },
    },
  };
}

const VMRAY: Routes = {
  'POST /rest/sample/submit': async (req: FakeRequest) => {
    if (req.headers['authorization'] !== `api_key ${KEY}`) return { status: 401, json: { result: 'error', error_msg: 'Authentication required' } };
    const form = await readMultipart(req);
    const file = form.files['sample_file'];
    if (!file) return { status: 400, json: { result: 'error', error_msg: 'Parameter "sample_file" is missing' } };
    return submitted(file.data, file.filename);
  },
};

const results = (data: Buffer, jobs = true) => [
  { types: ['md5'], values: hash('md5', data) },
  { types: ['sha1'], values: hash('sha1', data) },
  { types: ['sha256'], values: hash('sha256', data) },
  { types: ['text'], values: 'VMRay Sample ID: 55', tags: ['workflow:state="incomplete"'] },
  { types: ['link'], values: 'https://cloud.vmray.com/user/sample/view?id=55' },
  ...(jobs ? [
    { types: ['text'], values: 'VMRay Job ID 1001 (win10_64_th2 - exe)' },
    { types: ['text'], values: 'VMRay Job ID 1002 (win7_32_sp1 - exe)' },
  ] : []),
];

const SAMPLE = { 'malware-sample': 'EICAR.com|44d88612fea8a8f36de82e1278abb02f', data: INFECTED_ZIP };
const DOC = Buffer.from('%PDF-1.4\n% an attachment\n');

testModule({
  module: vmray_submit,
  vendors: { 'cloud.vmray.com': VMRAY, 'vmray.internal.example': VMRAY },
  config: { apikey: KEY, url: 'cloud.vmray.com', shareable: 'no', do_not_reanalyze: 'no', do_not_include_vmrayjobids: 'no' },
  rows: [
    {
      name: 'a malware-sample: unzipped, sent as sample_file with shareable/reanalyze; hashes, id, link and jobs',
      query: SAMPLE,
      results: results(EICAR),
      routes: {
        'POST /rest/sample/submit': async (req) => {
          const form = await readMultipart(req);
          assert.deepEqual(form.fields, { shareable: ['False'], reanalyze: ['True'] });
          assert.equal(form.files['sample_file']?.filename, 'EICAR.com');
          assert.equal(form.files['sample_file']?.type, 'application/octet-stream');
          assert.deepEqual(form.files['sample_file']?.data, EICAR);
          assert.equal(req.headers['authorization'], `api_key ${KEY}`);
          return submitted(form.files['sample_file']!.data, 'EICAR.com');
        },
      },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.path}`), ['cloud.vmray.com POST /rest/sample/submit']),
    },
    {
      name: 'an attachment on the admin\'s own server; shareable yes, do_not_reanalyze true, no job ids',
      query: { attachment: 'invoice.pdf', data: DOC.toString('base64') },
      config: { apikey: KEY, url: 'https://vmray.internal.example/', shareable: 'yes', do_not_reanalyze: 'true', do_not_include_vmrayjobids: '1' },
      results: results(DOC, false),
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), ['vmray.internal.example /rest/sample/submit']),
    },
    {
      name: 'empty yes/no settings mean no (upstream crashed on them)',
      query: SAMPLE,
      config: { apikey: KEY, url: 'cloud.vmray.com', shareable: '', do_not_reanalyze: '', do_not_include_vmrayjobids: '' },
      results: results(EICAR),
    },
    {
      name: '"Submission not stored" (a known sample) still gives the results',
      query: SAMPLE,
      routes: { 'POST /rest/sample/submit': submitted(EICAR, 'EICAR.com', [{ error_msg: 'Submission not stored because no jobs were created' }]) },
      results: results(EICAR),
    },
    {
      name: 'another submission error: VMRay\'s message',
      query: SAMPLE,
      routes: { 'POST /rest/sample/submit': submitted(EICAR, 'EICAR.com', [{ error_msg: 'Quota exceeded for today' }]) },
      error: 'VMRay: Quota exceeded for today',
    },
    {
      name: 'an answer without a sample',
      query: SAMPLE,
      routes: { 'POST /rest/sample/submit': { json: { result: 'ok', data: { errors: [], jobs: [], samples: [] } } } },
      messageId: 'noSubmission',
    },
    { name: 'no apikey: upstream\'s exact message', query: SAMPLE, config: { apikey: '' }, error: 'Missing API key or server URL (hint: try cloud.vmray.com)', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no url: upstream\'s exact message', query: SAMPLE, config: { url: '' }, error: 'Missing API key or server URL (hint: try cloud.vmray.com)' },
    { name: 'a yes/no setting that is neither', query: SAMPLE, config: { shareable: 'maybe' }, error: 'Error while processing settings. Please double-check your values.' },
    { name: 'no file at all', query: { md5: '44d88612fea8a8f36de82e1278abb02f' }, error: 'No malware sample or attachment supplied' },
    { name: 'a malware-sample that is not a zip', query: { 'malware-sample': 'x.exe', data: DOC.toString('base64') }, error: /^Unable to process submited sample data: Could not extract malware sample from ZIP file/ },
    { name: 'an attachment without data', query: { attachment: 'x.pdf' }, error: 'Unable to process submited sample data: The attachment has no "data" field with its base64 content.' },
    { name: 'an empty attachment', query: { attachment: 'x.pdf', data: '' }, error: 'No sample data or filename.' },
    { name: 'a wrong key: VMRay\'s status and error_msg', query: SAMPLE, config: { apikey: 'nope' }, error: 'VMRay answered HTTP 401 Unauthorized: Authentication required.' },
    ...vendorFailureRows({
      query: SAMPLE,
      host: 'cloud.vmray.com',
      route: 'POST /rest/sample/submit',
      expect: { unauthorized: 'VMRay answered HTTP 401 Unauthorized.', rateLimited: 'VMRay answered HTTP 429 Too Many Requests.', serverError: 'VMRay answered HTTP 500 Internal Server Error.' },
    }),
  ],
});
