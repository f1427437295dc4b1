/**
 * The messages of the PDF reader (expansion/_documents/pdfjs.ts), declared by
 * every module that reads PDFs with it: the document modules and both OCR
 * modules. They are the detail of a "Couldn't analyze file as PDF" message.
 */
import { defineMessages } from '../../base/messages.js';

export const PDF_MESSAGES = defineMessages({
  notPdf: 'the file is not a PDF (no %PDF- header)',
  pdfPassword: 'the PDF is protected by a password',
  pdfDamaged: 'the file is not a PDF or is damaged ({detail})',
  pdfUnreadable: '{detail}',
});
