/**
 * The Python methods a template may call on strings, lists and dicts. Only
 * these names resolve; everything else on a value is undefined. Lists and
 * dicts may be changed (`append`, `update`), as Jinja's SandboxedEnvironment
 * allows, within the item budget.
 */
import { TemplateError } from './errors.js';
import { strFormat } from './format.js';
import { arg, type Runtime } from './runtime.js';
import {
  Callable,
  chars,
  dictKey,
  getOwn,
  isDict,
  iterate,
  newDict,
  pyCompare,
  pyEquals,
  setOwn,
  toInt,
  truthy,
  typeName,
  type Dict,
  type Kwargs,
  type Value,
} from './values.js';

// Python's line boundaries, including the file/group/record separators 0x1c-0x1e.
const LINE_BREAKS = new RegExp(`\\r\\n|[\\n\\r\\v\\f${String.fromCharCode(0x1c)}-${String.fromCharCode(0x1e)}\\x85\\u2028\\u2029]`, 'g');

type Method<T> = (rt: Runtime, self: T, args: Value[], kwargs: Kwargs) => Value;

function str(value: Value | undefined, what: string): string {
  if (typeof value !== 'string') throw new TemplateError(`${what} must be str, not ${value === undefined ? 'nothing' : typeName(value)}`);
  return value;
}

function optionalStr(value: Value | undefined, what: string): string | undefined {
  return value === undefined || value === null ? undefined : str(value, what);
}

function stripChars(text: string, set: string | undefined, start: boolean, end: boolean): string {
  if (set === undefined) return start && end ? text.trim() : start ? text.trimStart() : text.trimEnd();
  const list = chars(text);
  let a = 0;
  let b = list.length;
  while (start && a < b && set.includes(list[a]!)) a++;
  while (end && b > a && set.includes(list[b - 1]!)) b--;
  return list.slice(a, b).join('');
}

