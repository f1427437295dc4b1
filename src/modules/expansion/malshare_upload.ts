/**
 * malshare_upload: pushes a file (attachment, or the sample inside a
 * malware-sample zip) to MalShare (`POST https://malshare.com/api.php?api_key=…&action=upload`,
 * multipart field `upload`) and answers the link of the sample's page
 * (`https://malshare.com/sample.php?action=detail&hash=<sha256>`).
 *
 * Kept from upstream: the name, the setting malshare_apikey, the sample read
 * before the key is checked, the malware-sample opened with the password
 * "infected", "Success…" giving the link of the uploaded file's SHA-256 and
 * "sample already exists" the hash MalShare names, the link's comment, and
 * upstream's messages.
 * Fixed: an empty key is "Missing MalShare API key" (upstream sends it and
 * fails); a sample that cannot be read says why after upstream's "Unable to
 * process submitted sample data"; a failure names MalShare, the HTTP status
 * and what MalShare said after upstream's "Unable to send sample to MalShare:".
 */
import { createHash } from 'node:crypto';
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { multipartBody } from '../_shared/multipart.js';
import { readSubmittedFile, SUBMITTED_FILE_MESSAGES } from '../_shared/submitted-file.js';

const MESSAGES = defineMessages({
  noSample: 'No malware sample or attachment supplied',
  badData: 'Unable to process submitted sample data: {reason}',
  noKey: 'Missing MalShare API key',
  failed: 'Unable to send sample to MalShare: {reason}',
  uploadFailed: 'Unable to send sample to MalShare: Upload failed: {answer}',
  comment: 'Link to MalShare analysis',
});

const detailLink = (sha256: string) => `https://malshare.com/sample.php?action=detail&hash=${sha256}`;

export default defineModule({
  name: 'malshare_upload',
  kind: 'expansion',
  moduleType: ['expansion'],
  // Sends a file or URL away: two identical queries are two submissions, never shared.
  coalesce: false,
  meta: {
    version: '1',
    author: 'Karen Yousefi',
    description: 'Module to push malware samples to MalShare',
    name: 'MalShare Upload',
    requirements: [],
    logo: '',
  },
  config: { malshare_apikey: { description: 'Your MalShare API key.', secret: true } },
  attributes: { input: ['attachment', 'malware-sample'], output: ['link'] },
  messages: { ...MESSAGES.templates, ...SUBMITTED_FILE_MESSAGES.templates },
  async handle(query, ctx) {
    const file = await readSubmittedFile(query, { failure: (reason) => MESSAGES.error('badData', { reason }) });
    if (!file) throw MESSAGES.error('noSample');

    const malshare = ctx.vendor({
      name: 'MalShare',
      baseUrl: 'https://malshare.com',
      auth: { in: 'query', param: 'api_key', setting: 'malshare_apikey' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    malshare.requireKey();
    const multipart = multipartBody([{ name: 'upload', filename: file.filename, content: file.content }]);
    let answer: string;
    try {
      answer = (
        await malshare.post<string>('/api.php', {
          query: { action: 'upload' },
          body: multipart.body,
          headers: { 'content-type': multipart.contentType },
          as: 'text',
        })
      ).trim();
    } catch (error) {
      if (error instanceof ModuleError) throw MESSAGES.error('failed', { reason: error.message });
      throw error;
    }
    let sha256 = createHash('sha256').update(file.content).digest('hex');
    if (!answer.startsWith('Success')) {
      if (!answer.includes('sample already exists')) throw MESSAGES.error('uploadFailed', { answer: answer.slice(0, 300) });
      sha256 = /[a-fA-F0-9]{64}/.exec(answer)?.[0] ?? sha256;
    }
    return legacyResults([{ types: 'link', values: detailLink(sha256), comment: MESSAGES.format('comment') }]);
  },
});
