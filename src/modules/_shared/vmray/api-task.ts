/**
 * Worker task of vmray_import: parses the summaries downloaded from the
 * VMRay API and converts them (summaries run to several MB; the server's
 * event loop never parses them).
 */
import { checkJsonBudget } from '../budget.js';
import { ModuleError } from '../../../base/errors.js';
import type { MispStandardResults } from '../../../misp/types.js';
import { settle, type TaskOutcome } from '../archives/offload.js';
import { isRecord, type Json } from '../joe/json.js';
import { convertReports, type VMRayOptions, type VMRayReport } from './parser.js';
import { SummaryV1, SummaryV2 } from './reports.js';
import { VMRAY_SUMMARY_FETCH_MESSAGES } from './messages.js';

export interface DownloadedSummary {
  analysisId: string;
  bytes: Uint8Array;
  permalink?: string;
}

export interface VMRayApiTaskInput {
  summaries: DownloadedSummary[];
  /** summary_v2.json (VMRay 4 and later) rather than summary.json. */
  v2: boolean;
  options: VMRayOptions;
  verdict?: string;
  /** Shown when no summary is a dynamic report. */
  noReportMessage: string;
}

function parseSummary(bytes: Uint8Array, analysisId: string, file: string): Json {
  let report: unknown;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  checkJsonBudget(text, `VMRay's ${file} for analysis ${analysisId}`);
  try {
    report = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw VMRAY_SUMMARY_FETCH_MESSAGES.error('summaryNotJson', { file, analysisId }, { cause: error });
  }
  if (!isRecord(report)) throw VMRAY_SUMMARY_FETCH_MESSAGES.error('summaryNotObject', { file, analysisId });
  return report;
}

export default function vmrayApiTask(input: VMRayApiTaskInput): Promise<TaskOutcome<MispStandardResults>> {
  return settle(() => {
    const file = input.v2 ? 'summary_v2.json' : 'summary.json';
    const reports: VMRayReport[] = input.summaries.map(({ analysisId, bytes, permalink }) => {
      const report = parseSummary(bytes, analysisId, file);
      const parser = input.v2 ? new SummaryV2(report, Number(analysisId)) : new SummaryV1(report, Number(analysisId));
      return { parser, ...(permalink && { permalink }) };
    });
    if (!reports.some((r) => !r.parser.isStaticReport())) throw new ModuleError(input.noReportMessage);
    return convertReports(reports, input.options, input.verdict);
  });
}
