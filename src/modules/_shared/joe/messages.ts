/** joe_import's messages: the upload (task.ts) and the report's target (parser.ts). */
import { defineMessages } from '../../../base/messages.js';

export const JOE_TASK_MESSAGES = defineMessages({
  notJoeReport: 'The JSON is not a Joe Sandbox report: it has no "analysis" object with "generalinfo".',
});

export const JOE_PARSER_MESSAGES = defineMessages({
  noTarget: 'The Joe Sandbox report has neither a sample nor a URL as analysis target (generalinfo.target).',
});
