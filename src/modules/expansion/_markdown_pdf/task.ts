/** Worker-thread task: markdown in, PDF bytes out. */
import { markdownToPdf } from './render.js';

export interface MarkdownPdfInput {
  markdown: string;
}

export default async function markdownPdfTask(input: MarkdownPdfInput): Promise<Uint8Array> {
  const pdf = await markdownToPdf(input.markdown);
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.length);
}
