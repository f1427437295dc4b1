/**
 * PDF text as upstream gives it (pdftotext): the text of each page, pages
 * joined by "\n\n". Lines come from pdf.js' text layer in reading order, so
 * spacing inside a line can differ from poppler's; scanned pages without a
 * text layer give nothing (use the ocr import for those).
 */
import { openPdf, pageText } from './pdfjs.js';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await openPdf(bytes);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      pages.push(await pageText(page));
      page.cleanup();
    }
    return pages.join('\n\n');
  } finally {
    await doc.destroy();
  }
}
