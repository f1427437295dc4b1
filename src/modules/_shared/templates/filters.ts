/**
 * Jinja's built-in filters, with autoescape off (Jinja's default): `escape`
 * escapes, `safe` passes text through. Filters that build text or lists
 * charge the budget for what they build.
 */
import { TemplateError } from './errors.js';
import { htmlEscape, printf, toJson, urlEncode } from './format.js';
import { pyCapitalize, pyCenter } from './methods.js';
import { arg, type FilterFn, type Runtime } from './runtime.js';
import {
  chars,
  groupTuple,
  isDict,
  isNumber,
  iterate,
  pyCompare,
  pyEquals,
  pyLength,
  PyFloat,
  toInt,
  truthy,
  typeName,
  Undefined,
  type Kwargs,
  type Value,
} from './values.js';

const text = (rt: Runtime, v: Value): string => rt.str(v);

function list(rt: Runtime, v: Value): Value[] {
  const items = iterate(v);
  rt.budget.tick(1 + (items.length >> 4));
  return items;
}

/** `attribute="a.b.0"` lookups of map, sort, groupby, selectattr, … */
function attrGetter(rt: Runtime, attribute: Value | undefined, fallback?: Value): (item: Value) => Value {
  if (attribute === undefined || attribute === null) return (item) => item;
  const parts = typeof attribute === 'number' ? [attribute] : String(attribute).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return (item) => {
    let value = item;
    for (const part of parts) {
      value = rt.getItem(value, part);
      if (value instanceof Undefined) return fallback ?? value;
    }
    return value;
  };
}

function sortKey(caseSensitive: boolean): (v: Value) => Value {
  return (v) => (!caseSensitive && typeof v === 'string' ? v.toLowerCase() : v);
}

function sorted(items: Value[], key: (v: Value) => Value, reverse: boolean): Value[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => pyCompare(a.key, b.key));
  if (reverse) keyed.reverse();
  return keyed.map((k) => k.item);
}

/** Jinja's `int` and `float` filters: an int or a PyFloat, or the fallback. */
function toNumber(v: Value, fallback: Value, integer: boolean, base = 10): Value {
  const typed = (n: number): Value => (integer ? n : new PyFloat(n));
  if (typeof v === 'boolean') return typed(v ? 1 : 0);
  if (typeof v === 'number' || v instanceof PyFloat) {
    const n = Number(v);
    if (!integer) return new PyFloat(n);
    return Number.isFinite(n) ? Math.trunc(n) : fallback;
  }
  if (typeof v === 'string') {
    const t = v.trim().replace(/_/g, '');
    if (integer) {
      const prefixed = /^[+-]?0[xob]/i.test(t) ? t : undefined;
      if (base === 10 && /^[+-]?\d+$/.test(t)) return Number(t);
      if (base !== 10 || prefixed) {
        const digits = t.replace(/^([+-]?)0[xob]/i, '$1');
        const n = parseInt(digits, base === 10 && prefixed ? ({ x: 16, o: 8, b: 2 } as Record<string, number>)[t.replace(/^[+-]/, '')[1]!.toLowerCase()]! : base);
        if (!Number.isNaN(n)) return n;
      }
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) || /^[+-]?(inf|infinity|nan)$/i.test(t)) {
      const n = /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(t) ? NaN : Number(t);
      return integer ? (Number.isFinite(n) ? Math.trunc(n) : fallback) : typed(n);
    }
  }
  return fallback;
}

/**
 * Python's round(): correctly rounded from the float's exact decimal value,
 * halves to even (2.5 → 2, and 2.675 → 2.67 because it is 2.67499…).
 */
function pyRound(value: number, precision: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21 || precision > 90) return value;
  if (precision < 0) {
    const factor = 10 ** -precision;
    return pyRound(value / factor, 0) * factor;
  }
  const [whole = '0', fraction = ''] = Math.abs(value).toFixed(100).split('.');
  const rest = fraction.slice(precision);
  let kept = BigInt(whole + fraction.slice(0, precision));
  const firstDropped = rest[0] ?? '0';
  const tie = firstDropped === '5' && !/[1-9]/.test(rest.slice(1));
  if (firstDropped > '5' || (firstDropped === '5' && !tie) || (tie && kept % 2n === 1n)) kept += 1n;
  const digits = kept.toString().padStart(precision + 1, '0');
  const rounded = Number(precision === 0 ? digits : `${digits.slice(0, -precision)}.${digits.slice(-precision)}`);
  return value < 0 ? -rounded : rounded;
}

