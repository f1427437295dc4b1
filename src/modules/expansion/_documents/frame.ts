/**
 * A small model of a pandas DataFrame and its `to_string()` (pandas 2.3,
 * default display options), as upstream prints spreadsheets with it:
 * right-aligned columns with a leading space, left-aligned index labels,
 * floats of a float column trimmed to a shared number of decimals, and
 * "Empty DataFrame" for a frame with no rows or columns.
 */
import { pyExp, pyFixed, pyRepr } from './pyfloat.js';

export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

/** A Python value as it sits in a DataFrame cell. NaN is a float. */
export type PyValue =
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'int'; readonly v: bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'datetime'; readonly v: DateTimeParts }
  /** A datetime.time, kept as its str(). */
  | { readonly t: 'time'; readonly v: string }
  | { readonly t: 'none' };

export type Dtype = 'object' | 'int64' | 'float64' | 'bool' | 'datetime64';

export interface Column {
  /** The label, as a Python value (printed with str()). */
  readonly label: PyValue;
  readonly dtype: Dtype;
  readonly values: readonly PyValue[];
}

export interface Frame {
  readonly columns: readonly Column[];
  /** Row labels (a RangeIndex, possibly with rows dropped). */
  readonly index: readonly number[];
}

export const NONE: PyValue = { t: 'none' };
export const NAN: PyValue = { t: 'float', v: Number.NaN };

export function isNa(value: PyValue): boolean {
  return value.t === 'none' || (value.t === 'float' && Number.isNaN(value.v));
}

const PRECISION = 6;

/** Python's len() counts code points. */
function width(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function rjust(text: string, size: number): string {
  return ' '.repeat(Math.max(0, size - width(text))) + text;
}

function ljust(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - width(text)));
}

