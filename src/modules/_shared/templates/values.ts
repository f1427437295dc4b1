/**
 * Values a template works with, and the Python semantics Jinja gives them:
 * truthiness, str() and repr(), equality, ordering, iteration, length.
 *
 * Numbers keep Python's int/float distinction: a JS number is an int, a
 * float is a PyFloat (a literal with a point or an exponent, `/`, arithmetic
 * with a float, a fractional number in the data), so that `{{ 1.0 }}` prints
 * `1.0`, `{{ 2.5 * 2 }}` prints `5.0` and `{{ 1e20 }}` prints `1e+20`.
 *
 * Values are JSON data (null, booleans, numbers, strings, arrays, plain
 * objects) plus a few engine objects (undefined, callables, namespaces, loop
 * contexts). Plain objects are only ever read through their own properties,
 * so nothing in a template can reach a prototype, a constructor or a
 * function of the host.
 */
import { TemplateError, TemplateLimitError } from './errors.js';

/** Base of the engine's own objects (never plain data). */
export abstract class Special {
  abstract readonly typeName: string;
}

/** A Python float; `Number(f)` gives its value. */
export class PyFloat extends Special {
  readonly typeName = 'float';
  constructor(readonly value: number) {
    super();
  }
  override valueOf(): number {
    return this.value;
  }
}

export type Dict = { [key: string]: Value };
export type Value = null | boolean | number | string | Value[] | Dict | Special;
export type Kwargs = Map<string, Value>;

/** Jinja's default Undefined: prints as '', is falsy and iterates as empty; anything more raises. */
export class Undefined extends Special {
  readonly typeName = 'Undefined';
  constructor(readonly hint: string) {
    super();
  }
  fail(): never {
    throw new TemplateError(this.hint);
  }
}

export class Callable extends Special {
  readonly typeName = 'function';
  constructor(
    readonly name: string,
    readonly invoke: (args: Value[], kwargs: Kwargs) => Value,
  ) {
    super();
  }
}

/** `namespace()`: the one object a template may assign attributes to. */
export class Namespace extends Special {
  readonly typeName = 'Namespace';
  readonly vars = new Map<string, Value>();
}

/** An engine object with read-only attributes (loop contexts). */
export class AttrObject extends Special {
  constructor(
    readonly typeName: string,
    readonly attr: (name: string) => Value | undefined,
    /** Recursive loops are callable. */
    readonly invoke?: (args: Value[], kwargs: Kwargs) => Value,
  ) {
    super();
  }
}

/** groupby's items: tuples (grouper, list) that also answer `.grouper` and `.list`. */
export const GROUP_TUPLE = Symbol('group tuple');
export function groupTuple(grouper: Value, list: Value[]): Value[] {
  return Object.assign([grouper, list], { [GROUP_TUPLE]: true });
}

export function isDict(value: Value): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Special);
}

/** int, float or bool (Python's bool is an int). */
export function isNumber(value: Value): value is number | boolean | PyFloat {
  return typeof value === 'number' || typeof value === 'boolean' || value instanceof PyFloat;
}

export function isFloat(value: Value): value is PyFloat {
  return value instanceof PyFloat;
}

/**
 * JSON data as template values: a number with a fraction is a float, as
 * Python's json module reads `1.5`. (`1.0` or `1e20` in JSON data reach us
 * as ints: JSON.parse keeps no trace of the point or the exponent.)
 */
export function fromJson(value: unknown, depth = 0): Value {
  if (depth > 10_000) throw new TemplateLimitError('the data nests too deeply');
  if (typeof value === 'number') return Number.isInteger(value) ? value : new PyFloat(value);
  if (Array.isArray(value)) return value.map((item) => fromJson(item, depth + 1));
  if (typeof value === 'object' && value !== null && !(value instanceof Special)) {
    const dict = newDict();
    for (const key of Object.keys(value)) setOwn(dict, key, fromJson((value as Record<string, unknown>)[key], depth + 1));
    return dict;
  }
  return value as Value;
}

export function newDict(): Dict {
  return Object.create(null) as Dict;
}

/** An own data property, or undefined: never the prototype chain. */
export function getOwn(dict: Dict, key: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(dict, key) ? dict[key] : undefined;
}

/** Sets a key as an own data property (a key named `__proto__` stays data). */
export function setOwn(dict: Dict, key: string, value: Value): void {
  Object.defineProperty(dict, key, { value, writable: true, enumerable: true, configurable: true });
}

export function typeName(value: Value): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'int';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Special) return value.typeName;
  return 'dict';
}

export function truthy(value: Value): boolean {
  if (value === null || value instanceof Undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value instanceof PyFloat) return value.value !== 0; // nan is true, as in Python
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Special) return true;
  return Object.keys(value).length > 0;
}

/** The key a value has in a dict (JSON keys are strings). */
export function dictKey(value: Value): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || value instanceof PyFloat) return pyStr(value, Infinity);
  throw new TemplateError(`unhashable type: '${typeName(value)}'`);
}

