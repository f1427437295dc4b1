/**
 * email_import: an e-mail (.eml, or Outlook .msg) → the `email` object
 * (headers, bodies, addresses, Received hosts), a `file` object per
 * attachment (zips extracted and their passwords guessed from the body and
 * subject when enabled) and `url` objects for the links of the body.
 */
import { defineModule } from '../../core/module.js';
import { decodeBase64Field } from '../../core/query-helpers.js';
import type { MispStandardResults } from '../../misp/types.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import { isYes } from '../_shared/archives/upload.js';
import type { EmailTaskInput } from './_email/task.js';
import { EMAIL_MESSAGES } from './_email/messages.js';

const TASK = new URL('./_email/task.js', import.meta.url);

const YES = 'Set to "true" (or yes, y, t, 1) to enable.';

export default defineModule({
  name: 'email_import',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.2',
    author: 'Seamus Tuohy, Raphaël Vinot',
    description: 'Email import module for MISP',
    name: 'Email Import',
    logo: '',
    requirements: [],
    features:
      'This module can be used to import e-mail text as well as attachments and urls.\nConfiguration parameters are used to unzip attachments, guess zip attachment passwords, extract urls, and remove common subject markers: set each one of them to True or False to process or not the respective corresponding actions.',
    references: [],
    input: 'E-mail file',
    output: 'MISP Event attributes',
  },
  // Upstream declares the toggles as module settings (Plugin.Import_email_import_*), not as form fields.
  config: {
    unzip_attachments: { description: `Unzip the zip attachments (office documents excepted). ${YES}` },
    guess_zip_attachment_passwords: { description: `Try the passwords found in the body and subject on encrypted zips. ${YES}` },
    extract_urls: { description: `Add a url object for each link of the body. ${YES}` },
    remove_subject_markers: { description: `Strip "Re:", "Fwd:", "[EXT]"… from the subject. ${YES}` },
  },
  messages: EMAIL_MESSAGES,
  attributes: { inputSource: ['file'], output: ['MISP objects'], format: 'misp_standard' },
  async handle(query, ctx) {
    const data = decodeBase64Field(query);
    const c = ctx.config;
    const results = await runOffloaded<EmailTaskInput, MispStandardResults>(ctx, TASK, {
      data,
      options: {
        unzipAttachments: isYes(c['unzip_attachments']),
        guessZipPasswords: isYes(c['guess_zip_attachment_passwords']),
        extractUrls: isYes(c['extract_urls']),
        removeSubjectMarkers: isYes(c['remove_subject_markers']),
      },
    });
    return { results };
  },
});
