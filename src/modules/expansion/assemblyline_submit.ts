/**
 * assemblyline_submit: sends a file (attachment or malware-sample) or a URL
 * to the admin's AssemblyLine server for analysis and answers the link of
 * the submission (`{apiurl}/submission/detail/{sid}`).
 * Files go to `POST /api/v4/submit/` as multipart (`json` = `{"name": …}`,
 * `bin` = the file), URLs as JSON `{url, name}`, after the login of
 * _assemblyline/client.ts.
 *
 * Kept from upstream: the name, the legacy answer (a `link` in "External
 * analysis"), the settings apiurl, user_id, apikey, password and verifyssl
 * (the server is reached as configured; its certificate is verified unless
 * verifyssl is false/0/no/off), the login with the API key then the
 * password, the malware-sample sent as MISP's zip (AssemblyLine's extractor
 * opens it with the password "infected"), `data` that is not base64 sent as
 * its text, and upstream's messages.
 * Fixed: an attachment without `data` is a clear error (upstream crashes
 * with a KeyError); failures name AssemblyLine, the HTTP status and
 * AssemblyLine's `api_error_message`; "Unexpected response" no longer echoes
 * the server's whole answer.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { pythonJsonDumps } from '../_shared/python-json.js';
import { multipartBody } from '../_shared/multipart.js';
import { AssemblyLineFailure, AssemblyLineSession } from './_assemblyline/client.js';
import { ASSEMBLYLINE_SETTING_TEMPLATES } from './_assemblyline/messages.js';
import { ASSEMBLYLINE_CONFIG, readSettings } from './_assemblyline/settings.js';

const MESSAGES = defineMessages({
  ...ASSEMBLYLINE_SETTING_TEMPLATES,
  noInput: 'No valid attribute type for this module has been provided.',
  noData: 'The {type} has no "data" field with its content.',
  contentFailed: 'Error while submitting content to AssemblyLine: {reason}',
  urlFailed: 'Error while submitting url to AssemblyLine: {reason}',
  unexpected: 'Unexpected response received from AssemblyLine.',
});

/** Upstream's `_decode_attribute_data`: strict base64, else the text itself. */
function decodeData(data: string): Buffer {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(data) && data.length % 4 === 0 ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
}

/** The sid in AssemblyLine's answer, where upstream looks for it. */
function submissionSid(submission: unknown): string | undefined {
  if (typeof submission !== 'object' || submission === null || Array.isArray(submission)) return undefined;
  const record = submission as Record<string, unknown>;
  const pick = (from: Record<string, unknown>, keys: string[]) => {
    for (const key of keys) {
      const value = from[key];
      if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && value !== 0)) return String(value);
    }
    return undefined;
  };
  const section = record['submission'];
  const fromSection = typeof section === 'object' && section !== null && !Array.isArray(section) ? pick(section as Record<string, unknown>, ['sid', 'submission_id', 'submissionId']) : undefined;
  return fromSection ?? pick(record, ['sid', 'submission_id', 'submissionId', 'task_id']);
}

export default defineModule({
  name: 'assemblyline_submit',
  kind: 'expansion',
  moduleType: ['expansion'],
  // Sends a file or URL away: two identical queries are two submissions, never shared.
  coalesce: false,
  meta: {
    version: '1',
    author: 'Christian Studer',
    description: 'A module to submit samples and URLs to AssemblyLine for advanced analysis, and return the link of the submission.',
    name: 'AssemblyLine Submit',
    logo: 'assemblyline.png',
    requirements: [],
    features:
      'The module requires the address of the AssemblyLine server you want to query as well as your credentials used' +
      ' for this instance. Credentials include the user-ID and an API key or the password associated to the' +
      ' user-ID.\n\nIf the sample or url is correctly submitted, you get then the link of the submission.',
    references: ['https://www.cyber.gc.ca/en/assemblyline'],
    input: 'Sample, or url to submit to AssemblyLine.',
    output: 'Link of the report generated in AssemblyLine.',
  },
  config: ASSEMBLYLINE_CONFIG,
  attributes: { input: ['attachment', 'malware-sample', 'url'], output: ['link'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const settings = readSettings(ctx);
    const type = (['attachment', 'malware-sample', 'url'] as const).find((key) => typeof query[key] === 'string' && query[key] !== '');
    if (!type) throw MESSAGES.error('noInput');
    const value = query[type] as string;
    let data: Buffer | undefined;
    if (type === 'attachment' || type === 'malware-sample') {
      if (typeof query['data'] !== 'string' || query['data'] === '') throw MESSAGES.error('noData', { type });
      data = decodeData(query['data']);
    }

    const session = new AssemblyLineSession(ctx.http, settings);
    const login = await session.login();
    if (!login.ok) throw MESSAGES.error('loginFailed', { reasons: login.reasons });

    let submission: unknown;
    try {
      if (data) {
        const filename = (type === 'malware-sample' ? value.split('|')[0] : value) || 'sample';
        const body = multipartBody([{ name: 'json', value: pythonJsonDumps({ name: filename }) }, { name: 'bin', filename, content: data }]);
        submission = await session.postMultipart<unknown>('/api/v4/submit/', body);
      } else {
        submission = await session.postJson<unknown>('/api/v4/submit/', { url: value, name: value });
      }
    } catch (error) {
      if (!(error instanceof AssemblyLineFailure)) throw error;
      throw data ? MESSAGES.error('contentFailed', { reason: error.message }) : MESSAGES.error('urlFailed', { reason: error.message });
    }
    const sid = submissionSid(submission);
    if (!sid) throw MESSAGES.error('unexpected');
    const link = new URL(`submission/detail/${encodeURIComponent(sid)}`, `${settings.apiurl}/`).href;
    return legacyResults([{ types: 'link', categories: 'External analysis', values: link }]);
  },
});
