/**
 * .odt text: one line per paragraph or heading, in document order, joined
 * with "\n" (upstream's ODTReader joins its paragraphs the same way).
 *
 * Deliberate fixes over upstream: ODTReader only read the top-level
 * paragraphs and dropped the text after any span ("a <span>b</span> c"
 * became "ab") and every text:s space. Here headings, lists, tables, frames
 * and notes are read too, with ezodf's paragraph text (spans, tails, spaces,
 * tabs, line breaks). Deleted text kept for change tracking is skipped.
 */
import { MAX_DOCUMENT_TEXT, textTooLong } from './budgets.js';
import { odfBody, paragraphText, TEXT } from './odf.js';
import { isElement, type XmlElement } from './xml.js';

function collect(element: XmlElement, lines: string[], total = { length: 0 }): void {
  for (const child of element.children) {
    if (!isElement(child)) continue;
    if (child.ns === TEXT && child.local === 'tracked-changes') continue;
    if (child.ns === TEXT && (child.local === 'p' || child.local === 'h')) {
      const line = paragraphText(child);
      total.length += line.length + 1;
      if (total.length > MAX_DOCUMENT_TEXT) throw textTooLong();
      lines.push(line);
    }
    // Paragraphs can hold frames and notes with paragraphs of their own.
    collect(child, lines);
  }
}

export async function odtText(bytes: Uint8Array): Promise<string> {
  const body = await odfBody(bytes, 'an .odt document', 'text');
  const lines: string[] = [];
  collect(body, lines);
  return lines.join('\n');
}
