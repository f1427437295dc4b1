/**
 * vmray_submit: submits an attachment or a malware-sample (unzipped with the
 * password "infected") to a VMRay server (`POST {url}/rest/sample/submit`,
 * multipart `sample_file` with `shareable` and `reanalyze`) and answers the
 * sample's hashes, its VMRay id (tagged workflow:state="incomplete"), its
 * link and, unless turned off, one text per analysis job; vmray_import then
 * imports the finished analyses.
 *
 * Kept from upstream: the name, the settings (`apikey`, `url`, and the
 * yes/no settings `shareable`, `do_not_reanalyze`,
 * `do_not_include_vmrayjobids` read as Python's strtobool), the request
 * (`Authorization: api_key …`, booleans as "True"/"False" as the VMRay client
 * sends them), the results and upstream's messages.
 * Fixed: the server URL is the admin's, reached as configured with its TLS
 * certificate verified (upstream turned verification off; `--ca-file` trusts
 * an on-premise CA); empty yes/no settings mean "no" (upstream crashes on
 * them); an empty apikey or url counts as missing; a VMRay failure names the
 * HTTP status and VMRay's `error_msg` instead of "Problem when calling API.";
 * a module-wide flag no longer leaks between queries.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults, type LegacyEntryInput } from '../../misp/legacy-result.js';
import { isRecord, records, str } from '../_shared/json-record.js';
import { multipartBody } from '../_shared/multipart.js';
import { readSubmittedFile, SUBMITTED_FILE_MESSAGES } from '../_shared/submitted-file.js';
import { VMRayApi, serverUrl } from '../_shared/vmray/api.js';
import { VMRAY_API_MESSAGES } from '../_shared/vmray/messages.js';

const MESSAGES = defineMessages({
  noSample: 'No malware sample or attachment supplied',
  badSample: 'Unable to process submited sample data: {reason}',
  missingConfig: 'Missing API key or server URL (hint: try cloud.vmray.com)',
  badSettings: 'Error while processing settings. Please double-check your values.',
  noData: 'No sample data or filename.',
  vmrayError: 'VMRay: {message}',
  noSubmission: 'No valid submission data returned.',
});

/** Python's distutils strtobool; empty means no. */
function strtobool(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return false;
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(v)) return true;
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(v)) return false;
  throw MESSAGES.error('badSettings');
}

const pyBool = (value: boolean): string => (value ? 'True' : 'False');

/** The results upstream's vmrayProcess builds from `data.samples[0]` and `data.jobs`. */
function submissionResults(data: Record<string, unknown>, includeJobs: boolean): LegacyEntryInput[] {
  const sample = records(data['samples'])[0];
  const md5 = str(sample?.['sample_md5hash']);
  const sha1 = str(sample?.['sample_sha1hash']);
  const sha256 = str(sample?.['sample_sha256hash']);
  const id = str(sample?.['sample_id']);
  const link = str(sample?.['sample_webif_url']);
  if (!sample || !md5 || !sha1 || !sha256 || !id || !link) throw MESSAGES.error('noSubmission');
  const entries: LegacyEntryInput[] = [
    { types: 'md5', values: md5 },
    { types: 'sha1', values: sha1 },
    { types: 'sha256', values: sha256 },
    { types: 'text', values: `VMRay Sample ID: ${id}`, tags: 'workflow:state="incomplete"' },
    { types: 'link', values: link },
  ];
  if (includeJobs) {
    for (const job of records(data['jobs'])) {
      const [jobId, vm, configuration] = ['job_id', 'job_vm_name', 'job_configuration_name'].map((k) => str(job[k]) ?? '');
      entries.push({ types: 'text', values: `VMRay Job ID ${jobId} (${vm} - ${configuration})` });
    }
  }
  return entries;
}

export default defineModule({
  name: 'vmray_submit',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.3',
    author: 'Koen Van Impe',
    description: 'Module to submit a sample to VMRay.',
    name: 'VMRay Submit',
    logo: 'vmray.png',
    requirements: ['An access to the VMRay API (apikey & url)'],
    features:
      'This module takes an attachment or malware-sample attribute as input to query the VMRay API.\n\n' +
      'The sample contained within the attribute in then enriched with data from VMRay mapped into MISP attributes.',
    references: ['https://www.vmray.com/'],
    input: 'An attachment or malware-sample attribute.',
    output: 'MISP attributes mapped from the result of the query on VMRay API, included in the following list:\n- text\n- sha1\n- sha256\n- md5\n- link',
  },
  config: {
    apikey: { description: 'VMRay API key.', secret: true },
    url: { description: 'URL of the VMRay server, e.g. https://cloud.vmray.com (https:// is assumed when no scheme is given); TLS is verified.' },
    shareable: { description: 'yes/no (true/false, 1/0): may VMRay share the sample? Empty: no.' },
    do_not_reanalyze: { description: 'yes/no: do not analyse again a sample VMRay already knows. Empty: no (analyse again).' },
    do_not_include_vmrayjobids: { description: 'yes/no: leave out the texts naming the VMRay job ids. Empty: no (include them).' },
  },
  attributes: { input: ['attachment', 'malware-sample'], output: ['text', 'sha1', 'sha256', 'md5', 'link'] },
  checkInput: false,
  coalesce: false,
  // The shared helpers' messages this module can give too.
  messages: { ...MESSAGES.templates, ...SUBMITTED_FILE_MESSAGES.templates, ...VMRAY_API_MESSAGES.templates },
  async handle(query, ctx) {
    const file = await readSubmittedFile(query, {
      allowEmptyData: true,
      failure: (reason, cause) => MESSAGES.error('badSample', { reason }, { cause }),
    });
    if (!file) throw MESSAGES.error('noSample');
    const apiKey = ctx.config['apikey'];
    const url = ctx.config['url'];
    if (!apiKey || !url?.trim()) throw MESSAGES.error('missingConfig');
    const shareable = strtobool(ctx.config['shareable']);
    const reanalyze = !strtobool(ctx.config['do_not_reanalyze']);
    const includeJobs = !strtobool(ctx.config['do_not_include_vmrayjobids']);
    if (file.filename === '' || file.content.length === 0) throw MESSAGES.error('noData');

    const api = new VMRayApi(ctx, serverUrl(url), apiKey, { guarded: false });
    // The VMRay client sends the file as ("name", data, "application/octet-stream").
    const { body, contentType } = multipartBody([
      { name: 'shareable', value: pyBool(shareable) },
      { name: 'reanalyze', value: pyBool(reanalyze) },
      { name: 'sample_file', filename: file.filename, content: file.content, contentType: 'application/octet-stream' },
    ]);
    const data = await api.postMultipart('/rest/sample/submit', body, contentType);
    if (!isRecord(data)) throw MESSAGES.error('noSubmission');
    const [firstError] = records(data['errors']);
    const errorMessage = str(firstError?.['error_msg']) ?? '';
    if (firstError && !errorMessage.includes('Submission not stored')) throw MESSAGES.error('vmrayError', { message: errorMessage });
    return legacyResults(submissionResults(data, includeJobs));
  },
});
