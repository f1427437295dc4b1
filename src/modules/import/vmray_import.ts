/**
 * vmray_import: imports every analysis of one VMRay sample from the VMRay
 * REST API (the sample ID is asked in the import form), converted as
 * vmray_summary_json_import converts an uploaded summary (upstream's
 * VMRayParser.from_api, lib/_vmray).
 *
 * Calls, in upstream's order: /rest/system_info (summary v1 before VMRay 4),
 * /rest/sample/<id>, /rest/submission/sample/<id> (are they all finished?),
 * /rest/analysis/sample/<id>, then each analysis' summary from its archive.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleConfig, type UserConfigField } from '../../core/module.js';
import { isYes } from '../_shared/archives/upload.js';
import { isRecord, str, truthy, type Json } from '../_shared/joe/json.js';
import { VMRayApi, VMRayApiError, serverUrl } from '../_shared/vmray/api.js';
import { vmrayOptions } from '../_shared/vmray/options.js';
import { v1Verdict, v2Verdict } from '../_shared/vmray/reports.js';
import type { DownloadedSummary, VMRayApiTaskInput } from '../_shared/vmray/api-task.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import type { MispStandardResults } from '../../misp/types.js';
import { VMRAY_API_MESSAGES, VMRAY_SUMMARY_FETCH_MESSAGES } from '../_shared/vmray/messages.js';

const TASK = new URL('../_shared/vmray/api-task.js', import.meta.url);

const MESSAGES = defineMessages({
  ...VMRAY_API_MESSAGES.templates,
  ...VMRAY_SUMMARY_FETCH_MESSAGES.templates,
  missingUrl: 'VMRay config is missing a value for `url`.',
  missingApiKey: 'VMRay config is missing a value for `apikey`.',
  missingSampleId: 'VMRay config is missing a value for `Sample ID`.',
  badSampleId: 'Could not convert sample id to integer.',
  sampleNotFound: 'Could not find sample id `{id}` on server.',
  notFinished: 'Not all analysis for `{id}` are finished. Try it again in a few minutes.',
  noReport: 'VMRay has no dynamic analysis report for sample `{id}`: nothing to import.',
  noVersion: 'VMRay answered /rest/system_info without its version.',
});

function required(config: ModuleConfig, key: 'url' | 'apikey' | 'Sample ID', missing: () => Error): string {
  const value = config[key]?.trim();
  if (!value) throw missing();
  return value;
}

/** Python's int(): optional sign, digits, single underscores between digits. */
function sampleId(raw: string): string {
  if (!/^[+-]?\d+(?:_\d+)*$/.test(raw)) throw MESSAGES.error('badSampleId');
  return BigInt(raw.replace(/_/g, '')).toString();
}

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined);

/** v2 summaries from VMRay 4 on; 3.0 to 3.2 do not mark IOCs, so every artifact is taken (upstream). */
async function reportVersion(api: VMRayApi): Promise<{ v2: boolean; allArtifacts: boolean }> {
  const info = await api.call('/rest/system_info');
  const major = isRecord(info) ? num(info['version_major']) : undefined;
  if (major === undefined) throw MESSAGES.error('noVersion');
  if (major >= 4) return { v2: true, allArtifacts: false };
  const minor = num((info as Json)['version_minor']) ?? 0;
  return { v2: false, allArtifacts: major === 3 && minor < 3 };
}

function sampleVerdict(sample: unknown): string | undefined {
  if (!isRecord(sample)) return undefined;
  if ('sample_verdict' in sample) return v2Verdict(sample['sample_verdict']);
  if ('sample_severity' in sample) return v1Verdict(sample['sample_severity']);
  return undefined;
}

