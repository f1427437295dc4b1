/**
 * anyrun_sandbox_submit: starts an ANY.RUN Sandbox analysis of a URL or a
 * file (an attachment, or the sample inside a malware-sample zip opened with
 * the password "infected") and answers the task link
 * `https://app.any.run/tasks/<uuid>` and the task UUID. Like anyrun-sdk, it
 * first checks the key (`GET /v1/analysis?team=false&skip=0&limit=25`, which
 * uses no licence), then `POST https://api.any.run/v1/analysis` with
 * `Authorization: API-KEY <key>`: a file as multipart (`file` first, then
 * the task fields), a URL as JSON; the fields per OS are the SDK's
 * (_shared/anyrun/analysis-params.ts).
 *
 * Kept from upstream: the name, the 21 settings in upstream's order (the
 * sandbox OS `os_type`: windows, ubuntu, debian or android; the task options
 * as the SDK takes them, sent as the admin typed them, the SDK's default when
 * empty), which settings each OS and object honour, the two results (link in
 * "External analysis", UUID as text in "Other") with upstream's comments, and
 * upstream's messages as upstream answered them (anyrun-sdk's
 * "[AnyRun Exception] Status code: … Description: …").
 * Fixed: the key and the OS are each required (upstream only complained when
 * both were missing); a Debian URL runs on Debian (upstream sent it to the
 * SDK's default Ubuntu); on Android the obj_ext_extension (files) and
 * obj_ext_browser (URLs) settings are ignored (upstream crashed when they were
 * set); os_type is read case-insensitively; a queued task, an answer without
 * a task id, an attachment without data or with bad base64 are clear errors
 * (upstream: a crash or the link ".../tasks/None"); an ANY.RUN failure names
 * the HTTP status and ANY.RUN's own message; without attribute_uuid the
 * comments leave out "for attribute with ID = None".
 * Changed: an empty setting gets the SDK's default, like a setting MISP
 * sends as null (upstream left a field set to "" out of the task).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ConfigSetting } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { analysisFields, pythonText, SANDBOX_OSES, type SandboxOs } from '../_shared/anyrun/analysis-params.js';
import { ANYRUN_API_MESSAGES, APP_URL, AnyRunClient } from '../_shared/anyrun/client.js';
import { isRecord, str } from '../_shared/json-record.js';
import { multipartBody } from '../_shared/multipart.js';
import { readSubmittedFile, SUBMITTED_FILE_MESSAGES } from '../_shared/submitted-file.js';

/** anyrun-sdk's RunTimeException as upstream answers it: `str(exception)`. */
const SDK = '[AnyRun Exception] Status code: unspecified. Description:';

const MESSAGES = defineMessages({
  ...ANYRUN_API_MESSAGES.templates,
  missing: `${SDK} ANYRUN Sandbox API-KEY and OS type must be specified.`,
  badOs: `${SDK} Received invalid OS type: {os}. Supports: windows, ubuntu, debian, android`,
  badObject: `${SDK} Received invalid Object. Supports: url, attachment, malware-sample.`,
  noFile: `${SDK} You must specify file_content with filename or filepath to start analysis`,
  queued: '[AnyRun Exception] Status code: 500. Description: Analysis is not started. Queue ID: {queueId}',
  noTaskId: 'ANY.RUN answered without the id of the new task.',
  linkComment: 'ANY.RUN Analysis URL for attribute with ID = {uuid}',
  idComment: 'ANY.RUN Analysis ID for attribute with ID = {uuid}',
  linkCommentNoUuid: 'ANY.RUN Analysis URL',
  idCommentNoUuid: 'ANY.RUN Analysis ID',
});

const WINDOWS_ONLY = 'Windows only (ubuntu, debian and android are fixed by the SDK).';

/** Upstream's moduleconfig, in its order. */
const CONFIG: Record<string, ConfigSetting> = {
  api_key: { description: 'ANY.RUN Sandbox API key (without the "API-KEY " prefix).', secret: true },
  os_type: { description: 'Sandbox OS: windows, ubuntu, debian or android (required).' },
  opt_timeout: { description: 'Analysis duration in seconds, 10-660 (default 240 for a file, 120 for a URL).' },
  opt_network_connect: { description: 'Network connection on (default) or off ("false").' },
  opt_network_fakenet: { description: 'FakeNet: "true" to turn it on (default off).' },
  opt_network_tor: { description: 'TOR: "true" to route the traffic through TOR (default off).' },
  opt_network_geo: { description: 'TOR exit country, e.g. US, AU (default fastest).' },
  opt_network_mitm: { description: 'HTTPS MITM proxy: "true" to turn it on (default off).' },
  opt_network_residential_proxy: { description: 'Residential proxy: "true" to turn it on (default off).' },
  opt_network_residential_proxy_geo: { description: 'Residential proxy country, e.g. US, AU (default fastest).' },
  opt_privacy_type: { description: 'Task privacy: public, bylink (default), owner or byteam.' },
  obj_ext_extension: { description: 'Files on Windows and Linux: change the extension to a valid one (default on). Ignored for URLs and on Android.' },
  obj_ext_browser: { description: 'URLs on Windows (Microsoft Edge by default, Google Chrome, Mozilla Firefox, Internet Explorer) and Linux (Google Chrome by default, Mozilla Firefox). Ignored for files and on Android.' },
  env_locale: { description: 'OS language, a locale or a country name, e.g. en-US or Brazil (default en-US).' },
  env_version: { description: `Windows version: 7, 10 (default), 11 or "server 2025". ${WINDOWS_ONLY}` },
  env_bitness: { description: `Windows bitness: 32 or 64 (default). ${WINDOWS_ONLY}` },
  env_type: { description: `Windows environment: complete (default) or development. ${WINDOWS_ONLY}` },
  obj_ext_startfolder: { description: 'Files on Windows and Linux: folder the file starts from: desktop, home, downloads, appdata, temp (default), windows, root. Android uses downloads. Ignored for URLs.' },
  obj_ext_cmd: { description: 'Files: an optional command line. Ignored for URLs.' },
  obj_force_elevation: { description: 'Files on Windows: "true" runs the file elevated (PE files only; default off). Ignored elsewhere.' },
  run_as_root: { description: 'Files on Linux: "true" runs the file as root (default off). Ignored elsewhere.' },
};

