/**
 * convert_markdown_to_pdf: renders GitHub-flavoured markdown (an event
 * report) to PDF and answers it base64-encoded in `results[0].values[0]`,
 * as upstream. Upstream shells out to pandoc + wkhtmltopdf + mermaid-cli;
 * this port lays the PDF out itself (marked + pdfkit) on a worker thread.
 * Mermaid diagrams print as their source; images are not fetched.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import type { MarkdownPdfInput } from './_markdown_pdf/task.js';

const TASK = new URL('./_markdown_pdf/task.js', import.meta.url);

const MESSAGES = defineMessages({
  noText: 'The request has no "text" field.',
  notJson: 'The "text" field must be a JSON object {"markdown": "…"}: {reason}',
  noMarkdown: 'The "text" field must be a JSON object {"markdown": "…"} with the markdown as a string.',
});

function readMarkdown(text: string): string {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw MESSAGES.error('notJson', { reason: (error as Error).message });
  }
  const markdown = (payload as { markdown?: unknown } | null)?.markdown;
  if (typeof markdown !== 'string') throw MESSAGES.error('noMarkdown');
  return markdown;
}

export default defineModule({
  name: 'convert_markdown_to_pdf',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.3',
    author: 'Sami Mokaddem',
    description:
      'Render the markdown (under GFM) into PDF. Requires pandoc (https://pandoc.org/), wkhtmltopdf (https://wkhtmltopdf.org/) and mermaid dependencies.',
    name: 'Markdown to PDF converter',
    logo: '',
    requirements: [],
    features:
      'GFM markdown (headings, emphasis, lists and task lists, code, block quotes, tables, links) laid out on A4 pages without external programs. Raw HTML prints literally; images are not fetched; mermaid diagrams print as their source.',
    references: [],
    input: 'text: a JSON string {"markdown": "…"}.',
    output: 'The PDF, base64-encoded, as the single value of a text result.',
  },
  attributes: { input: ['text'], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const text = query['text'];
    if (typeof text !== 'string' || text === '') throw MESSAGES.error('noText');
    const markdown = readMarkdown(text);
    const pdf = await ctx.workers.run<MarkdownPdfInput, Uint8Array>(TASK, { markdown });
    return legacyResults([{ types: ['text'], values: [Buffer.from(pdf).toString('base64')] }]);
  },
});
