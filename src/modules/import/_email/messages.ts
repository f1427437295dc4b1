/** email_import's messages about the upload (thrown on the worker thread by task.ts and msg.ts). */
import { defineMessages } from '../../../base/messages.js';

export const EMAIL_MESSAGES = defineMessages({
  zipNotEmail: 'The file is a zip archive, not an e-mail: upload the .eml or .msg it contains.',
  notEmail: 'The file is not an e-mail: no e-mail headers (From, To, Subject, Received…) were found, and it is not an Outlook .msg.',
  badMsg: 'The file looks like an Outlook .msg but cannot be read ({reason}).',
});
