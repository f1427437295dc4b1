/**
 * vmray_summary_json_import: a VMRay summary.json (v1) or summary_v2.json →
 * sandbox-report, sb-signature (VTIs) and artifact objects with VMRay
 * verdict and ATT&CK tags (upstream lib/_vmray).
 */
import { defineModule } from '../../core/module.js';
import { decodeBase64Field } from '../../core/query-helpers.js';
import type { MispStandardResults } from '../../misp/types.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import { flag } from '../_shared/archives/upload.js';
import type { VMRayTaskInput } from '../_shared/vmray/task.js';
import { vmrayOptions } from '../_shared/vmray/options.js';
import { SUMMARY_MESSAGES } from '../_shared/vmray/messages.js';

const TASK = new URL('../_shared/vmray/task.js', import.meta.url);

export default defineModule({
  name: 'vmray_summary_json_import',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.1',
    author: 'VMRay',
    description: 'Import a VMRay Summary JSON report.',
    name: 'VMRay Summary JSON Import',
    logo: '',
    requirements: [],
    features: '',
    references: [],
    input: '',
    output: '',
  },
  config: {
    disable_tags: { description: 'Set to "yes" or "true" to leave the VMRay verdict and VTI tags out.' },
  },
  messages: SUMMARY_MESSAGES,
  attributes: {
    inputSource: ['file'],
    output: ['MISP objects', 'MISP attributes'],
    format: 'misp_standard',
    userConfig: {
      'Analysis ID': { type: 'Boolean', message: 'Include Analysis ID', checked: 'True' },
      VTI: { type: 'Boolean', message: 'Include VMRay Threat Identifiers', checked: 'True' },
      IOCs: { type: 'Boolean', message: 'Include IOCs', checked: 'True' },
      Artifacts: { type: 'Boolean', message: 'Include other Artifacts' },
      'Analysis Details': { type: 'Boolean', message: 'Include Analysis Details' },
      'Attach Report': { type: 'Boolean', message: 'Include the original imported file as attachment' },
    },
  },
  async handle(query, ctx) {
    const data = decodeBase64Field(query);
    const c = ctx.config;
    const results = await runOffloaded<VMRayTaskInput, MispStandardResults>(ctx, TASK, {
      data,
      filename: typeof query['filename'] === 'string' && query['filename'] ? query['filename'] : 'summary.json',
      attachReport: flag(c['Attach Report'], false),
      options: vmrayOptions(c),
    });
    return { results };
  },
});
