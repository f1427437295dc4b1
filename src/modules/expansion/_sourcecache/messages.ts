/** Every message sourcecache gives, by id (upstream's "Link is missing" kept word for word). */
import { defineMessages } from '../../../base/messages.js';

export const MESSAGES = defineMessages({
  missing: 'Link is missing',
  relative: 'The archivepath setting must be an absolute path.',
  noDirectory: 'The archive directory does not exist or is not a directory (setting archivepath).',
  unsafe: 'The archive directory holds an entry that is a link or belongs to another user; refusing to use it.',
  badUrl: 'The URL cannot be parsed.',
  storage: 'The archive directory (setting archivepath) cannot be used: {code}.',
});
