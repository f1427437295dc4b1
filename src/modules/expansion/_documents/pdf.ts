/**
 * PDF text as upstream gives it (pdftotext): the text of each page, pages
 * joined by "\n\n". Lines come from pdf.js' text layer in reading order, so
 * spacing inside a line can differ from poppler's; scanned pages without a
 * text layer give nothing (use the ocr import for those).
 */
import { budgetExceeded } from '../../_shared/budget.js';
import { MAX_DOCUMENT_TEXT, MAX_PDF_PAGES, SCOPE, textTooLong } from './budgets.js';
import { openPdf, pageText } from './pdfjs.js';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await openPdf(bytes);
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw budgetExceeded(`The PDF (${doc.numPages.toLocaleString('en-US')} pages)`, MAX_PDF_PAGES, 'pages', SCOPE);
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      pages.push(await pageText(page));
      page.cleanup();
      length += (pages.at(-1)?.length ?? 0) + 2;
      if (length > MAX_DOCUMENT_TEXT) throw textTooLong();
    }
    return pages.join('\n\n');
  } finally {
    await doc.destroy();
  }
}
