/**
 * cuckoo_submit: sends a file (attachment, or the sample inside a
 * malware-sample zip) or a URL/domain to the admin's Cuckoo Sandbox REST API
 * and answers the new task's id as text ("Cuckoo task id: 42").
 * Files: `POST /tasks/create/file` as multipart (`owner=MISP`, `file`);
 * URLs: `POST /tasks/create/url` as a form (`url`, `owner=MISP`), with
 * `Authorization: Bearer <api_key>`.
 *
 * Kept from upstream: the name, the settings api_url and api_key (the key
 * is optional: Cuckoo's API can run without one), an api_url without a
 * scheme taken as https, the endpoints joined to api_url as Python's urljoin
 * does (an absolute path: they replace any path in api_url), the URL sent
 * in preference to a file, the malware-sample opened with the password
 * "infected", and upstream's messages.
 * Fixed: no `Authorization: Bearer ` header with an empty key; a failure says
 * what Cuckoo answered (HTTP status and message) after upstream's "File or
 * URL submission failed"; an answer without task_id, or a zip that does not
 * open, is a clear error instead of a crash.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { statusLine, vendorErrorDetail } from '../../net/index.js';
import type { HttpRequestOptions } from '../../net/types.js';
import { multipartBody } from '../_shared/multipart.js';
import { readSubmittedFile, SUBMITTED_FILE_MESSAGES } from '../_shared/submitted-file.js';

const SERVICE = 'Cuckoo';

const MESSAGES = defineMessages({
  noUrl: 'No Cuckoo API URL provided',
  badKey: 'Failed to submit to Cuckoo: Invalid or no Cuckoo Sandbox API key provided',
  failed: 'File or URL submission failed',
  failedBecause: 'File or URL submission failed: {reason}',
  taskId: 'Cuckoo task id: {id}',
});

/** Upstream's base: `https://` when api_url has no scheme. */
function apiBase(apiUrl: string): string {
  const trimmed = apiUrl.trim();
  return trimmed.startsWith('http') ? trimmed : `https://${trimmed}`;
}

export default defineModule({
  name: 'cuckoo_submit',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  // Sends a file or URL away: two identical queries are two submissions, never shared.
  coalesce: false,
  meta: {
    version: '0.1',
    author: 'Evert Kors',
    description: 'Submit files and URLs to Cuckoo Sandbox',
    name: 'Cuckoo Submit',
    logo: 'cuckoo.png',
    requirements: ['Access to a Cuckoo Sandbox API and an API key if the API requires it. (api_url and api_key)'],
    features:
      'The module takes a malware-sample, attachment, url or domain and submits it to Cuckoo Sandbox.\n The returned' +
      ' task id can be used to retrieve results when the analysis completed.',
    references: ['https://cuckoosandbox.org/', 'https://cuckoo.sh/docs/'],
    input: 'A malware-sample or attachment for files. A url or domain for URLs.',
    output: "A text field containing 'Cuckoo task id: <id>'",
  },
  config: {
    api_url: { description: 'URL of your Cuckoo Sandbox REST API (e.g. http://cuckoo.example.org:8090), reached as configured.' },
    api_key: { description: 'Bearer token of the Cuckoo API, if it requires one.', secret: true },
  },
  attributes: { input: ['attachment', 'malware-sample', 'url', 'domain'], output: ['text'] },
  messages: { ...MESSAGES.templates, ...SUBMITTED_FILE_MESSAGES.templates },
  async handle(query, ctx) {
    const apiUrl = ctx.config['api_url'];
    if (!apiUrl) throw MESSAGES.error('noUrl');
    const apiKey = ctx.config['api_key'] ?? '';
    const url = [query['url'], query['domain']].find((value): value is string => typeof value === 'string' && value !== '');

    let endpoint: string;
    let body: Pick<HttpRequestOptions, 'body' | 'form' | 'headers'>;
    if (url !== undefined) {
      endpoint = '/tasks/create/url';
      body = { form: { url, owner: 'MISP' } };
    } else {
      const file = await readSubmittedFile(query);
      if (!file) throw MESSAGES.error('failed');
      endpoint = '/tasks/create/file';
      const multipart = multipartBody([{ name: 'owner', value: 'MISP' }, { name: 'file', filename: file.filename, content: file.content }]);
      body = { body: multipart.body, headers: { 'content-type': multipart.contentType } };
    }

    const response = await ctx.http.request(new URL(endpoint, apiBase(apiUrl)).href, {
      method: 'POST',
      ...body,
      headers: { accept: 'application/json', ...body.headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      service: SERVICE,
    });
    if (response.status === 401) throw MESSAGES.error('badKey');
    if (response.status !== 200) {
      const detail = vendorErrorDetail(response);
      throw MESSAGES.error('failedBecause', { reason: `${SERVICE} answered HTTP ${statusLine(response.status)}${detail ? `: ${detail}` : ''}.` });
    }
    const task = response.json<{ task_id?: unknown }>();
    const id = typeof task === 'object' && task !== null ? task.task_id : undefined;
    if ((typeof id !== 'number' && typeof id !== 'string') || id === '' || id === 0) throw MESSAGES.error('failed');
    return legacyResults([{ types: 'text', values: MESSAGES.format('taskId', { id }) }]);
  },
});