export default defineModule({
  name: 'vmray_import',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.4',
    author: 'Jens Thom (VMRay), Koen van Impe',
    description: 'Module to import VMRay (VTI) results.',
    name: 'VMRay API Import',
    logo: 'vmray.png',
    requirements: [],
    features:
      'The module imports MISP Attributes from VMRay format, using the VMRay api.\nUsers should then provide as the' +
      ' module configuration the API Key as well as the server url in order to fetch their data to import.\n' +
      'The server url goes through the URL guard (a VMRay server on a private network needs its range in ' +
      '--allow-url-range) and its TLS certificate is always verified (trust an on-premise CA with --ca-file).',
    references: ['https://www.vmray.com/'],
    input: 'VMRay format',
    output: 'MISP Event attributes',
  },
  config: {
    apikey: { description: 'VMRay API key.', secret: true },
    url: { description: 'URL of the VMRay server, e.g. https://cloud.vmray.com (https:// is assumed when no scheme is given).' },
    disable_tags: { description: 'Set to "yes" or "true" to leave the VMRay verdict and VTI tags out.' },
    disable_misp_objects: { description: 'Set to "yes" or "true" to import plain attributes instead of MISP objects.' },
    ignore_analysis_finished: { description: 'Set to "yes" or "true" to import even while some analyses of the sample are still running.' },
  },
  attributes: {
    inputSource: [],
    output: ['MISP objects'],
    format: 'misp_standard',
    userConfig: {
      // Upstream's field has no `message` (and `required`, which our type leaves out as for the other imports).
      'Sample ID': { type: 'Integer', errorMessage: 'The VMRay sample ID to download the reports' } as UserConfigField,
      VTI: { type: 'Boolean', message: 'Include VMRay Threat Identifiers', checked: 'True' },
      IOCs: { type: 'Boolean', message: 'Include IOCs', checked: 'True' },
      Artifacts: { type: 'Boolean', message: 'Include other Artifacts' },
      'Analysis Details': { type: 'Boolean', message: 'Include Analysis Details', checked: 'True' },
    },
  },
  messages: MESSAGES,
  async handle(_query, ctx) {
    const c = ctx.config;
    const server = serverUrl(required(c, 'url', () => MESSAGES.error('missingUrl')));
    const api = new VMRayApi(ctx, server, required(c, 'apikey', () => MESSAGES.error('missingApiKey')));
    const id = sampleId(required(c, 'Sample ID', () => MESSAGES.error('missingSampleId')));
    const options = vmrayOptions(c);

    const version = await reportVersion(api);
    if (version.allArtifacts) options.includeAllArtifacts = true;

    let sample: unknown;
    try {
      sample = await api.call(`/rest/sample/${id}`);
    } catch (error) {
      if (error instanceof VMRayApiError && error.status === 404) throw MESSAGES.error('sampleNotFound', { id }, { cause: error });
      throw error;
    }
    if (!isYes(c['ignore_analysis_finished'])) {
      const submissions = await api.call(`/rest/submission/sample/${id}`);
      const list = Array.isArray(submissions) ? submissions : [];
      if (!list.every((s) => isRecord(s) && truthy(s['submission_finished']))) throw MESSAGES.error('notFinished', { id });
    }

    const analyses = await api.call(`/rest/analysis/sample/${id}`);
    const file = version.v2 ? 'summary_v2.json' : 'summary.json';
    const summaries: DownloadedSummary[] = [];
    for (const analysis of Array.isArray(analyses) ? analyses : []) {
      const analysisId = isRecord(analysis) ? str(analysis['analysis_id']) : undefined;
      if (!analysisId || !/^\d+$/.test(analysisId)) {
        ctx.log.warn('VMRay listed an analysis without a numeric analysis_id; skipped');
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await api.download(`/rest/analysis/${analysisId}/archive/logs/${file}`);
      } catch (error) {
        // No summary (a VM error, for instance): upstream skips the analysis.
        if (error instanceof VMRayApiError) {
          ctx.log.info('VMRay analysis without a summary; skipped', { analysisId, status: error.status });
          continue;
        }
        throw error;
      }
      const permalink = str((analysis as Json)['analysis_webif_url']);
      summaries.push({ analysisId, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), ...(permalink && { permalink }) });
    }
    const verdict = sampleVerdict(sample);
    const results = await runOffloaded<VMRayApiTaskInput, MispStandardResults>(ctx, TASK, {
      summaries,
      v2: version.v2,
      options,
      noReportMessage: MESSAGES.format('noReport', { id }),
      ...(verdict !== undefined && { verdict }),
    });
    return { results };
  },
});
