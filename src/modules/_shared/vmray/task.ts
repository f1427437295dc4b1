/** Worker task: parses an uploaded VMRay summary JSON (v1 or v2). */
import type { MispStandardResults } from '../../../misp/types.js';
import { settle, type TaskOutcome } from '../archives/offload.js';
import { parseJsonUpload } from '../archives/upload.js';
import { isRecord, rec, str } from '../joe/json.js';
import { convertReports, type VMRayOptions } from './parser.js';
import { SummaryV1, SummaryV2, v2Verdict } from './reports.js';
import { SUMMARY_MESSAGES } from './messages.js';

export interface VMRayTaskInput {
  data: Uint8Array;
  filename: string;
  options: VMRayOptions;
  attachReport: boolean;
}

/** Python's json.dumps(…, indent=2): ASCII only (\uXXXX escapes). */
function pythonIndentedJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export default function vmrayTask(input: VMRayTaskInput): Promise<TaskOutcome<MispStandardResults>> {
  return settle(() => {
    const report = parseJsonUpload(input.data, 'a VMRay summary.json or summary_v2.json');
    if (!isRecord(report)) throw SUMMARY_MESSAGES.error('notAnObject');
    const attachment = input.attachReport
      ? { filename: input.filename, data: Buffer.from(pythonIndentedJson(report), 'utf8').toString('base64') }
      : undefined;
    if ('analysis_details' in report) {
      return convertReports([{ parser: new SummaryV1(report, 0), ...(attachment && { attachment }) }], input.options);
    }
    if ('analysis_metadata' in report) {
      const metadata = rec(report, 'analysis_metadata');
      const parser = new SummaryV2(report, str(metadata['analysis_id']) ?? 'None');
      return convertReports([{ parser, ...(attachment && { attachment }) }], input.options, v2Verdict(metadata['verdict']));
    }
    // upstream's message, kept: analysts search for it
    throw SUMMARY_MESSAGES.error('notSummary');
  });
}
