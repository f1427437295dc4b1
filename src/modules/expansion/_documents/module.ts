/**
 * The shared shape of the document enrichment modules (docx, pptx, odt,
 * ods, xlsx, pdf): an `attachment` attribute with its base64 `data` in,
 * the document's text out as `freetext` (MISP's freetext import extracts
 * the indicators) and, except for PDF, the same text as `text`.
 * MISP's event-report "import from URL" reads `results[0].values`.
 */
import { defineModule, type ModuleDefinition, type ModuleMeta } from '../../../core/module.js';
import { decodeBase64Field } from '../../../core/query-helpers.js';
import { legacyResults, type LegacyEntryInput } from '../../../misp/legacy-result.js';
import { runOffloaded } from '../../_shared/archives/offload.js';
import { DOCUMENT_MESSAGES } from './messages.js';
import type { DocumentFormat, DocumentTaskInput } from './task.js';

const TASK = new URL('./task.js', import.meta.url);

export interface DocumentModuleSpec {
  name: string;
  format: DocumentFormat;
  meta: ModuleMeta;
  /** Upstream's result comment prefix: ".docx-to-text", "PDF-to-text"… */
  commentPrefix: string;
  /** PDF answers `freetext` only, the others `freetext` and `text`. */
  alsoText: boolean;
}

export function documentModule(spec: DocumentModuleSpec): ModuleDefinition {
  return defineModule({
    name: spec.name,
    kind: 'expansion',
    moduleType: ['expansion'],
    meta: spec.meta,
    attributes: { input: ['attachment'], output: ['freetext', 'text'] },
    messages: DOCUMENT_MESSAGES,
    async handle(query, ctx) {
      const attachment = query['attachment'];
      const filename = typeof attachment === 'string' ? attachment : String(attachment);
      const raw = query['data'];
      if (raw === undefined || raw === null || raw === '') throw DOCUMENT_MESSAGES.error('noData');
      const data = decodeBase64Field(query);
      if (data.length === 0) throw DOCUMENT_MESSAGES.error('noData');
      const text = await runOffloaded<DocumentTaskInput, string>(ctx, TASK, { format: spec.format, data });
      const comment = `${spec.commentPrefix} from file ${filename}`;
      const entries: LegacyEntryInput[] = [{ types: ['freetext'], values: text, comment }];
      if (spec.alsoText) entries.push({ types: ['text'], values: text, comment });
      return { ...legacyResults(entries) };
    },
  });
}
