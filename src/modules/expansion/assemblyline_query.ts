/**
 * assemblyline_query: the report of an AssemblyLine submission, from the
 * link of the submission (`…/submission/detail/<sid>`, `…?sid=<sid>` or the
 * bare sid). Logs in to the admin's AssemblyLine server
 * (`POST /api/v4/auth/login/`), checks `GET /api/v4/submission/is_completed/{sid}/`,
 * then reads `GET /api/v4/submission/full/{sid}/` into file objects, the
 * network indicators they touch and the classification tags (_assemblyline/report.ts).
 *
 * Kept from upstream: the name, misp_standard, the settings apiurl, user_id,
 * apikey, password and verifyssl (the server is reached as configured; its
 * certificate is verified unless verifyssl is false/0/no/off), the login
 * with the API key then the password, one new login on a 401, and upstream's
 * messages for missing settings, a failed login, an unfinished submission
 * and an empty report.
 * Fixed: a link without a sid is refused before logging in; the sid goes into the path encoded (it comes from the attribute);
 * failures name AssemblyLine, the HTTP status and AssemblyLine's
 * `api_error_message`; upstream's debug dump to /tmp is not written; see
 * report.ts for the parser's fixes.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { AssemblyLineFailure, AssemblyLineSession } from './_assemblyline/client.js';
import { ASSEMBLYLINE_SETTING_TEMPLATES } from './_assemblyline/messages.js';
import { parseSubmission } from './_assemblyline/report.js';
import { ASSEMBLYLINE_CONFIG, readSettings } from './_assemblyline/settings.js';
import { submissionId } from './_assemblyline/submission-id.js';

const MESSAGES = defineMessages({
  ...ASSEMBLYLINE_SETTING_TEMPLATES,
  noSid:
    'Unable to extract a submission identifier from the provided attribute. ' +
    'Expected a link such as /submission/detail/<sid> or a URL containing sid=<sid>.',
  completionFailed: 'Something went wrong while trying to check if the submission in AssemblyLine is completed: {reason}',
  notCompleted: 'Submission not completed on AssemblyLine yet, please retry later.',
  fetchFailed: 'Something went wrong while getting the submission from AssemblyLine: {reason}',
  empty: 'AssemblyLine query completed but no enrichment data was returned.',
});

export default defineModule({
  name: 'assemblyline_query',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1',
    author: 'Christian Studer',
    description: 'A module tu query the AssemblyLine API with a submission ID to get the submission report and parse it.',
    name: 'AssemblyLine Query',
    logo: 'assemblyline.png',
    requirements: [],
    features:
      'The module requires the address of the AssemblyLine server you want to query as well as your credentials used' +
      ' for this instance. Credentials include the used-ID and an API key or the password associated to the' +
      ' user-ID.\n\nThe submission ID extracted from the submission link is then used to query AssemblyLine and get' +
      ' the full submission report. This report is parsed to extract file objects and the associated IPs, domains or' +
      ' URLs the files are connecting to.\n\nSome more data may be parsed in the future.',
    references: ['https://www.cyber.gc.ca/en/assemblyline'],
    input: 'Link of an AssemblyLine submission report.',
    output: 'MISP attributes & objects parsed from the AssemblyLine submission.',
  },
  config: ASSEMBLYLINE_CONFIG,
  attributes: { input: ['link'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, ['link']);
    const settings = readSettings(ctx);
    const sid = submissionId(attribute.value);
    if (!sid) throw MESSAGES.error('noSid');
    const session = new AssemblyLineSession(ctx.http, settings);
    const login = await session.login();
    if (!login.ok) throw MESSAGES.error('loginFailed', { reasons: login.reasons });
    const path = encodeURIComponent(sid);
    let completed: unknown;
    try {
      completed = await session.getJson<unknown>(`/api/v4/submission/is_completed/${path}/`);
    } catch (error) {
      if (error instanceof AssemblyLineFailure) throw MESSAGES.error('completionFailed', { reason: error.message });
      throw error;
    }
    const done = typeof completed === 'object' && completed !== null ? Boolean((completed as { completed?: unknown }).completed) : Boolean(completed);
    if (!done) throw MESSAGES.error('notCompleted');

    let submission: unknown;
    try {
      submission = await session.getJson<unknown>(`/api/v4/submission/full/${path}/`);
    } catch (error) {
      if (error instanceof AssemblyLineFailure) throw MESSAGES.error('fetchFailed', { reason: error.message });
      throw error;
    }
    const result = parseSubmission(submission);
    if (result.isEmpty) throw MESSAGES.error('empty');
    return result.toResults();
  },
});
