/**
 * .pptx text as upstream builds it with python-pptx 1.0: for each slide in
 * presentation order, for each shape of the slide's shape tree that has
 * text (every p:sp, even an empty one), "\n" + the shape's text. Paragraphs
 * are joined with "\n" and a line break inside a paragraph is "\v", as
 * python-pptx gives it. Groups, tables and charts have no `text` there, so
 * they are skipped here too.
 */
import { checkText } from './budgets.js';
import { OfficePackage } from './package.js';
import { attr, childElements, firstChild, type XmlElement } from './xml.js';
import { DOCUMENT_MESSAGES } from './messages.js';

const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function textOfT(run: XmlElement): string {
  const t = firstChild(run, A, 't');
  return t ? t.children.filter((c): c is string => typeof c === 'string').join('') : '';
}

/** _Paragraph.text: a:r and a:fld text, "\v" for a:br. */
function paragraphText(paragraph: XmlElement): string {
  let text = '';
  for (const child of childElements(paragraph, A)) {
    if (child.local === 'r' || child.local === 'fld') text += textOfT(child);
    else if (child.local === 'br') text += '\v';
  }
  return text;
}

/** Shape.text: the paragraphs of p:txBody (a shape without one reads as one empty paragraph). */
function shapeText(shape: XmlElement): string {
  const body = firstChild(shape, P, 'txBody');
  if (!body) return '';
  return childElements(body, A, 'p').map(paragraphText).join('\n');
}

export async function pptxText(bytes: Uint8Array): Promise<string> {
  const pkg = await OfficePackage.open(bytes, 'a .pptx presentation');
  const { part, contentType } = await pkg.mainPart();
  if (contentType !== undefined && !/presentationml\.(presentation|slideshow|template)\.main|ms-powerpoint\.(presentation|slideshow|template)\.macroEnabled\.main/.test(contentType)) {
    throw DOCUMENT_MESSAGES.error('notPowerPoint', { contentType });
  }
  const presentation = await pkg.xml(part);
  const rels = new Map((await pkg.relationships(part)).map((rel) => [rel.id, rel]));
  const slideIds = childElements(firstChild(presentation, P, 'sldIdLst') ?? presentation, P, 'sldId');
  let text = '';
  for (const slideId of slideIds) {
    const rel = rels.get(attr(slideId, R, 'id') ?? '');
    if (!rel || rel.external || !pkg.has(rel.target)) continue;
    const slide = await pkg.xml(rel.target);
    const tree = firstChild(firstChild(slide, P, 'cSld') ?? slide, P, 'spTree');
    if (!tree) continue;
    for (const shape of childElements(tree, P, 'sp')) text = checkText(`${text}\n${shapeText(shape)}`);
  }
  return text;
}
