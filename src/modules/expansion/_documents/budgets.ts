/**
 * What one document may make this server build, whatever its size on the
 * wire: the zip package's inflated bytes are capped by DOCUMENT_BUDGET
 * (package.ts); these cap what is built from them. Figures: 1,000,000 XML
 * elements peak at about 500 MB of heap while parsed (a worker thread has
 * 1 GB); 1,000,000 spreadsheet cells print as about 20 MB of text.
 */
import { budgetExceeded, CountBudget } from '../../_shared/budget.js';

/** XML elements over all the parts read from one document. */
export const MAX_DOCUMENT_ELEMENTS = 1_000_000;
/** Cells of one spreadsheet's grid (rows × columns, repeats and padding included). */
export const MAX_SHEET_CELLS = 1_000_000;
/** Characters of text extracted from one document (answered twice: freetext and text). */
export const MAX_DOCUMENT_TEXT = 16 * 1024 * 1024;
/** Pages read from one PDF. */
export const MAX_PDF_PAGES = 5_000;

export const SCOPE = 'one document';

export const elementBudget = (): CountBudget => new CountBudget(MAX_DOCUMENT_ELEMENTS, 'XML elements', SCOPE);
export const cellBudget = (): CountBudget => new CountBudget(MAX_SHEET_CELLS, 'cells', 'one spreadsheet');

export const textTooLong = (): Error => budgetExceeded('The text extracted from the document', MAX_DOCUMENT_TEXT, 'characters', SCOPE);

/** Throws when `text` (extracted so far) is past the text budget; returns it otherwise. */
export function checkText(text: string): string {
  if (text.length > MAX_DOCUMENT_TEXT) throw textTooLong();
  return text;
}
