/** Worker-thread task: the report model in, PDF bytes out (pdfkit is loaded here only). */
import type { PdfReport } from './model.js';
import { renderReport } from './render.js';

export default async function pdfReportTask(input: PdfReport): Promise<Uint8Array> {
  const pdf = await renderReport(input);
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.length);
}
