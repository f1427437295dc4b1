/** Worker task: a ThreatAnalyzer archive.zip or analysis.json → legacy import entries. */
import { checkJsonBudget } from '../../_shared/budget.js';
import type { LegacyResponse } from '../../../misp/types.js';
import { legacyResults } from '../../../misp/legacy-result.js';
import { ByteBudget } from '../../_shared/archives/limits.js';
import { settle, type TaskOutcome } from '../../_shared/archives/offload.js';
import { isZip } from '../../_shared/archives/detect.js';
import { requireContent } from '../../_shared/archives/upload.js';
import { ZipArchive } from '../../_shared/archives/zip.js';
import { rec, str } from '../../_shared/joe/json.js';
import { analysisEntries, isThreatAnalyzerAnalysis, type Entry } from './analysis.js';
import { cleanupFilepath } from './cleanup.js';
import { THREATANALYZER_MESSAGES } from './messages.js';

export interface ThreatAnalyzerTaskInput {
  data: Uint8Array;
}

const WHAT = 'a ThreatAnalyzer archive.zip or analysis.json';
const MAPPING = /^Analysis\/proc_\d+\/modified_files\/mapping\.log/;
const MODIFIED = /^Analysis\/proc_\d+\/modified_files\/.+\./;

function parseAnalysis(bytes: Uint8Array, where: string): Record<string, unknown> {
  let json: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw where === 'upload' ? THREATANALYZER_MESSAGES.error('notZipOrJson') : THREATANALYZER_MESSAGES.error('notUtf8Json', { where });
  }
  checkJsonBudget(text, where === 'upload' ? 'The uploaded file' : where);
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw where === 'upload' ? THREATANALYZER_MESSAGES.error('notZipOrJson') : THREATANALYZER_MESSAGES.error('notUtf8Json', { where });
  }
  if (!isThreatAnalyzerAnalysis(json)) {
    throw THREATANALYZER_MESSAGES.error('notAnalysis', { where: where === 'upload' ? 'The JSON' : where });
  }
  return json;
}

async function zipEntries(bytes: Uint8Array): Promise<Entry[]> {
  const zip = await ZipArchive.open(bytes, {}, 'The ThreatAnalyzer archive');
  const budget = new ByteBudget();
  const entries: Entry[] = [];
  const modified = new Map<string, string>(); // md5 → original path of a non-empty modified file
  for (const file of zip.files.filter((f) => MAPPING.test(f.name))) {
    const text = Buffer.from(await zip.read(file.name, { budget })).toString('utf8');
    for (const line of text.split('\n')) {
      const fields = line.split('|');
      // fname|size|md5|created, or fname|size|md5|sha256|created
      if (fields.length !== 4 && fields.length !== 5) continue;
      const [rawName, size = '', md5 = ''] = fields;
      const filename = cleanupFilepath(rawName);
      if (!filename) continue;
      // upstream compares the size string with the number 0, so empty files were never reported
      if (size.trim() === '0') {
        entries.push({ types: ['filename'], values: filename, to_ids: true, categories: ['Artifacts dropped', 'Payload delivery'], comment: '' });
      } else {
        modified.set(md5, filename);
      }
    }
  }
  let analysis: Record<string, unknown> | undefined;
  for (const file of zip.files) {
    if (MODIFIED.test(file.name) && !file.name.includes('mapping.log')) {
      const md5 = (file.name.split('/').pop() ?? '').split('.')[0] ?? '';
      const original = modified.get(md5);
      if (original) {
        const data = await zip.read(file.name, { budget });
        entries.push({ types: ['malware-sample'], values: original, data, categories: ['Artifacts dropped', 'Payload delivery'], to_ids: true, comment: '' });
      }
    }
    if (file.name.includes('Analysis/analysis.json')) {
      analysis = parseAnalysis(await zip.read(file.name, { budget }), `"${file.name}" in the archive`);
      entries.push(...analysisEntries(analysis));
    }
  }
  if (!analysis && modified.size === 0 && entries.length === 0) {
    throw THREATANALYZER_MESSAGES.error('noAnalysisJson');
  }
  const sampleName = analysis ? str(rec(analysis, 'analysis')['@filename']) : undefined;
  if (sampleName && zip.has('sample')) {
    const data = await zip.read('sample', { budget });
    entries.push({ types: ['malware-sample'], values: sampleName, data, categories: ['Payload delivery', 'Artifacts dropped'], to_ids: true, comment: '' });
  }
  return entries;
}

/** Upstream keeps one entry per value: the last one, at the first one's position. */
function uniqueByValue(entries: readonly Entry[]): Entry[] {
  const byValue = new Map<string, Entry>();
  for (const e of entries) byValue.set(e.values, e);
  return [...byValue.values()];
}

export default function threatAnalyzerTask(input: ThreatAnalyzerTaskInput): Promise<TaskOutcome<LegacyResponse>> {
  return settle(async () => {
    requireContent(input.data, WHAT);
    const entries = isZip(input.data) ? await zipEntries(input.data) : [...analysisEntries(parseAnalysis(input.data, 'upload'))];
    return legacyResults(uniqueByValue(entries));
  });
}
