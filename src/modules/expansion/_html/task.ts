/** Worker task: HTML text → Markdown (large pages cost seconds of CPU, off the main thread). */
import { htmlToMarkdown } from './convert.js';

export interface HtmlTaskInput {
  html: string;
}

export default function convertHtml({ html }: HtmlTaskInput): string {
  return htmlToMarkdown(html);
}
