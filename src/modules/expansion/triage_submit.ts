/**
 * triage_submit: sends a file (attachment, or the sample inside a
 * malware-sample zip) or a URL to Hatching Triage (`POST
 * https://tria.ge/api/v0/samples`, `Authorization: Bearer <apikey>`) and
 * answers the link of the new analysis (`https://tria.ge/<id>`).
 * Files go out as multipart (`file`), URLs as JSON `{"kind": "url"|"fetch", "url"}`.
 *
 * Kept from upstream: the name, the settings apikey and url_mode ("submit",
 * the default, analyses the URL; "fetch" has Triage download the file it
 * points to), the malware-sample opened with the password "infected", the
 * link and comments, and upstream's messages.
 * Fixed: an empty apikey is "tria.ge API key is missing" (upstream sends
 * `Bearer ` and gets a 401); a failure names tria.ge, the HTTP status and
 * Triage's own message after upstream's "Error submitting to tria.ge:";
 * an attachment without data is a clear error (upstream: a crash).
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { multipartBody } from '../_shared/multipart.js';
import { readSubmittedFile, SUBMITTED_FILE_MESSAGES } from '../_shared/submitted-file.js';

const MESSAGES = defineMessages({
  noKey: 'tria.ge API key is missing',
  failed: 'Error submitting to tria.ge: {reason}',
  unsupported: 'Unsupported input type',
  noId: 'Error submitting to tria.ge: the answer has no sample id.',
  fileComment: 'Link to tria.ge analysis',
  urlComment: 'Link to tria.ge analysis ({mode} mode)',
});

/** What Triage answers for a new sample (the fields read). */
interface TriageSample {
  id?: string;
  status?: string;
}

export default defineModule({
  name: 'triage_submit',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  // Sends a file or URL away: two identical queries are two submissions, never shared.
  coalesce: false,
  meta: {
    version: '1',
    author: 'Karen Yousefi',
    description: 'Module to submit samples to tria.ge',
    name: 'Triage Submit',
    logo: '',
  },
  config: {
    apikey: { description: 'Your tria.ge API key.', secret: true },
    url_mode: { description: '"submit" (default) analyses the URL; "fetch" has tria.ge download the file the URL points to and analyse it.', default: 'submit' },
  },
  attributes: { input: ['attachment', 'malware-sample', 'url'], output: ['link'] },
  messages: { ...MESSAGES.templates, ...SUBMITTED_FILE_MESSAGES.templates },
  async handle(query, ctx) {
    const triage = ctx.vendor({
      name: 'tria.ge',
      baseUrl: 'https://tria.ge/api/v0',
      auth: { in: 'bearer', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    triage.requireKey();
    const mode = ctx.config['url_mode'] || 'submit';
    try {
      let sample: TriageSample;
      let comment: string;
      if (typeof query['url'] === 'string' && typeof query['attachment'] !== 'string' && typeof query['malware-sample'] !== 'string') {
        sample = await triage.post<TriageSample>('/samples', { json: { kind: mode === 'fetch' ? 'fetch' : 'url', url: query['url'] } });
        comment = MESSAGES.format('urlComment', { mode });
      } else {
        const file = await readSubmittedFile(query, { failure: (reason) => MESSAGES.error('failed', { reason }) });
        if (!file) throw MESSAGES.error('unsupported');
        const multipart = multipartBody([{ name: 'file', filename: file.filename, content: file.content }]);
        sample = await triage.post<TriageSample>('/samples', { body: multipart.body, headers: { 'content-type': multipart.contentType } });
        comment = MESSAGES.format('fileComment');
      }
      if (typeof sample !== 'object' || sample === null || typeof sample.id !== 'string' || sample.id === '') throw MESSAGES.error('noId');
      return legacyResults([{ types: 'link', values: `https://tria.ge/${encodeURIComponent(sample.id)}`, comment }]);
    } catch (error) {
      // Its own messages as they are; the kit's (tria.ge's answer) after upstream's prefix.
      if (!(error instanceof ModuleError) || error.messageId !== undefined) throw error;
      throw MESSAGES.error('failed', { reason: error.message });
    }
  },
});
