/**
 * Worker task: one document's bytes → its text. Any failure reading the
 * file becomes upstream's "Couldn't analyze file as <kind>" message (a
 * corrupt upload, not a server fault), except a resource budget exceeded
 * (budgets.ts), answered as it is.
 */
import { settle, type TaskOutcome } from '../../_shared/archives/offload.js';
import { BudgetExceededError } from '../../_shared/budget.js';
import { checkText } from './budgets.js';
import { docxText } from './docx.js';
import { odsText } from './ods.js';
import { odtText } from './odt.js';
import { pdfText } from './pdf.js';
import { pptxText } from './pptx.js';
import { xlsxText } from './xlsx.js';
import { DOCUMENT_MESSAGES } from './messages.js';

export type DocumentFormat = 'docx' | 'pptx' | 'odt' | 'ods' | 'xlsx' | 'pdf';

export interface DocumentTaskInput {
  format: DocumentFormat;
  data: Uint8Array;
}

const READERS: Record<DocumentFormat, { label: string; read: (bytes: Uint8Array) => Promise<string> }> = {
  docx: { label: '.docx', read: docxText },
  pptx: { label: '.pptx', read: pptxText },
  odt: { label: '.odt', read: odtText },
  ods: { label: '.ods', read: odsText },
  xlsx: { label: '.xlsx', read: xlsxText },
  pdf: { label: 'PDF', read: pdfText },
};

export default async function extractDocumentText({ format, data }: DocumentTaskInput): Promise<TaskOutcome<string>> {
  const reader = READERS[format];
  return settle(async () => {
    try {
      return checkText(await reader.read(data));
    } catch (error) {
      // A budget names itself: the file may be fine, this server will not read that much of it.
      if (error instanceof BudgetExceededError) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw DOCUMENT_MESSAGES.error('unreadable', { kind: reader.label, detail: detail.replace(/\.$/, '') });
    }
  });
}
