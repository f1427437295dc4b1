/**
 * How pandas types a column, for the two ways upstream builds its frames:
 * `DataFrame(dict of lists)` (ods, through pandas_ods_reader) and the
 * read_excel text parser (xlsx), which also turns "NA"-like strings into
 * NaN and numeric strings into numbers.
 */
import { isNa, NAN, type Column, type Dtype, type PyValue } from './frame.js';

function allDates(values: readonly PyValue[]): boolean {
  const present = values.filter((v) => !isNa(v));
  return present.length > 0 && present.every((v) => v.t === 'datetime');
}

/** lib.maybe_convert_objects on a list, then datetime inference (DataFrame from a dict of lists). */
export function columnFromList(label: PyValue, values: readonly PyValue[]): Column {
  const present = values.filter((v) => !isNa(v));
  const hasNa = present.length < values.length;
  let dtype: Dtype = 'object';
  if (present.length > 0) {
    if (present.every((v) => v.t === 'float' || v.t === 'int')) dtype = hasNa || present.some((v) => v.t === 'float') ? 'float64' : 'int64';
    else if (present.every((v) => v.t === 'bool') && !hasNa) dtype = 'bool';
    else if (allDates(values)) dtype = 'datetime64';
  }
  return { label, dtype, values: castAll(values, dtype) };
}

function castAll(values: readonly PyValue[], dtype: Dtype): PyValue[] {
  if (dtype === 'float64') {
    return values.map((v): PyValue => {
      if (v.t === 'int') return { t: 'float', v: Number(v.v) };
      if (v.t === 'bool') return { t: 'float', v: v.v ? 1 : 0 };
      return v.t === 'float' ? v : NAN;
    });
  }
  if (dtype === 'int64') return values.map((v): PyValue => (v.t === 'bool' ? { t: 'int', v: v.v ? 1n : 0n } : v));
  if (dtype === 'datetime64') return values.map((v) => (v.t === 'datetime' ? v : NAN));
  return [...values];
}

/** pandas' default na_values (STR_NA_VALUES). */
const NA_STRINGS = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
]);
const TRUE_STRINGS = new Set(['True', 'TRUE', 'true']);
const FALSE_STRINGS = new Set(['False', 'FALSE', 'false']);
const NUMERIC = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INFINITE = /^\s*([+-]?)(?:inf|infinity)\s*$/i;

type Numeric = { kind: 'null' } | { kind: 'int'; v: bigint } | { kind: 'float'; v: number } | { kind: 'bool'; v: boolean };

/** One value through lib.maybe_convert_numeric; undefined when it is not numeric. */
function asNumeric(value: PyValue): Numeric | undefined {
  switch (value.t) {
    case 'none':
      return { kind: 'null' };
    case 'float':
      return Number.isNaN(value.v) ? { kind: 'null' } : { kind: 'float', v: value.v };
    case 'int':
      return { kind: 'int', v: value.v };
    case 'bool':
      return { kind: 'bool', v: value.v };
    case 'str': {
      if (NA_STRINGS.has(value.v)) return { kind: 'null' };
      const infinite = INFINITE.exec(value.v);
      if (infinite) return { kind: 'float', v: infinite[1] === '-' ? -Infinity : Infinity };
      if (!NUMERIC.test(value.v)) return undefined;
      const text = value.v.trim();
      return /[.eE]/.test(text) ? { kind: 'float', v: Number(text) } : { kind: 'int', v: BigInt(text) };
    }
    default:
      return undefined;
  }
}

function numericColumn(label: PyValue, parsed: readonly Numeric[]): Column {
  const floats = parsed.some((p) => p.kind === 'null' || p.kind === 'float');
  const ints = parsed.some((p) => p.kind === 'int');
  if (floats || parsed.length === 0) {
    const values = parsed.map((p): PyValue => {
      if (p.kind === 'null') return NAN;
      if (p.kind === 'int') return { t: 'float', v: Number(p.v) };
      if (p.kind === 'bool') return { t: 'float', v: p.v ? 1 : 0 };
      return { t: 'float', v: p.v };
    });
    return { label, dtype: 'float64', values };
  }
  if (ints) return { label, dtype: 'int64', values: parsed.map((p): PyValue => ({ t: 'int', v: p.kind === 'int' ? p.v : p.kind === 'bool' && p.v ? 1n : 0n })) };
  return { label, dtype: 'bool', values: parsed.map((p): PyValue => ({ t: 'bool', v: p.kind === 'bool' && p.v })) };
}

/** A column of the read_excel parser: numbers first, then booleans, else objects (NA strings as NaN, dates inferred). */
export function columnFromParser(label: PyValue, raw: readonly PyValue[]): Column {
  const parsed = raw.map(asNumeric);
  if (parsed.every((p): p is Numeric => p !== undefined)) return numericColumn(label, parsed);
  const values = raw.map((v) => (v.t === 'str' && NA_STRINGS.has(v.v) ? NAN : v));
  const booleans = values.map((v): boolean | 'na' | undefined => {
    if (v.t === 'bool') return v.v;
    if (v.t === 'str' && TRUE_STRINGS.has(v.v)) return true;
    if (v.t === 'str' && FALSE_STRINGS.has(v.v)) return false;
    return isNa(v) ? 'na' : undefined;
  });
  if (booleans.every((b) => b !== undefined)) {
    const hasNa = booleans.includes('na');
    const cells = booleans.map((b): PyValue => (b === 'na' ? NAN : { t: 'bool', v: b === true }));
    return { label, dtype: hasNa ? 'object' : 'bool', values: cells };
  }
  if (allDates(values)) return { label, dtype: 'datetime64', values: castAll(values, 'datetime64') };
  return { label, dtype: 'object', values };
}
