/**
 * joesandbox_query: from the link of a Joe Sandbox submission
 * (`…/submissions/<id>`), asks the API for the submission
 * (`POST /v2/submission/info`), downloads the "jsonfixed" report of its most
 * relevant analysis (`POST /v2/analysis/download`) and parses it like
 * joe_import (the shared Joe parser, on a worker thread).
 *
 * Kept from upstream: the name, the settings (`apiurl`, default Joe Sandbox
 * Cloud; `apikey`; `import_executable` and `import_mitre_attack` as "true"),
 * the requests (key in the form), and the messages "No API key provided",
 * "Unsupported attribute type.", "The URL does not point to a Joe Sandbox
 * analysis.", "The analysis has not finished yet." and "No analysis belongs
 * to this submission.".
 * Fixed: a Joe Sandbox error names the service and the HTTP status besides
 * Joe's own message; a report that is not a Joe report is a clear error
 * instead of a crash; the link's id is read without a trailing slash or
 * query string. The API URL is the admin's: reached as configured, TLS
 * verified. The link itself is never fetched (only its id is used).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import type { MispStandardResults } from '../../misp/types.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import { JoeSandboxApi } from '../_shared/joe/api.js';
import type { JoeTaskInput } from '../_shared/joe/task.js';
import { isRecord, str } from '../_shared/json-record.js';
import { JOE_PARSER_MESSAGES, JOE_TASK_MESSAGES } from '../_shared/joe/messages.js';

const TASK = new URL('../_shared/joe/task.js', import.meta.url);

const MESSAGES = defineMessages({
  noKey: 'No API key provided',
  noAttribute:
    'This module requires an "attribute" field as input, containing at least a "type" field and a "value" field that is the link to the Joe Sandbox report.',
  wrongType: 'Unsupported attribute type.',
  notJoeLink: 'The URL does not point to a Joe Sandbox analysis.',
  notFinished: 'The analysis has not finished yet.',
  noAnalysis: 'No analysis belongs to this submission.',
});

/** The submission id: the last path segment after `/submissions/`. */
function submissionId(link: string): string | undefined {
  const afterMarker = link.slice(link.indexOf('/submissions/') + '/submissions/'.length);
  const id = afterMarker.split(/[?#]/, 1)[0]?.replace(/\/+$/, '').split('/').pop() ?? '';
  return id === '' ? undefined : id;
}

export default defineModule({
  name: 'joesandbox_query',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.2',
    author: 'Christian Studer',
    description:
      'Query Joe Sandbox API with a submission url to get the json report and extract its data that is parsed and converted into MISP attributes and objects.',
    name: 'Joe Sandbox Import',
    logo: 'joesandbox.png',
    requirements: ['jbxapi: Joe Sandbox API python3 library'],
    features:
      'Module using the new format of modules able to return attributes and objects.\n\nThe module returns the same results as the import module ' +
      '[joe_import](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/import_mod/joe_import.py) taking directly the json report as input.\n\n' +
      'Even if the introspection will allow all kinds of links to call this module, obviously only the ones presenting a sample or url submission in the Joe Sandbox API will return results.\n\n' +
      "To make it work you will need to fill the 'apikey' configuration with your Joe Sandbox API key and provide a valid link as input.",
    references: ['https://www.joesecurity.org', 'https://www.joesandbox.com/'],
    input: 'Link of a Joe Sandbox sample or url submission.',
    output: 'MISP attributes & objects parsed from the analysis report.',
  },
  config: {
    apiurl: { description: 'Joe Sandbox API URL (default https://jbxcloud.joesecurity.org/api; an on-premise server: http(s)://host/joesandbox/index.php/api).' },
    apikey: { description: 'Joe Sandbox API key.', secret: true },
    import_executable: { description: 'Set to "true" to import the PE/ELF/APK information of the analysed executable.' },
    import_mitre_attack: { description: 'Set to "true" to import the MITRE ATT&CK techniques as tags.' },
  },
  attributes: { input: ['link'], format: 'misp_standard' },
  checkInput: false,
  // The shared helpers' messages this module can give too.
  messages: { ...MESSAGES.templates, ...JOE_PARSER_MESSAGES.templates, ...JOE_TASK_MESSAGES.templates },
  async handle(query, ctx) {
    const apiKey = ctx.config['apikey'];
    if (!apiKey) throw MESSAGES.error('noKey');
    const attribute = query['attribute'];
    if (!isRecord(attribute) || str(attribute['type']) === undefined || str(attribute['value']) === undefined) {
      throw MESSAGES.error('noAttribute');
    }
    if (attribute['type'] !== 'link') throw MESSAGES.error('wrongType');
    const link = String(attribute['value']);
    if (!link.includes('/submissions/')) throw MESSAGES.error('notJoeLink');
    const id = submissionId(link);
    if (id === undefined) throw MESSAGES.error('notJoeLink');

    const joe = new JoeSandboxApi(ctx, ctx.config['apiurl'], apiKey, 'MISP joesandbox_query');
    const info = await joe.form('/v2/submission/info', [['submission_id', id]]);
    if (!isRecord(info) || info['status'] !== 'finished') throw MESSAGES.error('notFinished');
    const analysis = info['most_relevant_analysis'];
    const webid = isRecord(analysis) ? str(analysis['webid']) : undefined;
    if (webid === undefined) throw MESSAGES.error('noAnalysis');

    const report = await joe.download(webid, 'jsonfixed');
    const results = await runOffloaded<JoeTaskInput, MispStandardResults>(ctx, TASK, {
      data: report,
      importExecutable: ctx.config['import_executable'] === 'true',
      mitreAttack: ctx.config['import_mitre_attack'] === 'true',
    });
    return { results };
  },
});
