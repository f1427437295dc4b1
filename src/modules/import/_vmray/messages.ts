/** vmray_summary_json_import's messages about the upload (thrown on the worker thread by task.ts). */
import { defineMessages } from '../../../base/messages.js';

export const SUMMARY_MESSAGES = defineMessages({
  notAnObject: 'Uploaded file is not a summary.json: the JSON is not an object.',
  notSummary: 'Uploaded file is not a summary.json (it has neither "analysis_details" nor "analysis_metadata").',
});
