/** vmray_summary_json_import's messages about the upload (thrown on the worker thread by task.ts). */
import { defineMessages } from '../../../base/messages.js';

export const SUMMARY_MESSAGES = defineMessages({
  notAnObject: 'Uploaded file is not a summary.json: the JSON is not an object.',
  notSummary: 'Uploaded file is not a summary.json (it has neither "analysis_details" nor "analysis_metadata").',
});

/** vmray_import's messages about the VMRay server's answers (api.ts, and api-task.ts on the worker thread). */
export const VMRAY_API_MESSAGES = defineMessages({
  answeredError: 'VMRay answered an error{detail}.',
  httpStatus: 'VMRay answered HTTP {status}{detail}.',
  urlNotUrl: 'The VMRay url setting is not a valid URL: {url}',
  urlNotHttp: 'The VMRay url setting must be an https:// URL of the VMRay server.',
  invalidJson: 'VMRay answered with invalid JSON (HTTP {status}) for {path}.',
  notApiResponse: 'VMRay answered {path} with JSON that is not an API response.',
  continuationNotList: 'VMRay answered {path} with a continuation of something that is not a list.',
  tooManyContinuations: 'VMRay continued its answer to {path} more than {max} times.',
  badContinuationId: 'VMRay answered {path} with an invalid continuation id.',
});

/** vmray_import's messages about the summaries it downloads (api-task.ts, on the worker thread). */
export const VMRAY_SUMMARY_FETCH_MESSAGES = defineMessages({
  summaryNotJson: 'VMRay answered an invalid {file} for analysis {analysisId} (not JSON).',
  summaryNotObject: 'VMRay answered an invalid {file} for analysis {analysisId} (not a JSON object).',
});
