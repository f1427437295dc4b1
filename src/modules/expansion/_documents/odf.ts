/** Shared pieces of the OpenDocument formats (odt, ods): the content part and paragraph text. */
import { checkText } from './budgets.js';
import { OfficePackage } from './package.js';
import { attr, firstChild, isElement, type XmlElement } from './xml.js';
import { DOCUMENT_MESSAGES } from './messages.js';

export const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
export const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
export const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';

/** Elements whose text ezodf reads through (spans, links, paragraphs); others give only their own leading text. */
const SPAN_LIKE = new Set(['span', 'a', 'p', 'h']);

/**
 * The plain text of a paragraph as ezodf reads it: its text, each child's
 * text and tail; text:s is spaces (text:c of them), text:tab a tab,
 * text:line-break a newline.
 */
export function paragraphText(element: XmlElement): string {
  let text = '';
  for (const child of element.children) {
    checkText(text);
    if (!isElement(child)) {
      text += child;
      continue;
    }
    if (child.ns === TEXT) {
      if (child.local === 's') {
        const count = Number.parseInt(attr(child, TEXT, 'c') ?? '1', 10);
        text += ' '.repeat(Number.isFinite(count) && count > 0 ? Math.min(count, 10_000) : 1);
        continue;
      }
      if (child.local === 'tab') {
        text += '\t';
        continue;
      }
      if (child.local === 'line-break') {
        text += '\n';
        continue;
      }
      if (child.local === 'soft-page-break') continue;
      if (SPAN_LIKE.has(child.local)) {
        text += paragraphText(child);
        continue;
      }
    }
    // Any other element: only the text before its first child (ezodf's GenericWrapper.plaintext).
    const first = child.children[0];
    if (typeof first === 'string') text += first;
  }
  return text;
}

/** The office:body child (office:text, office:spreadsheet) of content.xml. */
export async function odfBody(bytes: Uint8Array, kind: string, bodyName: 'text' | 'spreadsheet'): Promise<XmlElement> {
  const pkg = await OfficePackage.open(bytes, kind);
  if (!pkg.has('content.xml')) throw DOCUMENT_MESSAGES.error('noOdfContent');
  if (pkg.has('mimetype')) {
    const mimetype = new TextDecoder().decode(await pkg.bytes('mimetype')).trim();
    const expected = bodyName === 'text' ? /^application\/vnd\.oasis\.opendocument\.text(-template|-master)?$/ : /^application\/vnd\.oasis\.opendocument\.spreadsheet(-template)?$/;
    if (!expected.test(mimetype)) throw DOCUMENT_MESSAGES.error('wrongOdfType', { mimetype: mimetype || 'of no declared type', kind });
  }
  const content = await pkg.xml('content.xml');
  const body = firstChild(firstChild(content, OFFICE, 'body') ?? content, OFFICE, bodyName);
  if (!body) throw DOCUMENT_MESSAGES.error('noOdfBody', { body: bodyName });
  return body;
}