function sandboxOs(value: string): SandboxOs | undefined {
  const os = value.toLowerCase();
  return SANDBOX_OSES.find((known) => known === os);
}

/** The new task's UUID from `{"data": {"taskid": …}}`; a queued task is not started. */
function newTaskId(answer: unknown): string {
  const data = isRecord(answer) ? answer['data'] : undefined;
  if (isRecord(data) && 'queueTaskId' in data) throw MESSAGES.error('queued', { queueId: String(data['queueTaskId']) });
  const taskId = isRecord(data) ? str(data['taskid']) : undefined;
  if (taskId === undefined) throw MESSAGES.error('noTaskId');
  return taskId;
}

export default defineModule({
  name: 'anyrun_sandbox_submit',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'ANY.RUN integrations team',
    description:
      'A module designed to submit URLs or files to the ANY.RUN Sandbox for analysis and return the unique analysis link and ID.',
    name: 'ANYRUN Sandbox Submit',
    logo: '',
    requirements: ['ANY.RUN Sandbox API-KEY'],
    features:
      'Supports submission of URLs and files via the ANY.RUN API; requires an API key for authentication; returns the task ID and ' +
      'permanent URL for tracking analysis progress; integrates seamlessly with MISP events by enriching attributes with submission results.',
    references: ['https://any.run'],
    input: 'Attachment, malware-sample or url to submit to ANY.RUN Sandbox.',
    output: 'ANY.RUN Sandbox analysis URL and UUID.',
  },
  config: CONFIG,
  attributes: { input: ['attachment', 'malware-sample', 'url'], output: ['link', 'text'] },
  coalesce: false,
  messages: { ...MESSAGES.templates, ...SUBMITTED_FILE_MESSAGES.templates },
  async handle(query, ctx) {
    const settings = Object.fromEntries(Object.keys(CONFIG).map((name) => [name, ctx.config[name]?.trim() ?? '']));
    const apiKey = settings['api_key'] ?? '';
    const osType = settings['os_type'] ?? '';
    if (apiKey === '' || osType === '') throw MESSAGES.error('missing');
    const os = sandboxOs(osType);
    if (os === undefined) throw MESSAGES.error('badOs', { os: osType });

    // Upstream's order: a url first, then a malware-sample, then an attachment.
    const url = query['url'];
    let body: Parameters<AnyRunClient['startAnalysis']>[0];
    if (typeof url === 'string' && url.trim() !== '') {
      body = { json: Object.fromEntries([['obj_url', url], ...analysisFields(os, 'url', settings)]) };
    } else {
      const file = await readSubmittedFile(query);
      if (!file) throw MESSAGES.error('badObject');
      if (file.filename === '' || file.content.length === 0) throw MESSAGES.error('noFile');
      body = {
        multipart: multipartBody([
          { name: 'file', filename: file.filename, content: file.content, contentType: 'application/octet-stream' },
          ...analysisFields(os, 'file', settings).map(([name, value]) => ({ name, value: pythonText(value) })),
        ]),
      };
    }

    const client = new AnyRunClient(ctx, apiKey);
    await client.checkAuthorization();
    const taskId = newTaskId(await client.startAnalysis(body));

    const attributeUuid = str(query['attribute_uuid']);
    const linkComment =
      attributeUuid === undefined ? MESSAGES.format('linkCommentNoUuid') : MESSAGES.format('linkComment', { uuid: attributeUuid });
    const idComment =
      attributeUuid === undefined ? MESSAGES.format('idCommentNoUuid') : MESSAGES.format('idComment', { uuid: attributeUuid });
    return legacyResults([
      { types: 'link', categories: 'External analysis', values: `${APP_URL}/tasks/${encodeURIComponent(taskId)}`, comment: linkComment },
      { types: 'text', categories: 'Other', values: taskId, comment: idComment },
    ]);
  },
});
