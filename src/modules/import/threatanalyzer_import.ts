/**
 * threatanalyzer_import: a ThreatAnalyzer archive.zip (analysis.json,
 * modified files, the sample) or a bare analysis.json → attributes for the
 * analyst to review (legacy format, as upstream).
 */
import { defineModule } from '../../core/module.js';
import { decodeBase64Field } from '../../core/query-helpers.js';
import type { LegacyResponse } from '../../misp/types.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import type { ThreatAnalyzerTaskInput } from './_threatanalyzer/task.js';
import { THREATANALYZER_MESSAGES } from './_threatanalyzer/messages.js';

const TASK = new URL('./_threatanalyzer/task.js', import.meta.url);

export default defineModule({
  name: 'threatanalyzer_import',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.10',
    author: 'Christophe Vandeplas',
    description: 'Module to import ThreatAnalyzer archive.zip / analysis.json files.',
    name: 'ThreadAnalyzer Sandbox Import',
    logo: '',
    requirements: [],
    features:
      'The module imports MISP Attributes from a ThreatAnalyzer format file. This file can be either ZIP, or JSON format.\nThere is by the way no special feature for users to make the module work.',
    references: ['https://www.threattrack.com/malware-analysis.aspx'],
    input: 'ThreatAnalyzer format file',
    output: 'MISP Event attributes',
  },
  messages: THREATANALYZER_MESSAGES,
  attributes: { userConfig: {}, inputSource: ['file'] },
  async handle(query, ctx) {
    const data = decodeBase64Field(query);
    return { ...(await runOffloaded<ThreatAnalyzerTaskInput, LegacyResponse>(ctx, TASK, { data })) };
  },
});
