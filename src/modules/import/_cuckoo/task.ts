/**
 * Worker task: opens a Cuckoo upload (the analysis folder as zip, tar.bz2,
 * tar.gz or tar, or report.json alone) and converts it.
 */
import type { MispStandardResults } from '../../../misp/types.js';
import { sniffArchive } from '../../_shared/archives/detect.js';
import { ByteBudget } from '../../_shared/archives/limits.js';
import { settle, type TaskOutcome } from '../../_shared/archives/offload.js';
import { openArchive } from '../../_shared/archives/open.js';
import { parseJsonUpload, requireContent } from '../../_shared/archives/upload.js';
import { isRecord, type Json } from '../../_shared/joe/json.js';
import { CuckooParser, type AnalysisFiles, type CuckooOption } from './parser.js';
import { CUCKOO_MESSAGES } from './messages.js';

export interface CuckooTaskInput {
  data: Uint8Array;
  options: Partial<Record<CuckooOption, boolean>>;
}

const WHAT = 'a Cuckoo analysis archive (zip or tar.bz2) or its report.json';
const REPORT = 'reports/report.json';

function asCuckooReport(json: unknown, where: string): Json {
  if (!isRecord(json) || !isRecord(json['info']) || !('target' in json || 'behavior' in json || 'network' in json)) {
    throw CUCKOO_MESSAGES.error('notCuckooReport', { where });
  }
  return json;
}

async function load(data: Uint8Array): Promise<{ report: Json; files: AnalysisFiles }> {
  requireContent(data, WHAT);
  if (!sniffArchive(data)) {
    if (data[0] !== 0x7b && !(data[0] === 0xef && data[3] === 0x7b)) {
      throw CUCKOO_MESSAGES.error('notArchiveOrJson', { what: WHAT });
    }
    const report = asCuckooReport(parseJsonUpload(data, WHAT), 'The JSON');
    return { report, files: { has: (name) => name === REPORT, read: async () => undefined } };
  }
  const archive = await openArchive(data, { budget: new ByteBudget(), label: 'The Cuckoo archive' });
  // Archives made from the analysis folder's parent hold "<task id>/reports/report.json".
  const reportPath = archive.names.find((n) => n === REPORT) ?? archive.names.find((n) => n.endsWith(`/${REPORT}`));
  if (!reportPath) throw CUCKOO_MESSAGES.error('noReport', { report: REPORT });
  const root = reportPath.slice(0, -REPORT.length);
  const json = await archive.read(reportPath);
  const report = asCuckooReport(parseJsonUpload(json ?? new Uint8Array(), `the ${REPORT} of a Cuckoo analysis`), `The archive's ${REPORT}`);
  return {
    report,
    files: { has: (name) => archive.has(root + name), read: (name) => archive.read(root + name) },
  };
}

export default function cuckooTask(input: CuckooTaskInput): Promise<TaskOutcome<MispStandardResults>> {
  return settle(async () => {
    const { report, files } = await load(input.data);
    return new CuckooParser(report, files).parse((option) => input.options[option] ?? true);
  });
}