/** Python's str.split / rsplit, maxsplit keeping the remainder. */
export function pySplit(text: string, sep: string | undefined, maxsplit: number, fromRight: boolean): string[] {
  if (sep === '') throw new TemplateError('empty separator');
  if (sep === undefined) {
    const words = [...text.matchAll(/\S+/g)];
    if (maxsplit < 0 || words.length <= maxsplit + 1) return words.map((w) => w[0]);
    if (fromRight) {
      const cut = words[words.length - maxsplit - 1]!;
      return [text.slice(0, cut.index + cut[0].length), ...words.slice(words.length - maxsplit).map((w) => w[0])];
    }
    return [...words.slice(0, maxsplit).map((w) => w[0]), text.slice(words[maxsplit]!.index)];
  }
  const parts = text.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return fromRight
    ? [parts.slice(0, parts.length - maxsplit).join(sep), ...parts.slice(parts.length - maxsplit)]
    : [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

export function pyTitle(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

export function pyCapitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

export function pyCenter(text: string, width: number, fill = ' '): string {
  const missing = width - chars(text).length;
  if (missing <= 0) return text;
  // CPython puts the extra space on the right when the text length is even... and width odd.
  const left = Math.floor(missing / 2) + (missing & width & 1);
  return fill.repeat(left) + text + fill.repeat(missing - left);
}

function sliceBounds(length: number, start: Value | undefined, end: Value | undefined): [number, number] {
  const norm = (v: Value | undefined, dflt: number) => {
    if (v === undefined || v === null) return dflt;
    const n = toInt(v, 'slice index');
    return n < 0 ? Math.max(0, length + n) : Math.min(n, length);
  };
  return [norm(start, 0), norm(end, length)];
}

const STRING_METHODS: Record<string, Method<string>> = {
  upper: (_rt, s) => s.toUpperCase(),
  lower: (_rt, s) => s.toLowerCase(),
  casefold: (_rt, s) => s.toLowerCase(),
  title: (_rt, s) => pyTitle(s),
  capitalize: (_rt, s) => pyCapitalize(s),
  swapcase: (_rt, s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (_rt, s, a) => stripChars(s, optionalStr(a[0], 'strip arg'), true, true),
  lstrip: (_rt, s, a) => stripChars(s, optionalStr(a[0], 'lstrip arg'), true, false),
  rstrip: (_rt, s, a) => stripChars(s, optionalStr(a[0], 'rstrip arg'), false, true),
  split: (_rt, s, a, k) => pySplit(s, optionalStr(arg(a, k, 0, 'sep'), 'sep'), toInt(arg(a, k, 1, 'maxsplit') ?? -1, 'maxsplit'), false),
  rsplit: (_rt, s, a, k) => pySplit(s, optionalStr(arg(a, k, 0, 'sep'), 'sep'), toInt(arg(a, k, 1, 'maxsplit') ?? -1, 'maxsplit'), true),
  splitlines: (_rt, s, a, k) => {
    const keep = truthy(arg(a, k, 0, 'keepends') ?? false);
    const lines: string[] = [];
    let last = 0;
    for (const m of s.matchAll(LINE_BREAKS)) {
      lines.push(s.slice(last, keep ? m.index + m[0].length : m.index));
      last = m.index + m[0].length;
    }
    if (last < s.length) lines.push(s.slice(last));
    return lines;
  },
  replace: (rt, s, a) => {
    const old = str(a[0], 'replace() argument 1');
    const replacement = str(a[1], 'replace() argument 2');
    const count = a[2] === undefined ? -1 : toInt(a[2], 'count');
    const parts = s.split(old);
    const result = count < 0 || parts.length - 1 <= count ? parts.join(replacement) : parts.slice(0, count + 1).join(replacement) + old + parts.slice(count + 1).join(old);
    rt.budget.string(result.length);
    return result;
  },
  startswith: (_rt, s, a) => {
    const prefixes = Array.isArray(a[0]) ? a[0] : [a[0]];
    const [start, end] = sliceBounds(s.length, a[1], a[2]);
    return prefixes.some((p) => s.slice(start, end).startsWith(str(p, 'startswith arg')));
  },
  endswith: (_rt, s, a) => {
    const suffixes = Array.isArray(a[0]) ? a[0] : [a[0]];
    const [start, end] = sliceBounds(s.length, a[1], a[2]);
    return suffixes.some((p) => s.slice(start, end).endsWith(str(p, 'endswith arg')));
  },
  find: (_rt, s, a) => {
    const [start, end] = sliceBounds(s.length, a[1], a[2]);
    const at = s.slice(0, end).indexOf(str(a[0], 'find arg'), start);
    return at;
  },
  rfind: (_rt, s, a) => {
    const [start, end] = sliceBounds(s.length, a[1], a[2]);
    const at = s.slice(start, end).lastIndexOf(str(a[0], 'rfind arg'));
    return at === -1 ? -1 : at + start;
  },
  count: (_rt, s, a) => {
    const needle = str(a[0], 'count arg');
    return needle === '' ? chars(s).length + 1 : s.split(needle).length - 1;
  },
  join: (rt, s, a) => {
    const items = iterate(a[0] ?? null).map((item) => str(item, 'sequence item'));
    const result = items.join(s);
    rt.budget.string(result.length);
    return result;
  },
  format: (rt, s, a, k) => strFormat(rt, s, a, k),
  center: (rt, s, a) => {
    const width = toInt(a[0] ?? null, 'width');
    rt.budget.string(width);
    return pyCenter(s, width, optionalStr(a[1], 'fillchar') ?? ' ');
  },
  ljust: (rt, s, a) => {
    const width = toInt(a[0] ?? null, 'width');
    rt.budget.string(width);
    return s + (optionalStr(a[1], 'fillchar') ?? ' ').repeat(Math.max(0, width - chars(s).length));
  },
  rjust: (rt, s, a) => {
    const width = toInt(a[0] ?? null, 'width');
    rt.budget.string(width);
    return (optionalStr(a[1], 'fillchar') ?? ' ').repeat(Math.max(0, width - chars(s).length)) + s;
  },
  zfill: (rt, s, a) => {
    const width = toInt(a[0] ?? null, 'width');
    rt.budget.string(width);
    const sign = /^[+-]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  },
  isdigit: (_rt, s) => /^\d+$/u.test(s),
  isnumeric: (_rt, s) => /^\p{N}+$/u.test(s),
  isdecimal: (_rt, s) => /^\d+$/u.test(s),
  isalpha: (_rt, s) => /^\p{L}+$/u.test(s),
  isalnum: (_rt, s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (_rt, s) => /^\s+$/.test(s),
  islower: (_rt, s) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  isupper: (_rt, s) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
};

const LIST_METHODS: Record<string, Method<Value[]>> = {
  append: (rt, list, a) => {
    rt.budget.items(list.length + 1);
    list.push(a[0] ?? null);
    return null;
  },
  extend: (rt, list, a) => {
    const items = iterate(a[0] ?? null);
    rt.budget.items(list.length + items.length);
    list.push(...items);
    return null;
  },
  insert: (rt, list, a) => {
    rt.budget.items(list.length + 1);
    const at = toInt(a[0] ?? null, 'index');
    list.splice(at < 0 ? Math.max(0, list.length + at) : at, 0, a[1] ?? null);
    return null;
  },
  pop: (_rt, list, a) => {
    if (list.length === 0) throw new TemplateError('pop from empty list');
    const at = a[0] === undefined ? list.length - 1 : toInt(a[0], 'index');
    const index = at < 0 ? list.length + at : at;
    if (index < 0 || index >= list.length) throw new TemplateError('pop index out of range');
    return list.splice(index, 1)[0]!;
  },
  remove: (_rt, list, a) => {
    const index = list.findIndex((x) => pyEquals(x, a[0] ?? null));
    if (index === -1) throw new TemplateError('list.remove(x): x not in list');
    list.splice(index, 1);
    return null;
  },
  index: (rt, list, a) => {
    const index = list.findIndex((x) => pyEquals(x, a[0] ?? null));
    if (index === -1) throw new TemplateError(`${rt.repr(a[0] ?? null)} is not in list`);
    return index;
  },
  count: (_rt, list, a) => list.filter((x) => pyEquals(x, a[0] ?? null)).length,
  copy: (rt, list) => {
    rt.budget.items(list.length);
    return [...list];
  },
  reverse: (_rt, list) => {
    list.reverse();
    return null;
  },
  sort: (_rt, list, _a, k) => {
    list.sort(pyCompare);
    if (k.get('reverse')) list.reverse();
    return null;
  },
};

const DICT_METHODS: Record<string, Method<Dict>> = {
  get: (_rt, d, a) => getOwn(d, dictKey(a[0] ?? null)) ?? a[1] ?? null,
  keys: (rt, d) => {
    const keys = Object.keys(d);
    rt.budget.items(keys.length);
    return keys;
  },
  values: (rt, d) => {
    const keys = Object.keys(d);
    rt.budget.items(keys.length);
    return keys.map((key) => d[key]!);
  },
  items: (rt, d) => {
    const keys = Object.keys(d);
    rt.budget.items(keys.length * 2);
    return keys.map((key) => [key, d[key]!]);
  },
  update: (rt, d, a, k) => {
    const source = a[0];
    if (source !== undefined && !isDict(source)) throw new TemplateError('dict.update needs a dict');
    const entries: Array<[string, Value]> = [...(source ? Object.keys(source).map((key): [string, Value] => [key, source[key]!]) : []), ...k];
    rt.budget.items(Object.keys(d).length + entries.length);
    for (const [key, value] of entries) setOwn(d, key, value);
    return null;
  },
  pop: (_rt, d, a) => {
    const key = dictKey(a[0] ?? null);
    const value = getOwn(d, key);
    if (value === undefined) {
      if (a[1] !== undefined) return a[1];
      throw new TemplateError(`KeyError: '${key}'`);
    }
    delete d[key];
    return value;
  },
  setdefault: (rt, d, a) => {
    const key = dictKey(a[0] ?? null);
    const value = getOwn(d, key);
    if (value !== undefined) return value;
    rt.budget.items(Object.keys(d).length + 1);
    setOwn(d, key, a[1] ?? null);
    return a[1] ?? null;
  },
  copy: (rt, d) => {
    const keys = Object.keys(d);
    rt.budget.items(keys.length);
    const copy = newDict();
    for (const key of keys) setOwn(copy, key, d[key]!);
    return copy;
  },
};

function bind<T>(rt: Runtime, self: T, name: string, method: Method<T> | undefined): Callable | undefined {
  if (!method) return undefined;
  return new Callable(name, (args, kwargs) => method(rt, self, args, kwargs));
}

function own<T>(table: Record<string, Method<T>>, name: string): Method<T> | undefined {
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** The bound method `value.name`, or undefined when there is none. */
export function methodOf(rt: Runtime, value: Value, name: string): Callable | undefined {
  if (typeof value === 'string') return bind(rt, value, name, own(STRING_METHODS, name));
  if (Array.isArray(value)) return bind(rt, value, name, own(LIST_METHODS, name));
  if (isDict(value)) return bind(rt, value, name, own(DICT_METHODS, name));
  return undefined;
}
