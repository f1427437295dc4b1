/** Worker task: parses a Joe Sandbox JSON report (big reports stay off the event loop). */
import type { MispStandardResults } from '../../../misp/types.js';
import { settle, type TaskOutcome } from '../archives/offload.js';
import { parseJsonUpload } from '../archives/upload.js';
import { isRecord } from './json.js';
import { JoeParser, type JoeParserOptions } from './parser.js';
import { JOE_TASK_MESSAGES } from './messages.js';

export interface JoeTaskInput extends JoeParserOptions {
  data: Uint8Array;
}

const WHAT = 'a Joe Sandbox JSON report';

/** The report's `analysis` object; a clear error when the JSON is something else. */
export function joeAnalysis(report: unknown): Record<string, unknown> {
  const analysis = isRecord(report) ? report['analysis'] : undefined;
  if (!isRecord(analysis) || !isRecord(analysis['generalinfo'])) {
    throw JOE_TASK_MESSAGES.error('notJoeReport');
  }
  return analysis;
}

export default function joeTask(input: JoeTaskInput): Promise<TaskOutcome<MispStandardResults>> {
  return settle(() => {
    const analysis = joeAnalysis(parseJsonUpload(input.data, WHAT));
    return new JoeParser(input).parse(analysis).results();
  });
}
