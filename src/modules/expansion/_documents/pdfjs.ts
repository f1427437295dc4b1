/**
 * Opens a PDF with pdf.js (imported on first use, inside a worker task),
 * offline: character maps and standard fonts come from the installed
 * pdfjs-dist package, fonts are never evaluated as code, and nothing is
 * fetched. Errors become ModuleErrors that say what is wrong with the file.
 */
import { createRequire } from 'node:module';
import { ModuleError } from '../../../base/errors.js';
import { PDF_MESSAGES } from '../../_shared/pdf-messages.js';
import { checkPdfStreams } from './pdf-streams.js';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';

export type { PDFDocumentProxy, PDFPageProxy };

function packageDir(): string {
  return createRequire(import.meta.url).resolve('pdfjs-dist/package.json').replace(/package\.json$/, '');
}

function describe(error: unknown): ModuleError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return PDF_MESSAGES.error('pdfPassword', {}, { cause: error });
  if (name === 'InvalidPDFException') return PDF_MESSAGES.error('pdfDamaged', { detail: message }, { cause: error });
  return PDF_MESSAGES.error('pdfUnreadable', { detail: message }, { cause: error });
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  if (bytes.length < 5 || Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf('%PDF-') < 0) {
    throw PDF_MESSAGES.error('notPdf');
  }
  checkPdfStreams(bytes);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const dir = packageDir();
  try {
    return await pdfjs.getDocument({
      // pdf.js may detach the buffer it is given.
      data: new Uint8Array(bytes),
      cMapUrl: `${dir}cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${dir}standard_fonts/`,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      verbosity: 0,
    }).promise;
  } catch (error) {
    throw describe(error);
  }
}

/** A page's text layer, one line per text run ending a line, "\n"-terminated as pdftotext writes it. */
export async function pageText(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