function truncate(s: string, length: number, killwords: boolean, end: string, leeway: number): string {
  const list = chars(s);
  if (list.length <= length + leeway) return s;
  if (killwords) return list.slice(0, length - end.length).join('') + end;
  const head = list.slice(0, Math.max(0, length - end.length)).join('');
  const cut = head.lastIndexOf(' ');
  return (cut === -1 ? head : head.slice(0, cut)) + end;
}

function indent(s: string, width: Value, first: boolean, blank: boolean): string {
  const pad = typeof width === 'string' ? width : ' '.repeat(toInt(width, 'width'));
  const lines = (s + '\n').split('\n').slice(0, -1);
  let out: string;
  if (blank) out = lines.join('\n' + pad);
  else {
    out = lines[0] ?? '';
    const rest = lines.slice(1);
    if (rest.length > 0) out += '\n' + rest.map((line) => (line ? pad + line : line)).join('\n');
  }
  return first ? pad + out : out;
}

/** textwrap.wrap, greedy, per paragraph (hyphens are not break points here). */
function wordwrap(s: string, width: number, breakLong: boolean, wrapstring: string): string {
  return s
    .split(/\r\n|\r|\n/)
    .map((paragraph) => {
      const words = paragraph.split(/\s+/).filter((w) => w !== '');
      const lines: string[] = [];
      let line = '';
      for (let word of words) {
        while (breakLong && word.length > width) {
          if (line) {
            lines.push(line);
            line = '';
          }
          lines.push(word.slice(0, width));
          word = word.slice(width);
        }
        if (!line) line = word;
        else if (line.length + 1 + word.length <= width) line += ' ' + word;
        else {
          lines.push(line);
          line = word;
        }
      }
      if (line) lines.push(line);
      return lines.join(wrapstring);
    })
    .join(wrapstring);
}

function filesize(value: Value, binary: boolean): string {
  const bytes = Number(toNumber(value, 0, false));
  const base = binary ? 1024 : 1000;
  const prefixes = binary ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = base;
  let i = 0;
  for (; i < prefixes.length - 1 && bytes >= unit * base; i++) unit *= base;
  return `${(bytes / unit).toFixed(1)} ${prefixes[i]}`;
}

function minMax(rt: Runtime, v: Value, a: Value[], k: Kwargs, sign: 1 | -1): Value {
  const items = list(rt, v);
  if (items.length === 0) return new Undefined('No aggregated item, sequence was empty.');
  const getter = attrGetter(rt, arg(a, k, 1, 'attribute'));
  const key = sortKey(truthy(arg(a, k, 0, 'case_sensitive') ?? false));
  return items.reduce((best, item) => (sign * pyCompare(key(getter(item)), key(getter(best))) > 0 ? item : best));
}

/** select / reject / selectattr / rejectattr. */
function selector(rt: Runtime, v: Value, a: Value[], byAttribute: boolean, keep: boolean): Value[] {
  const getter = byAttribute ? attrGetter(rt, a[0]) : (x: Value) => x;
  const rest = byAttribute ? a.slice(1) : a;
  const testName = rest[0];
  const test =
    testName === undefined
      ? (x: Value) => truthy(x)
      : (x: Value) => rt.applyTest(String(testName), x, rest.slice(1));
  return list(rt, v).filter((item) => test(getter(item)) === keep);
}

