/**
 * Cell values of an .xlsx sheet as openpyxl 3.1 reads them (read-only,
 * data_only: formulas give their cached value) and pandas' read_excel then
 * converts them: integral numbers as ints, dates by their number format,
 * errors as NaN, empty cells as "".
 */
import { NAN, type DateTimeParts, type PyValue } from './frame.js';
import { attr, childElements, firstChild, type XmlElement } from './xml.js';

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const MS_PER_DAY = 86_400_000;

/** Built-in number formats that are dates or times (46, [h]:mm:ss, is a duration and stays a number). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 47]);
const DURATION = /\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?/i;
const STRIP = /\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]|"[^"]*"|\\./g;

/** openpyxl's is_date_format (durations excluded: openpyxl makes them timedeltas, kept as numbers here). */
export function isDateFormat(code: string): boolean {
  const first = code.split(';')[0] ?? '';
  if (DURATION.test(first)) return false;
  return /(?<![_\\])[dmhysDMHYS]/.test(first.replace(STRIP, ''));
}

/** The cellXfs indexes whose number format is a date, from styles.xml. */
export function dateStyles(styles: XmlElement | undefined): Set<number> {
  const result = new Set<number>();
  if (!styles) return result;
  const custom = new Map<number, string>();
  for (const format of childElements(firstChild(styles, MAIN, 'numFmts') ?? styles, MAIN, 'numFmt')) {
    custom.set(Number(attr(format, '', 'numFmtId')), attr(format, '', 'formatCode') ?? '');
  }
  childElements(firstChild(styles, MAIN, 'cellXfs') ?? styles, MAIN, 'xf').forEach((xf, index) => {
    const id = Number(attr(xf, '', 'numFmtId') ?? '0');
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) result.add(index);
  });
  return result;
}

/** Text of a shared or inline string: its t, then the t of each run (phonetic runs left out). */
export function stringItemText(item: XmlElement): string {
  const textOf = (t: XmlElement | undefined): string => (t ? t.children.filter((c): c is string => typeof c === 'string').join('') : '');
  let text = textOf(firstChild(item, MAIN, 't'));
  for (const run of childElements(item, MAIN, 'r')) text += textOf(firstChild(run, MAIN, 't'));
  return text.replace(/x005F_/g, '');
}

function parts(ms: number): DateTimeParts {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    microsecond: date.getUTCMilliseconds() * 1000,
  };
}

/** openpyxl's from_excel: a serial day number to a datetime (a time when below 1), to the millisecond. */
export function fromExcel(serial: number, date1904: boolean): PyValue {
  const day = Math.floor(serial);
  const fraction = Math.round((serial - day) * MS_PER_DAY);
  if (serial >= 0 && serial < 1 && fraction < MS_PER_DAY) {
    const t = parts(fraction);
    const base = `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}:${String(t.second).padStart(2, '0')}`;
    return { t: 'time', v: t.microsecond ? `${base}.${String(t.microsecond).padStart(6, '0')}` : base };
  }
  // Excel's 1900 leap-year bug: serials before 60 are one day off.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const days = !date1904 && serial > 0 && serial < 60 ? day + 1 : day;
  const ms = epoch + days * MS_PER_DAY + fraction;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return NAN;
  const result = parts(ms);
  return result.year < 1 || result.year > 9999 ? NAN : { t: 'datetime', v: result };
}

/** An ISO 8601 date (cells of type d). */
function fromIso(text: string): PyValue {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?/.exec(text.trim());
  if (!match) return { t: 'str', v: text };
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = match;
  return {
    t: 'datetime',
    v: { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s), microsecond: Number(frac.padEnd(6, '0')) },
  };
}

/** A numeric cell text: openpyxl's int or float, then pandas keeps integral floats as ints. */
function fromNumber(text: string): PyValue {
  const trimmed = text.trim();
  if (!/[.eE]/.test(trimmed) && /^[+-]?\d+$/.test(trimmed)) return { t: 'int', v: BigInt(trimmed) };
  const value = Number(trimmed);
  if (Number.isNaN(value)) return { t: 'str', v: text };
  return Number.isInteger(value) ? { t: 'int', v: BigInt(value) } : { t: 'float', v: value };
}

export interface CellContext {
  sharedStrings: readonly string[];
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
}

/** The value pandas gets from one <c> element. */
export function cellValue(cell: XmlElement, ctx: CellContext): PyValue {
  const type = attr(cell, '', 't') ?? 'n';
  if (type === 'inlineStr') {
    const inline = firstChild(cell, MAIN, 'is');
    return inline ? { t: 'str', v: stringItemText(inline) } : { t: 'str', v: '' };
  }
  const v = firstChild(cell, MAIN, 'v');
  const text = v ? v.children.filter((c): c is string => typeof c === 'string').join('') : '';
  if (text === '') return { t: 'str', v: '' };
  switch (type) {
    case 's':
      return { t: 'str', v: ctx.sharedStrings[Number(text)] ?? '' };
    case 'str':
      return { t: 'str', v: text };
    case 'b':
      return { t: 'bool', v: Number(text) !== 0 };
    case 'e':
      return NAN;
    case 'd':
      return fromIso(text);
    default: {
      const style = Number(attr(cell, '', 's') ?? '0');
      if (ctx.dateStyles.has(style)) {
        const serial = Number(text);
        return Number.isFinite(serial) ? fromExcel(serial, ctx.date1904) : NAN;
      }
      return fromNumber(text);
    }
  }
}

/** "AB12" → column 28 (1-based); undefined when the reference has no letters. */
export function columnOf(reference: string): number | undefined {
  const letters = /^([A-Za-z]+)\d*$/.exec(reference)?.[1];
  if (!letters) return undefined;
  let column = 0;
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return column;
}