/** Python's str() of an int or a float. */
export function formatNumber(value: number | PyFloat): string {
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (!Number.isFinite(value)) return floatRepr(value);
  // Python prints every digit of an int.
  return Number.isInteger(value) ? (Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString()) : floatRepr(value);
}

/**
 * Python's repr() of a float: the shortest digits that read back the same
 * (what JS prints too), written positionally when the decimal exponent is
 * from -4 to 15 (with `.0` for a whole number), in scientific notation
 * otherwise with a signed exponent of at least two digits: 1e+20, 1.5e-07.
 */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${head}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

export function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Builds Python's str()/repr() of nested values, refusing past `maxLength` characters. */
class ReprWriter {
  private parts: string[] = [];
  private length = 0;
  constructor(private readonly maxLength: number) {}

  push(text: string): void {
    this.length += text.length;
    if (this.length > this.maxLength) throw new TemplateLimitError(`a value converted to text is longer than ${this.maxLength} characters`);
    this.parts.push(text);
  }

  write(value: Value, repr: boolean, depth: number): void {
    if (depth > 200) throw new TemplateLimitError('a value is nested too deeply to print');
    if (value === null) return this.push('None');
    if (typeof value === 'boolean') return this.push(value ? 'True' : 'False');
    if (typeof value === 'number' || value instanceof PyFloat) return this.push(formatNumber(value));
    if (typeof value === 'string') return this.push(repr ? pyStringRepr(value) : value);
    if (value instanceof Undefined) return this.push(repr ? 'Undefined' : '');
    if (Array.isArray(value)) {
      this.push('[');
      value.forEach((item, i) => {
        if (i > 0) this.push(', ');
        this.write(item, true, depth + 1);
      });
      return this.push(']');
    }
    if (value instanceof Namespace) {
      this.push('<Namespace {');
      [...value.vars].forEach(([k, v], i) => {
        this.push(`${i > 0 ? ', ' : ''}${pyStringRepr(k)}: `);
        this.write(v, true, depth + 1);
      });
      return this.push('}>');
    }
    if (value instanceof Callable) return this.push(`<function ${value.name}>`);
    if (value instanceof Special) return this.push(`<${value.typeName}>`);
    this.push('{');
    Object.keys(value).forEach((key, i) => {
      this.push(`${i > 0 ? ', ' : ''}${pyStringRepr(key)}: `);
      this.write(value[key]!, true, depth + 1);
    });
    this.push('}');
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** Python's str(): what `{{ value }}` prints. */
export function pyStr(value: Value, maxLength: number): string {
  if (typeof value === 'string') return value;
  const writer = new ReprWriter(maxLength);
  writer.write(value, false, 0);
  return writer.toString();
}

export function pyRepr(value: Value, maxLength: number): string {
  const writer = new ReprWriter(maxLength);
  writer.write(value, true, 0);
  return writer.toString();
}

/** Python's ==: numbers and booleans compare by value, containers deeply. */
export function pyEquals(a: Value, b: Value, depth = 0): boolean {
  if (depth > 200) throw new TemplateLimitError('values are nested too deeply to compare');
  if (isNumber(a) && isNumber(b)) return Number(a) === Number(b);
  if (a instanceof Undefined || b instanceof Undefined) return a instanceof Undefined && b instanceof Undefined;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]!, depth + 1));
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => getOwn(b, k) !== undefined && pyEquals(a[k]!, b[k]!, depth + 1));
  }
  return a === b;
}

/** Python's ordering (<): numbers, strings, lists; anything else is a TypeError. */
export function pyCompare(a: Value, b: Value): number {
  if (isNumber(a) && isNumber(b)) return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i]!, b[i]!)) return pyCompare(a[i]!, b[i]!);
    }
    return a.length - b.length;
  }
  throw new TemplateError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** Characters as Python counts them (code points). */
export function chars(text: string): string[] {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text.split('');
}

/** What a `for` loop walks: list items, string characters, dict keys; undefined is empty. */
export function iterate(value: Value): Value[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return chars(value);
  if (value instanceof Undefined) return [];
  if (value instanceof Namespace) return [...value.vars.keys()];
  if (isDict(value)) return Object.keys(value);
  throw new TemplateError(`'${typeName(value)}' object is not iterable`);
}

export function pyLength(value: Value): number {
  if (typeof value === 'string') return chars(value).length;
  if (Array.isArray(value)) return value.length;
  if (value instanceof Undefined) return 0;
  if (isDict(value)) return Object.keys(value).length;
  throw new TemplateError(`object of type '${typeName(value)}' has no len()`);
}

/** `x in container`. */
export function pyContains(container: Value, item: Value): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new TemplateError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, item));
  if (container instanceof Undefined) return false;
  if (isDict(container)) return getOwn(container, dictKey(item)) !== undefined;
  throw new TemplateError(`argument of type '${typeName(container)}' is not iterable`);
}

/** A whole number argument (booleans count as 0/1, as in Python). */
export function toInt(value: Value, what: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new TemplateError(`${what} must be an integer, not ${typeName(value)}`);
}
