/**
 * HTML → Markdown as upstream's html_to_markdown does it: script, head,
 * header, footer, meta and link elements removed with their content (and
 * style and title, which sit in head and would otherwise leak into the text
 * when a page is parsed as a fragment), ATX headings, links and images
 * stripped, markdownify's escaping (only * and _).
 */
import TurndownService from 'turndown';
import { markdownifyRules } from './rules.js';

const REMOVED = ['script', 'head', 'header', 'footer', 'meta', 'link', 'style', 'title'] as const;

export function htmlToMarkdown(html: string): string {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    br: '  ',
    bulletListMarker: '*',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
  });
  service.remove([...REMOVED]);
  service.use(markdownifyRules);
  service.escape = (text: string): string => text.replace(/\*/g, '\\*').replace(/_/g, '\\_');
  return service.turndown(html);
}
