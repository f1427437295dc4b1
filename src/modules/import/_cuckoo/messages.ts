/** cuckooimport's messages about the upload (thrown on the worker thread by task.ts). */
import { defineMessages } from '../../../base/messages.js';

export const CUCKOO_MESSAGES = defineMessages({
  notCuckooReport: '{where} is not a Cuckoo report: it has no "info" with "target", "behavior" or "network".',
  notArchiveOrJson: 'The file is neither an archive nor JSON: expected {what}.',
  noReport: 'The archive is not a Cuckoo analysis: it has no {report}.',
});
