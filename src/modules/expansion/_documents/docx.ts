/**
 * .docx text as upstream builds it with python-docx 1.2: each body paragraph
 * ("\n" + its text), then each paragraph of each table cell, row by row. As
 * in python-docx, a horizontally merged cell repeats once per grid column it
 * spans and a vertically merged one repeats the cell it continues; text in
 * tracked insertions, content controls and fields is not read.
 */
import type { CountBudget } from '../../_shared/budget.js';
import { cellBudget, checkText } from './budgets.js';
import { OfficePackage } from './package.js';
import { attr, childElements, firstChild, type XmlElement } from './xml.js';
import { DOCUMENT_MESSAGES } from './messages.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** python-docx's CT_R.text: text of w:t, with breaks, tabs and no-break hyphens as characters. */
function runText(run: XmlElement): string {
  let text = '';
  for (const child of childElements(run, W)) {
    switch (child.local) {
      case 't':
        text += child.children.filter((c): c is string => typeof c === 'string').join('');
        break;
      case 'tab':
      case 'ptab':
        text += '\t';
        break;
      case 'cr':
        text += '\n';
        break;
      case 'br':
        // Page and column breaks have no text; a line break (the default type) is a newline.
        if ((attr(child, W, 'type') ?? 'textWrapping') === 'textWrapping') text += '\n';
        break;
      case 'noBreakHyphen':
        text += '-';
        break;
      default:
        break;
    }
  }
  return text;
}

/** CT_P.text: runs and hyperlinks (their runs) that are direct children of the paragraph. */
function paragraphText(paragraph: XmlElement): string {
  let text = '';
  for (const child of childElements(paragraph, W)) {
    if (child.local === 'r') text += runText(child);
    else if (child.local === 'hyperlink') text += childElements(child, W, 'r').map(runText).join('');
  }
  return text;
}

function gridSpan(cell: XmlElement): number {
  const value = attr(firstChild(firstChild(cell, W, 'tcPr') ?? cell, W, 'gridSpan') ?? cell, W, 'val');
  const span = value === undefined ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(span) && span > 0 ? span : 1;
}

/** 'continue' when the cell continues a vertical merge (w:vMerge without a val means continue). */
function vMerge(cell: XmlElement): string | undefined {
  const merge = firstChild(firstChild(cell, W, 'tcPr') ?? cell, W, 'vMerge');
  if (!merge) return undefined;
  return attr(merge, W, 'val') ?? 'continue';
}

function gridBefore(row: XmlElement): number {
  const value = attr(firstChild(firstChild(row, W, 'trPr') ?? row, W, 'gridBefore') ?? row, W, 'val');
  const before = value === undefined ? 0 : Number.parseInt(value, 10);
  return Number.isFinite(before) && before > 0 ? before : 0;
}

/** The cells of each row as python-docx's `row.cells` lists them; spans are counted against `cells`. */
function rowCells(table: XmlElement, cells: CountBudget): XmlElement[][] {
  const rows = childElements(table, W, 'tr');
  // Per row: the cell starting at each grid offset, to resolve vertical merges.
  const starts: Array<Map<number, XmlElement>> = [];
  const result: XmlElement[][] = [];
  rows.forEach((row, index) => {
    const byOffset = new Map<number, XmlElement>();
    const rowCells: XmlElement[] = [];
    let offset = gridBefore(row);
    for (const tc of childElements(row, W, 'tc')) {
      const span = gridSpan(tc);
      cells.take(span, 'A table of the document');
      byOffset.set(offset, tc);
      let content = tc;
      if (vMerge(tc) === 'continue') {
        // The cell above at the same offset (itself resolved); python-docx fails on a first-row continue, this keeps the cell.
        content = index > 0 ? (resolvedAbove(starts, index - 1, offset) ?? tc) : tc;
      }
      for (let i = 0; i < span; i += 1) rowCells.push(content);
      offset += span;
    }
    starts.push(byOffset);
    result.push(rowCells);
  });
  return result;

  function resolvedAbove(all: Array<Map<number, XmlElement>>, rowIndex: number, offset: number): XmlElement | undefined {
    for (let r = rowIndex; r >= 0; r -= 1) {
      const above = all[r]?.get(offset);
      if (!above) return undefined;
      if (vMerge(above) !== 'continue') return above;
    }
    return undefined;
  }
}

export async function docxText(bytes: Uint8Array): Promise<string> {
  const pkg = await OfficePackage.open(bytes, 'a .docx document');
  const { part, contentType } = await pkg.mainPart();
  if (contentType !== undefined && !/wordprocessingml\.document\.main|ms-word\.(document|template)\.macroEnabled\.main|wordprocessingml\.template\.main/.test(contentType)) {
    throw DOCUMENT_MESSAGES.error('notWord', { contentType });
  }
  const root = await pkg.xml(part);
  const body = firstChild(root, W, 'body');
  if (!body) throw DOCUMENT_MESSAGES.error('noWordBody', { part });
  let text = '';
  for (const paragraph of childElements(body, W, 'p')) text = checkText(`${text}\n${paragraphText(paragraph)}`);
  // Merged cells repeat their text: what they may cost is counted, cells and text.
  const cells = cellBudget();
  for (const table of childElements(body, W, 'tbl')) {
    for (const row of rowCells(table, cells)) {
      for (const cell of row) {
        for (const paragraph of childElements(cell, W, 'p')) text = checkText(`${text}\n${paragraphText(paragraph)}`);
      }
    }
  }
  return text;
}
