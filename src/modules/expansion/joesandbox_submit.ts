/**
 * joesandbox_submit: submits an attachment, a malware-sample (unzipped with
 * the password "infected") or a URL/domain to Joe Sandbox
 * (`POST {apiurl}/v2/submission/new`) and answers the link of the submission,
 * which joesandbox_query reads once the analysis is done.
 *
 * Kept from upstream: the name, the settings (`apiurl`, default Joe Sandbox
 * Cloud; `apikey`; `accept-tac` and `report-cache` as "true"/"false";
 * `systems` split on spaces, commas and semicolons), the fields jbxapi sends
 * (`apikey`, `accept-tac` "1"/"0", `report-cache`, `systems[]`, `url` or the
 * `sample` file), the link `{apiurl}/../submissions/{id}`, and the messages
 * "No API key provided" and "Cannot parse … Must be 'true' or 'false'".
 * Changed: the sample goes in one multipart request (the API's `sample`
 * field, which jbxapi falls back to when a server has no chunked upload)
 * instead of jbxapi's chunked upload. Fixed: an answer without a submission
 * id is a clear error (upstream crashes on an assert); a Joe Sandbox error
 * names the service and the HTTP status besides Joe's message. The API URL
 * is the admin's: reached as configured, TLS verified.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { JoeSandboxApi, type JoeFields } from '../_shared/joe/api.js';
import { isRecord, str } from '../_shared/json-record.js';
import { readSubmittedFile, SUBMITTED_FILE_MESSAGES } from '../_shared/submitted-file.js';

const MESSAGES = defineMessages({
  noKey: 'No API key provided',
  badBool: "Cannot parse {name}. Must be 'true' or 'false'",
  noSubmission: 'Joe Sandbox answered without a submission id.',
  nothingToSubmit: 'Nothing to submit: the query has no url, domain, attachment or malware-sample.',
});

/** Upstream's _parse_bool: empty → unset; "true"/"false"; anything else is an error. */
function parseBool(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw MESSAGES.error('badBool', { name });
}

const asFlag = (value: boolean | undefined): string | undefined => (value === undefined ? undefined : value ? '1' : '0');

export default defineModule({
  name: 'joesandbox_submit',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1.0',
    author: 'Joe Security LLC',
    description: 'A module to submit files or URLs to Joe Sandbox for an advanced analysis, and return the link of the submission.',
    name: 'Joe Sandbox Submit',
    logo: 'joesandbox.png',
    requirements: ['jbxapi: Joe Sandbox API python3 library'],
    features:
      'The module requires a Joe Sandbox API key to submit files or URL, and returns the link of the submitted analysis.\n\n' +
      'It is then possible, when the analysis is completed, to query the Joe Sandbox API to get the data related to the analysis, using the ' +
      '[joesandbox_query module](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/expansion/joesandbox_query.py) directly on this submission link.',
    references: ['https://www.joesecurity.org', 'https://www.joesandbox.com/'],
    input: 'Sample, url (or domain) to submit to Joe Sandbox for an advanced analysis.',
    output: 'Link of the report generated in Joe Sandbox.',
  },
  config: {
    apiurl: { description: 'Joe Sandbox API URL (default https://jbxcloud.joesecurity.org/api; an on-premise server: http(s)://host/joesandbox/index.php/api).' },
    apikey: { description: 'Joe Sandbox API key.', secret: true },
    'accept-tac': { description: '"true" to accept the Joe Sandbox Cloud terms and conditions (required by the Cloud), "false" otherwise.' },
    'report-cache': { description: '"true" to answer from the report cache when the sample was analysed before, "false" to analyse again; empty: the server decides.' },
    systems: { description: 'Analysis systems (e.g. "w10x64 w7"), separated by spaces, commas or semicolons; empty: the server chooses.' },
  },
  attributes: { input: ['attachment', 'malware-sample', 'url', 'domain'], output: ['link'] },
  coalesce: false,
  // The shared helpers' messages this module can give too.
  messages: { ...MESSAGES.templates, ...SUBMITTED_FILE_MESSAGES.templates },
  async handle(query, ctx) {
    const systems = (ctx.config['systems'] ?? '').split(/[\s,;]/).map((s) => s.trim()).filter((s) => s !== '');
    const acceptTac = parseBool(ctx.config['accept-tac'], 'accept-tac');
    const reportCache = parseBool(ctx.config['report-cache'], 'report-cache');
    const apiKey = ctx.config['apikey'];
    if (!apiKey) throw MESSAGES.error('noKey');

    const fields: JoeFields = [
      ['accept-tac', acceptTac ? '1' : '0'],
      ['report-cache', asFlag(reportCache)],
      ['systems[]', systems],
    ];
    const joe = new JoeSandboxApi(ctx, ctx.config['apiurl'], apiKey, 'MISP joesandbox_submit');
    const url = str(query['url']) ?? str(query['domain']);
    let answer: unknown;
    if ('url' in query || 'domain' in query) {
      if (url === undefined) throw MESSAGES.error('nothingToSubmit');
      answer = await joe.form('/v2/submission/new', [...fields, ['url', url]]);
    } else {
      const file = await readSubmittedFile(query);
      if (!file) throw MESSAGES.error('nothingToSubmit');
      ctx.log.info('submitting a sample to Joe Sandbox', { filename: file.filename, bytes: file.content.length });
      answer = await joe.multipart('/v2/submission/new', fields, [{ name: 'sample', filename: file.filename, content: file.content }]);
    }
    const id = isRecord(answer) ? str(answer['submission_id']) : undefined;
    if (id === undefined) throw MESSAGES.error('noSubmission');
    // Python's urljoin(apiurl, "../submissions/<id>"), on the setting as given.
    const link = new URL(`../submissions/${encodeURIComponent(id)}`, ctx.config['apiurl']?.trim() || joe.baseUrl).href;
    return legacyResults([{ types: 'link', categories: 'External analysis', values: link }]);
  },
});
