/** threatanalyzer_import's messages about the upload (thrown on the worker thread by task.ts). */
import { defineMessages } from '../../../base/messages.js';

export const THREATANALYZER_MESSAGES = defineMessages({
  notZipOrJson: 'Uploaded file is not a zip or json file.',
  notUtf8Json: '{where} is not valid UTF-8 JSON.',
  notAnalysis: '{where} is not a ThreatAnalyzer analysis: it has no "analysis" object.',
  noAnalysisJson: 'The zip archive is not a ThreatAnalyzer archive: it has no Analysis/analysis.json.',
});
