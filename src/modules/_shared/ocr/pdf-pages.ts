/**
 * The text of each PDF page for OCR: the page's own text layer when it has
 * one (exact, and instant), else the page rendered at 200 dpi by pdf.js on
 * an @napi-rs/canvas and read by Tesseract (scanned pages).
 */
import { openPdf, pageText, type PDFPageProxy } from '../../expansion/_documents/pdfjs.js';
import type { Recognizer } from './engine.js';
import { BudgetExceededError } from '../budget.js';
import { MAX_OCR_PIXELS } from './image.js';

const DPI = 200;
/** Pages of one PDF read for OCR (a scanned page takes seconds). */
export const MAX_OCR_PAGES = 500;

async function renderPage(page: PDFPageProxy): Promise<Buffer> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(DPI / 72, Math.sqrt(MAX_OCR_PIXELS / Math.max(1, base.width * base.height)));
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // pdf.js draws on any CanvasRenderingContext2D-like object; @napi-rs/canvas is the one it supports in Node.
  await page.render({ canvasContext: context as unknown as Parameters<PDFPageProxy['render']>[0]['canvasContext'], viewport }).promise;
  return canvas.toBuffer('image/png');
}

/** One text per page, in order. */
export async function pdfPagesText(bytes: Uint8Array, ocr: Recognizer): Promise<string[]> {
  const doc = await openPdf(bytes);
  try {
    if (doc.numPages > MAX_OCR_PAGES) {
      throw new BudgetExceededError(`The PDF has ${doc.numPages.toLocaleString('en-US')} pages, more than the ${MAX_OCR_PAGES} pages this server reads for OCR (the resource budget for one file).`);
    }
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n += 1) {
      const page = await doc.getPage(n);
      const text = await pageText(page);
      pages.push(text.trim() !== '' ? text : await ocr.recognize(await renderPage(page)));
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