/** pprint_thing with escape_chars=("\t", "\r", "\n"). */
function escape(text: string): string {
  return text.replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function dateString(d: DateTimeParts): string {
  return `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** str(datetime.datetime). */
export function pyDateTime(d: DateTimeParts): string {
  const base = `${dateString(d)} ${pad2(d.hour)}:${pad2(d.minute)}:${pad2(d.second)}`;
  return d.microsecond ? `${base}.${String(d.microsecond).padStart(6, '0')}` : base;
}

/** str(value) for a cell of an object column or a label. */
export function pyStr(value: PyValue): string {
  switch (value.t) {
    case 'str':
      return value.v;
    case 'int':
      return value.v.toString();
    case 'float':
      return pyRepr(value.v);
    case 'bool':
      return value.v ? 'True' : 'False';
    case 'datetime':
      return pyDateTime(value.v);
    case 'time':
      return value.v;
    case 'none':
      return 'None';
  }
}

/** pandas' _trim_zeros_single_float. */
function trimSingle(text: string): string {
  const trimmed = text.replace(/0+$/, '');
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed;
}

/** An object column: " " + str(value), floats as "% .6f" trimmed one by one, NaN as "NaN". */
function formatObject(values: readonly PyValue[]): string[] {
  return values.map((value) => {
    if (value.t === 'none') return ' None';
    if (value.t === 'float') return Number.isNaN(value.v) ? ' NaN' : trimSingle(pyFixed(value.v, PRECISION));
    return ` ${escape(pyStr(value))}`;
  });
}

const DECIMAL_NUMBER = /^\s*[+-]?[0-9]+\.[0-9]*$/;

/** pandas' _trim_zeros_float: trims trailing zeros equally from every number, keeping one decimal. */
function trimEqually(strings: string[]): string[] {
  let trimmed = strings;
  const shouldTrim = (values: string[]): boolean => {
    const numbers = values.filter((x) => DECIMAL_NUMBER.test(x));
    return numbers.length > 0 && numbers.every((x) => x.endsWith('0'));
  };
  while (shouldTrim(trimmed)) trimmed = trimmed.map((x) => (DECIMAL_NUMBER.test(x) ? x.slice(0, -1) : x));
  return trimmed.map((x) => (DECIMAL_NUMBER.test(x) && x.endsWith('.') ? `${x}0` : x));
}

/** A float64 column (FloatArrayFormatter with fixed width). */
function formatFloats(values: readonly PyValue[]): string[] {
  const numbers = values.map((value) => (value.t === 'float' ? value.v : Number.NaN));
  const render = (format: (x: number) => string): string[] => trimEqually(numbers.map((x) => (Number.isNaN(x) ? 'NaN' : format(x))));
  const fixed = render((x) => pyFixed(x, PRECISION));
  const tooLong = fixed.length > 0 && Math.max(...fixed.map(width)) > PRECISION + 6;
  const hasLarge = numbers.some((x) => Math.abs(x) > 1e6);
  const hasSmall = numbers.some((x) => Math.abs(x) < 10 ** -PRECISION && Math.abs(x) > 0);
  return hasSmall || (tooLong && hasLarge) ? render((x) => pyExp(x, PRECISION)) : fixed;
}

/** A datetime64 column: dates only when every time is midnight, else seconds and the finest fraction needed. */
function formatDates(values: readonly PyValue[]): string[] {
  const dates = values.map((value) => (value.t === 'datetime' ? value.v : undefined));
  const present = dates.filter((d): d is DateTimeParts => d !== undefined);
  const datesOnly = present.every((d) => d.hour === 0 && d.minute === 0 && d.second === 0 && d.microsecond === 0);
  const showUs = present.some((d) => d.microsecond % 1000 !== 0);
  const showMs = !showUs && present.some((d) => d.microsecond !== 0);
  return dates.map((d) => {
    if (!d) return 'NaT';
    if (datesOnly) return dateString(d);
    const base = `${dateString(d)} ${pad2(d.hour)}:${pad2(d.minute)}:${pad2(d.second)}`;
    if (showUs) return `${base}.${String(d.microsecond).padStart(6, '0')}`;
    if (showMs) return `${base}.${String(Math.floor(d.microsecond / 1000)).padStart(3, '0')}`;
    return base;
  });
}

function formatColumn(column: Column): string[] {
  switch (column.dtype) {
    case 'float64':
      return formatFloats(column.values);
    case 'int64':
      return column.values.map((value) => (value.t === 'int' && value.v < 0n ? value.v.toString() : ` ${pyStr(value)}`));
    case 'bool':
      return column.values.map((value) => ` ${pyStr(value)}`);
    case 'datetime64':
      return formatDates(column.values);
    case 'object':
      return formatObject(column.values);
  }
}

/** Column labels as Index._format_flat prints them: str(), floats as in an object column, common leading space trimmed. */
function formatLabels(columns: readonly Column[]): string[] {
  let labels = formatObject(columns.map((c) => c.label));
  while (labels.length > 0 && labels.every((x) => x.startsWith(' '))) labels = labels.map((x) => x.slice(1));
  return labels;
}

/** pprint_thing of an Index: "[a, b]" (the first 100 items). */
function listOf(items: readonly string[]): string {
  const shown = items.slice(0, 100).join(', ');
  return `[${shown}${items.length > 100 ? ', ...' : ''}]`;
}

export function frameToString(frame: Frame): string {
  if (frame.columns.length === 0 || frame.index.length === 0) {
    return `Empty DataFrame\nColumns: ${listOf(formatLabels(frame.columns))}\nIndex: ${listOf(frame.index.map(String))}`;
  }
  const labels = formatLabels(frame.columns);
  const strcols: string[][] = [];
  const indexLabels = frame.index.map(String);
  const indexWidth = Math.max(...indexLabels.map(width));
  strcols.push(['', ...indexLabels.map((label) => ljust(label, indexWidth))]);
  frame.columns.forEach((column, i) => {
    const numeric = column.dtype === 'int64' || column.dtype === 'float64' || column.dtype === 'bool';
    const header = numeric ? ` ${labels[i] ?? ''}` : (labels[i] ?? '');
    const values = formatColumn(column);
    const size = Math.max(width(header), ...values.map(width));
    strcols.push([rjust(header, size), ...values.map((v) => rjust(v, size))]);
  });
  // adjoin(1, ...): every column but the last padded to its width + 1.
  const widths = strcols.map((col, i) => Math.max(...col.map(width)) + (i < strcols.length - 1 ? 1 : 0));
  const rows = strcols[0]?.length ?? 0;
  const lines: string[] = [];
  for (let r = 0; r < rows; r += 1) {
    lines.push(strcols.map((col, i) => ljust(col[r] ?? '', widths[i] ?? 0)).join(''));
  }
  return lines.join('\n');
}
