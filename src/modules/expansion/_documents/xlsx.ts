/**
 * .xlsx text as upstream means it: `pandas.read_excel(file).to_string()`,
 * the first worksheet with its first row as the header (pandas 2.3 with
 * openpyxl). Blank header cells are "Unnamed: N", repeated names get ".1",
 * ".2"; columns are typed as pandas' parser types them.
 *
 * Bug fixed: upstream calls pandas.set_option("display.max_colwidth", -1)
 * before reading, which pandas ≥ 1.0 refuses, so every .xlsx failed with a
 * generic error.
 */
import { columnFromParser } from './infer.js';
import { frameToString, NAN, pyStr, type Column, type PyValue } from './frame.js';
import { cellBudget } from './budgets.js';
import { OfficePackage } from './package.js';
import { cellValue, columnOf, dateStyles, MAIN, stringItemText, type CellContext } from './xlsx-cells.js';
import { attr, childElements, firstChild, type XmlElement } from './xml.js';
import { DOCUMENT_MESSAGES } from './messages.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const EMPTY: PyValue = { t: 'str', v: '' };

const isEmpty = (value: PyValue): boolean => value.t === 'str' && value.v === '';

/** pandas' get_sheet_data: rows of values, trailing empty cells and rows trimmed, rows padded to one width. */
function sheetData(sheet: XmlElement, ctx: CellContext): PyValue[][] {
  // Rows and columns missing from the XML cost cells too: all are counted.
  const budget = cellBudget();
  const what = 'The first worksheet';
  const data: PyValue[][] = [];
  const sheetDataElement = firstChild(sheet, MAIN, 'sheetData');
  if (!sheetDataElement) return data;
  let rowNumber = 0;
  for (const row of childElements(sheetDataElement, MAIN, 'row')) {
    const declared = Number.parseInt(attr(row, '', 'r') ?? '', 10);
    const number = Number.isFinite(declared) && declared > rowNumber ? declared : rowNumber + 1;
    // Rows missing from the XML are empty rows.
    while (rowNumber + 1 < number) {
      budget.take(1, what);
      data.push([]);
      rowNumber += 1;
    }
    rowNumber = number;
    const cells: PyValue[] = [];
    let column = 0;
    for (const cell of childElements(row, MAIN, 'c')) {
      const declaredColumn = columnOf(attr(cell, '', 'r') ?? '');
      column = declaredColumn ?? column + 1;
      if (column > 16_384) continue;
      budget.take(Math.max(1, column - cells.length), what);
      while (cells.length < column - 1) cells.push(EMPTY);
      cells[column - 1] = cellValue(cell, ctx);
    }
    while (cells.length > 0 && isEmpty(cells[cells.length - 1] ?? EMPTY)) cells.pop();
    data.push(cells);
  }
  while (data.length > 0 && (data[data.length - 1]?.length ?? 0) === 0) data.pop();
  const width = data.reduce((widest, r) => Math.max(widest, r.length), 0);
  for (const row of data) {
    budget.take(width - row.length, what);
    while (row.length < width) row.push(EMPTY);
  }
  return data;
}

/** The python parser's header: "" → "Unnamed: i", duplicates renamed "name.1"… (named columns first). */
function headerLabels(row: readonly PyValue[]): PyValue[] {
  const labels: PyValue[] = row.map((value, i) => (isEmpty(value) ? { t: 'str', v: `Unnamed: ${i}` } : value));
  const key = (label: PyValue): string => (label.t === 'int' || label.t === 'float' ? `n:${Number(label.v)}` : `s:${pyStr(label)}`);
  const taken = new Set(labels.map(key));
  const counts = new Map<string, number>();
  const unnamed = row.map((value, i) => (isEmpty(value) ? i : -1)).filter((i) => i >= 0);
  const order = [...row.keys()].filter((i) => !unnamed.includes(i)).concat(unnamed);
  for (const i of order) {
    const original = labels[i] ?? EMPTY;
    let label = original;
    let count = counts.get(key(original)) ?? 0;
    while (count > 0) {
      counts.set(key(original), count + 1);
      label = { t: 'str', v: `${pyStr(original)}.${count}` };
      count = taken.has(key(label)) ? count + 1 : (counts.get(key(label)) ?? 0);
    }
    labels[i] = label;
    counts.set(key(label), count + 1);
  }
  return labels;
}

export async function xlsxText(bytes: Uint8Array): Promise<string> {
  const pkg = await OfficePackage.open(bytes, 'an .xlsx workbook');
  const { part, contentType } = await pkg.mainPart();
  if (contentType !== undefined && !/spreadsheetml\.(sheet|template)\.main|ms-excel\.(sheet|template)\.macroEnabled\.main/.test(contentType)) {
    throw DOCUMENT_MESSAGES.error('notExcel', { contentType });
  }
  const workbook = await pkg.xml(part);
  const rels = await pkg.relationships(part);
  const relById = new Map(rels.map((rel) => [rel.id, rel]));
  const byType = (suffix: string) => rels.find((rel) => !rel.external && rel.type.endsWith(suffix) && pkg.has(rel.target));

  const sheets = childElements(firstChild(workbook, MAIN, 'sheets') ?? workbook, MAIN, 'sheet');
  const first = sheets
    .map((sheet) => relById.get(attr(sheet, REL, 'id') ?? ''))
    .find((rel) => rel !== undefined && !rel.external && rel.type.endsWith('/worksheet') && pkg.has(rel.target));
  if (!first) throw DOCUMENT_MESSAGES.error('noWorksheet');

  const strings = byType('/sharedStrings');
  const styles = byType('/styles');
  const ctx: CellContext = {
    sharedStrings: strings ? childElements(await pkg.xml(strings.target), MAIN, 'si').map(stringItemText) : [],
    dateStyles: dateStyles(styles ? await pkg.xml(styles.target) : undefined),
    date1904: ['1', 'true'].includes(attr(firstChild(workbook, MAIN, 'workbookPr') ?? workbook, '', 'date1904') ?? ''),
  };
  const data = sheetData(await pkg.xml(first.target), ctx);
  const [header, ...rows] = data;
  if (!header) return frameToString({ columns: [], index: [] });
  const columns: Column[] = headerLabels(header).map((label, j) => columnFromParser(label, rows.map((row) => row[j] ?? NAN)));
  return frameToString({ columns, index: rows.map((_, i) => i) });
}