const FILTERS: Record<string, FilterFn> = {
  abs: (_rt, v) => {
    if (!isNumber(v)) throw new TemplateError(`bad operand type for abs(): '${typeName(v)}'`);
    return v instanceof PyFloat ? new PyFloat(Math.abs(v.value)) : Math.abs(Number(v));
  },
  attr: (rt, v, a) => rt.getAttr(v, String(a[0] ?? '')),
  batch: (rt, v, a, k) => {
    const size = toInt(arg(a, k, 0, 'linecount') ?? null, 'linecount');
    if (size <= 0) throw new TemplateError('batch size must be positive');
    const fill = arg(a, k, 1, 'fill_with');
    const items = list(rt, v);
    const out: Value[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    const last = out[out.length - 1];
    if (fill !== undefined && fill !== null && last) while (last.length < size) last.push(fill);
    return out;
  },
  capitalize: (rt, v) => pyCapitalize(text(rt, v)),
  center: (rt, v, a, k) => {
    const width = toInt(arg(a, k, 0, 'width') ?? 80, 'width');
    rt.budget.string(width);
    return pyCenter(text(rt, v), width);
  },
  default: (_rt, v, a, k) => {
    const fallback = arg(a, k, 0, 'default_value') ?? '';
    const boolean = truthy(arg(a, k, 1, 'boolean') ?? false);
    return v instanceof Undefined || (boolean && !truthy(v)) ? fallback : v;
  },
  dictsort: (rt, v, a, k) => {
    if (!isDict(v)) throw new TemplateError('You can only sort by either "key" or "value" of a dict');
    const caseSensitive = truthy(arg(a, k, 0, 'case_sensitive') ?? false);
    const by = arg(a, k, 1, 'by') ?? 'key';
    if (by !== 'key' && by !== 'value') throw new TemplateError('You can only sort by either "key" or "value"');
    const pairs: Value[] = Object.keys(v).map((key) => [key, v[key]!]);
    const key = sortKey(caseSensitive);
    return sorted(pairs, (p) => key((p as Value[])[by === 'key' ? 0 : 1]!), truthy(arg(a, k, 2, 'reverse') ?? false));
  },
  escape: (rt, v) => htmlEscape(text(rt, v)),
  filesizeformat: (_rt, v, a, k) => filesize(v, truthy(arg(a, k, 0, 'binary') ?? false)),
  first: (rt, v) => {
    const items = iterate(v);
    return items.length > 0 ? items[0]! : new Undefined(`${rt.repr(v)} has no first item`);
  },
  float: (_rt, v, a, k) => toNumber(v, arg(a, k, 0, 'default') ?? new PyFloat(0), false),
  forceescape: (rt, v) => htmlEscape(text(rt, v)),
  format: (rt, v, a, k) => {
    if (a.length > 0 && k.size > 0) throw new TemplateError("can't handle positional and keyword arguments at the same time");
    const values: Value = k.size > 0 ? Object.fromEntries(k) : a;
    return printf(rt, text(rt, v), values);
  },
  groupby: (rt, v, a, k) => {
    const getter = attrGetter(rt, arg(a, k, 0, 'attribute'), arg(a, k, 1, 'default'));
    const key = sortKey(truthy(arg(a, k, 2, 'case_sensitive') ?? false));
    const items = sorted(list(rt, v), (x) => key(getter(x)), false);
    const groups: Value[] = [];
    let current: { key: Value; grouper: Value; items: Value[] } | undefined;
    for (const item of items) {
      const value = getter(item);
      if (current && pyEquals(key(value), current.key)) current.items.push(item);
      else {
        if (current) groups.push(groupTuple(current.grouper, current.items));
        current = { key: key(value), grouper: value, items: [item] };
      }
    }
    if (current) groups.push(groupTuple(current.grouper, current.items));
    return groups;
  },
  indent: (rt, v, a, k) => {
    const out = indent(text(rt, v), arg(a, k, 0, 'width') ?? 4, truthy(arg(a, k, 1, 'first') ?? false), truthy(arg(a, k, 2, 'blank') ?? false));
    rt.budget.string(out.length);
    return out;
  },
  int: (_rt, v, a, k) => toNumber(v, arg(a, k, 0, 'default') ?? 0, true, toInt(arg(a, k, 1, 'base') ?? 10, 'base')),
  items: (rt, v) => {
    if (v instanceof Undefined) return [];
    if (!isDict(v)) throw new TemplateError(`Can only get item pairs from a mapping, not ${typeName(v)}`);
    rt.budget.items(Object.keys(v).length);
    return Object.keys(v).map((key) => [key, v[key]!]);
  },
  join: (rt, v, a, k) => {
    const separator = text(rt, arg(a, k, 0, 'd') ?? '');
    const getter = attrGetter(rt, arg(a, k, 1, 'attribute'));
    const parts = list(rt, v).map((item) => text(rt, getter(item)));
    const total = parts.reduce((n, p) => n + p.length + separator.length, 0);
    rt.budget.string(total);
    return parts.join(separator);
  },
  last: (rt, v) => {
    const items = iterate(v);
    return items.length > 0 ? items[items.length - 1]! : new Undefined(`${rt.repr(v)} has no last item`);
  },
  length: (_rt, v) => pyLength(v),
  list: (rt, v) => {
    const items = list(rt, v);
    rt.budget.items(items.length);
    return [...items];
  },
  lower: (rt, v) => text(rt, v).toLowerCase(),
  map: (rt, v, a, k) => {
    const items = list(rt, v);
    const attribute = k.get('attribute');
    if (attribute !== undefined) {
      const getter = attrGetter(rt, attribute, k.get('default'));
      return items.map(getter);
    }
    if (a.length === 0) throw new TemplateError('map requires a filter name or attribute=');
    const name = String(a[0]);
    return items.map((item) => rt.applyFilter(name, item, a.slice(1), k));
  },
  max: (rt, v, a, k) => minMax(rt, v, a, k, 1),
  min: (rt, v, a, k) => minMax(rt, v, a, k, -1),
  pprint: (rt, v) => rt.repr(v),
  reject: (rt, v, a) => selector(rt, v, a, false, false),
  rejectattr: (rt, v, a) => selector(rt, v, a, true, false),
  replace: (rt, v, a, k) => {
    const s = text(rt, v);
    const old = text(rt, arg(a, k, 0, 'old') ?? '');
    const replacement = text(rt, arg(a, k, 1, 'new') ?? '');
    const count = arg(a, k, 2, 'count');
    const parts = old === '' ? ['', ...chars(s), ''] : s.split(old);
    const limit = count === undefined || count === null ? parts.length : toInt(count, 'count') + 1;
    const out = parts.slice(0, limit).join(replacement) + (limit < parts.length ? old + parts.slice(limit).join(old) : '');
    rt.budget.string(out.length);
    return out;
  },
  reverse: (rt, v) => (typeof v === 'string' ? chars(v).reverse().join('') : [...list(rt, v)].reverse()),
  // round(value, precision) keeps an int an int; ceil and floor divide, so give floats (Jinja's do_round).
  round: (_rt, v, a, k) => {
    const precision = toInt(arg(a, k, 0, 'precision') ?? 0, 'precision');
    const method = arg(a, k, 1, 'method') ?? 'common';
    if (method !== 'common' && method !== 'ceil' && method !== 'floor') throw new TemplateError('method must be common, ceil or floor');
    if (!isNumber(v)) throw new TemplateError(`type ${typeName(v)} doesn't define __round__ method`);
    const n = Number(v);
    const factor = 10 ** precision;
    if (method === 'common') {
      if (!(v instanceof PyFloat)) return precision >= 0 ? n : pyRound(n, precision);
      return new PyFloat(pyRound(n, precision));
    }
    return new PyFloat((method === 'ceil' ? Math.ceil(n * factor) : Math.floor(n * factor)) / factor);
  },
  safe: (rt, v) => text(rt, v),
  select: (rt, v, a) => selector(rt, v, a, false, true),
  selectattr: (rt, v, a) => selector(rt, v, a, true, true),
  slice: (rt, v, a, k) => {
    const slices = toInt(arg(a, k, 0, 'slices') ?? null, 'slices');
    if (slices <= 0) throw new TemplateError('slices must be positive');
    const fill = arg(a, k, 1, 'fill_with');
    const items = list(rt, v);
    const per = Math.floor(items.length / slices);
    const extra = items.length % slices;
    const out: Value[][] = [];
    let offset = 0;
    for (let i = 0; i < slices; i++) {
      const size = per + (i < extra ? 1 : 0);
      const part = items.slice(offset, offset + size);
      offset += size;
      if (fill !== undefined && fill !== null && i >= extra && extra > 0) part.push(fill);
      out.push(part);
    }
    return out;
  },
  sort: (rt, v, a, k) => {
    const reverse = truthy(arg(a, k, 0, 'reverse') ?? false);
    const key = sortKey(truthy(arg(a, k, 1, 'case_sensitive') ?? false));
    const attribute = arg(a, k, 2, 'attribute');
    const getters = (attribute === undefined || attribute === null ? [undefined] : String(attribute).split(',').map((s) => s.trim())).map((attr) => attrGetter(rt, attr));
    return sorted(list(rt, v), (item) => getters.map((g) => key(g(item))), reverse);
  },
  string: (rt, v) => text(rt, v),
  striptags: (rt, v) =>
    text(rt, v)
      .replace(/<!--.*?-->|<[^>]*>/gs, '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/&(amp|lt|gt|quot|#39|#34);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#34': '"' })[e]!),
  sum: (rt, v, a, k) => {
    const getter = attrGetter(rt, arg(a, k, 0, 'attribute'));
    let total: Value = arg(a, k, 1, 'start') ?? 0;
    for (const item of list(rt, v)) {
      const value = getter(item);
      if (!isNumber(value) || !isNumber(total)) throw new TemplateError(`unsupported operand type(s) for +: '${typeName(total)}' and '${typeName(value)}'`);
      const floatSum: boolean = total instanceof PyFloat || value instanceof PyFloat;
      total = floatSum ? new PyFloat(Number(total) + Number(value)) : Number(total) + Number(value);
    }
    return total;
  },
  title: (rt, v) =>
    text(rt, v)
      .split(/([-\s({[<]+)/)
      .map((part) => (part ? part.charAt(0).toUpperCase() + part.slice(1).toLowerCase() : part))
      .join(''),
  tojson: (rt, v, a, k) => {
    const indentValue = arg(a, k, 0, 'indent');
    return toJson(rt, v, indentValue === undefined || indentValue === null ? undefined : toInt(indentValue, 'indent'));
  },
  trim: (rt, v, a, k) => {
    const s = text(rt, v);
    const set = arg(a, k, 0, 'chars');
    if (set === undefined || set === null) return s.trim();
    const cs = text(rt, set);
    const list_ = chars(s);
    let start = 0;
    let end = list_.length;
    while (start < end && cs.includes(list_[start]!)) start++;
    while (end > start && cs.includes(list_[end - 1]!)) end--;
    return list_.slice(start, end).join('');
  },
  truncate: (rt, v, a, k) =>
    truncate(
      text(rt, v),
      toInt(arg(a, k, 0, 'length') ?? 255, 'length'),
      truthy(arg(a, k, 1, 'killwords') ?? false),
      text(rt, arg(a, k, 2, 'end') ?? '...'),
      toInt(arg(a, k, 3, 'leeway') ?? 5, 'leeway'),
    ),
  unique: (rt, v, a, k) => {
    const key = sortKey(truthy(arg(a, k, 0, 'case_sensitive') ?? false));
    const getter = attrGetter(rt, arg(a, k, 1, 'attribute'));
    const seen: Value[] = [];
    const out: Value[] = [];
    for (const item of list(rt, v)) {
      const id = key(getter(item));
      rt.budget.tick(1 + (seen.length >> 6));
      if (!seen.some((s) => pyEquals(s, id))) {
        seen.push(id);
        out.push(item);
      }
    }
    return out;
  },
  upper: (rt, v) => text(rt, v).toUpperCase(),
  urlencode: (rt, v) => urlEncode(rt, v),
  wordcount: (rt, v) => (text(rt, v).match(/[\p{L}\p{N}_]+/gu) ?? []).length,
  wordwrap: (rt, v, a, k) => {
    const out = wordwrap(
      text(rt, v),
      toInt(arg(a, k, 0, 'width') ?? 79, 'width'),
      truthy(arg(a, k, 1, 'break_long_words') ?? true),
      text(rt, arg(a, k, 2, 'wrapstring') ?? '\n'),
    );
    rt.budget.string(out.length);
    return out;
  },
  xmlattr: (rt, v, a) => {
    if (!isDict(v)) throw new TemplateError('xmlattr needs a dict');
    const items = Object.keys(v)
      .filter((key) => v[key] !== null && !(v[key] instanceof Undefined))
      .map((key) => {
        if (/[\s/>=]/.test(key)) throw new TemplateError(`Invalid character in attribute name: ${rt.repr(key)}`);
        return `${htmlEscape(key)}="${htmlEscape(text(rt, v[key]!))}"`;
      })
      .join(' ');
    return items && truthy(a[0] ?? true) ? ' ' + items : items;
  },
};

const ALIASES: Record<string, string> = { d: 'default', e: 'escape', count: 'length' };

export function buildFilters(): Map<string, FilterFn> {
  const map = new Map<string, FilterFn>(Object.entries(FILTERS));
  for (const [alias, name] of Object.entries(ALIASES)) map.set(alias, FILTERS[name]!);
  return map;
}

