/**
 * .ods text as upstream builds it with ezodf 0.3.2 + pandas_ods_reader
 * 1.0.2 + pandas: for each sheet, "\n" + the sheet as a DataFrame printed by
 * `to_string()`. Columns are named column.0, column.1…; numbers are floats,
 * dates and times the strings ODF stores, text cells their paragraphs joined
 * by "\n"; trailing empty rows and empty columns are dropped.
 *
 * As ezodf does, a row or cell repeated 32 times or more counts once (that is
 * how office suites write the empty rest of a sheet).
 *
 * Deliberate fixes over upstream: sheets come in document order (upstream
 * asks pandas_ods_reader for sheet i with 0-based i while it counts from 1,
 * so the last sheet came first), and an empty sheet prints as pandas'
 * "Empty DataFrame" instead of failing the whole file.
 */
import { cellBudget } from './budgets.js';
import { columnFromList } from './infer.js';
import { frameToString, isNa, NONE, type Frame, type PyValue } from './frame.js';
import { OFFICE, odfBody, paragraphText, TABLE, TEXT } from './odf.js';
import { attr, childElements, descendants, type XmlElement } from './xml.js';

/** ezodf's default "all_less_maxcount" expansion limit. */
const MAX_REPEAT = 32;

function repeat(element: XmlElement, name: string): number {
  const value = Number.parseInt(attr(element, TABLE, name) ?? '1', 10);
  if (!Number.isFinite(value) || value <= 1) return 1;
  return value < MAX_REPEAT ? value : 1;
}

/** ezodf's Cell.value. */
function cellValue(cell: XmlElement): PyValue {
  const type = attr(cell, OFFICE, 'value-type');
  switch (type) {
    case undefined:
      return NONE;
    case 'string':
      return {
        t: 'str',
        v: childElements(cell, TEXT)
          .filter((p) => p.local === 'p' || p.local === 'h')
          .map(paragraphText)
          .join('\n'),
      };
    case 'float':
    case 'percentage':
    case 'currency': {
      const raw = attr(cell, OFFICE, 'value');
      return raw === undefined ? NONE : { t: 'float', v: Number(raw) };
    }
    case 'boolean': {
      const raw = attr(cell, OFFICE, 'boolean-value');
      return raw === undefined ? NONE : { t: 'bool', v: raw === 'true' };
    }
    case 'date':
    case 'time': {
      const raw = attr(cell, OFFICE, type === 'date' ? 'date-value' : 'time-value');
      return raw === undefined ? NONE : { t: 'str', v: raw };
    }
    default:
      return NONE;
  }
}

/** The sheet's grid; every cell of it, repeats and padding included, is counted against the cell budget. */
function sheetRows(table: XmlElement): PyValue[][] {
  const budget = cellBudget();
  const what = `The sheet "${attr(table, TABLE, 'name') ?? ''}"`;
  const rows: PyValue[][] = [];
  for (const row of descendants(table, TABLE, 'table-row')) {
    const cells: PyValue[] = [];
    for (const cell of childElements(row)) {
      const value = cellValue(cell);
      const times = repeat(cell, 'number-columns-repeated');
      budget.take(times, what);
      for (let i = times; i > 0; i -= 1) cells.push(value);
    }
    const times = repeat(row, 'number-rows-repeated');
    // A row counts as one cell at least, so empty rows are counted too.
    budget.take(Math.max(1, cells.length) * times - cells.length, what);
    for (let i = times; i > 0; i -= 1) rows.push(i === 1 ? cells : [...cells]);
  }
  // ezodf pads short rows with empty cells.
  const width = rows.reduce((widest, r) => Math.max(widest, r.length), 0);
  for (const row of rows) {
    budget.take(width - row.length, what);
    while (row.length < width) row.push(NONE);
  }
  return rows;
}

/** pandas_ods_reader's parse_data (headers=False) and sanitize_df. */
export function sheetFrame(rows: PyValue[][]): Frame {
  const width = rows[0]?.length ?? 0;
  let columns = Array.from({ length: width }, (_, j) => columnFromList({ t: 'str', v: `column.${j}` }, rows.map((row) => row[j] ?? NONE)));
  let count = rows.length;
  while (count > 0 && columns.every((column) => isNa(column.values[count - 1] ?? NONE))) count -= 1;
  columns = columns
    .map((column) => ({ ...column, values: column.values.slice(0, count) }))
    .filter((column) => !column.values.every(isNa));
  return { columns, index: Array.from({ length: count }, (_, i) => i) };
}

export async function odsText(bytes: Uint8Array): Promise<string> {
  const body = await odfBody(bytes, 'an .ods spreadsheet', 'spreadsheet');
  let text = '';
  for (const table of childElements(body, TABLE, 'table')) text += `\n${frameToString(sheetFrame(sheetRows(table)))}`;
  return text;
}
