/**
 * Python's text formatting as templates use it: `"%s" % x` (and the `format`
 * filter), `"{}".format(x)`, `json.dumps` (the `tojson` filter, with Jinja's
 * HTML-safe escaping), markupsafe's escape and urllib's quote.
 */
import { TemplateError } from './errors.js';
import type { Runtime } from './runtime.js';
import { chars, formatNumber, getOwn, isDict, isNumber, PyFloat, Special, typeName, Undefined, type Kwargs, type Value } from './values.js';

// --- numbers ------------------------------------------------------------------

function pyExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

function formatFloat(value: number, type: string, precision: number | undefined, alternate: boolean): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const lower = type.toLowerCase();
  let text: string;
  if (lower === 'f') text = value.toFixed(Math.min(precision ?? 6, 100));
  else if (lower === 'e') text = pyExponent(value.toExponential(Math.min(precision ?? 6, 100)));
  else {
    // %g: scientific when the exponent is < -4 or >= precision; trailing zeros dropped.
    const p = precision === 0 ? 1 : Math.min(precision ?? 6, 100);
    const rounded = Number(value.toExponential(p - 1));
    const exp = rounded === 0 ? 0 : Math.floor(Math.log10(Math.abs(rounded)));
    if (exp < -4 || exp >= p) {
      text = pyExponent(value.toExponential(p - 1));
      if (!alternate) text = text.replace(/\.?0+e/, 'e');
    } else {
      text = value.toFixed(Math.max(0, p - 1 - exp));
      if (!alternate && text.includes('.')) text = text.replace(/\.?0+$/, '');
    }
  }
  return type === lower ? text : text.toUpperCase();
}

function asNumber(value: Value, spec: string): number {
  if (isNumber(value)) return Number(value);
  throw new TemplateError(`%${spec} format: a real number is required, not ${typeName(value)}`);
}

function pad(text: string, width: number, left: boolean, zero: boolean): string {
  if (text.length >= width) return text;
  if (left) return text.padEnd(width);
  if (zero) {
    const sign = /^[+\- ]/.test(text) ? text[0]! : '';
    const prefix = /^[+\- ]?0[xXob]/.test(text) ? text.slice(0, sign.length + 2) : sign;
    return prefix + text.slice(prefix.length).padStart(width - prefix.length, '0');
  }
  return text.padStart(width);
}

function signed(text: string, negative: boolean, plus: boolean, space: boolean): string {
  return (negative ? '-' : plus ? '+' : space ? ' ' : '') + text;
}

// --- printf ---------------------------------------------------------------------

const PRINTF = /%(?:\(([^)]*)\))?([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g;

/** `template % values`: a list is the tuple of arguments, a dict the named ones. */
export function printf(rt: Runtime, template: string, values: Value): string {
  const specs = [...template.matchAll(PRINTF)].filter((m) => m[5] !== '%');
  const named = specs.some((m) => m[1] !== undefined);
  let positional: Value[];
  if (named) positional = [];
  else if (Array.isArray(values) && (values.length === specs.length || specs.length !== 1)) positional = values;
  else positional = [values];
  let index = 0;
  const next = (): Value => {
    if (index >= positional.length) throw new TemplateError('not enough arguments for format string');
    return positional[index++]!;
  };
  const out = template.replace(PRINTF, (_all, name: string | undefined, flags: string, widthText: string | undefined, precisionText: string | undefined, type: string) => {
    if (type === '%') return '%';
    const width = widthText === '*' ? asNumber(next(), '*') : widthText ? Number(widthText) : 0;
    const precision = precisionText === '*' ? asNumber(next(), '*') : precisionText !== undefined ? Number(precisionText) : undefined;
    let value: Value;
    if (name !== undefined) {
      if (!isDict(values)) throw new TemplateError('format requires a mapping');
      const found = getOwn(values, name);
      if (found === undefined) throw new TemplateError(`KeyError: '${name}'`);
      value = found;
    } else value = next();
    const left = flags.includes('-');
    const zero = flags.includes('0') && !left;
    const plus = flags.includes('+');
    const space = flags.includes(' ');
    const alternate = flags.includes('#');
    let text: string;
    switch (type) {
      case 's':
        text = rt.str(value);
        if (precision !== undefined) text = chars(text).slice(0, precision).join('');
        return pad(text, width, left, false);
      case 'r':
      case 'a':
        text = rt.repr(value);
        if (precision !== undefined) text = chars(text).slice(0, precision).join('');
        return pad(text, width, left, false);
      case 'c': {
        const c = typeof value === 'string' ? value : String.fromCodePoint(asNumber(value, 'c'));
        return pad(c, width, left, false);
      }
      case 'd':
      case 'i':
      case 'u': {
        const n = Math.trunc(asNumber(value, type));
        return pad(signed(String(Math.abs(n)), n < 0, plus, space), width, left, zero);
      }
      case 'o':
      case 'x':
      case 'X': {
        const n = Math.trunc(asNumber(value, type));
        let digits = Math.abs(n).toString(type === 'o' ? 8 : 16);
        if (type === 'X') digits = digits.toUpperCase();
        if (alternate) digits = (type === 'o' ? '0o' : type === 'x' ? '0x' : '0X') + digits;
        return pad(signed(digits, n < 0, plus, space), width, left, zero);
      }
      default: {
        const n = asNumber(value, type);
        return pad(signed(formatFloat(Math.abs(n), type, precision, alternate), n < 0 || Object.is(n, -0), plus, space), width, left, zero);
      }
    }
  });
  if (!named && index < positional.length && !isDict(values)) throw new TemplateError('not all arguments converted during string formatting');
  rt.budget.string(out.length);
  return out;
}

// --- str.format -------------------------------------------------------------------

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

function formatSpec(rt: Runtime, value: Value, spec: string): string {
  const m = SPEC.exec(spec);
  if (!m) throw new TemplateError(`Invalid format specifier '${spec}'`);
  const [, fillChar, align, sign = '-', alternate, zero, widthText, grouping, precisionText, type] = m;
  const width = widthText ? Number(widthText) : 0;
  const precision = precisionText !== undefined ? Number(precisionText) : undefined;
  let text: string;
  let numeric = false;
  if (type === undefined && !isNumber(value)) {
    text = rt.str(value);
    if (precision !== undefined) text = chars(text).slice(0, precision).join('');
  } else if (type === 's') {
    if (typeof value !== 'string') throw new TemplateError(`Unknown format code 's' for object of type '${typeName(value)}'`);
    text = precision !== undefined ? chars(value).slice(0, precision).join('') : value;
  } else {
    numeric = true;
    const n = asNumber(value, type ?? 'd');
    const negative = n < 0;
    const magnitude = Math.abs(n);
    let body: string;
    if (type === 'd' || type === 'n' || (type === undefined && typeof value === 'number' && precision === undefined)) {
      if (value instanceof PyFloat && type === 'd') throw new TemplateError(`Unknown format code 'd' for object of type 'float'`);
      body = String(magnitude);
    } else if (type === 'b' || type === 'o' || type === 'x' || type === 'X') {
      body = Math.trunc(magnitude).toString(type === 'b' ? 2 : type === 'o' ? 8 : 16);
      if (type === 'X') body = body.toUpperCase();
      if (alternate) body = `0${type}` + body;
    } else if (type === 'c') {
      body = String.fromCodePoint(magnitude);
    } else if (type === '%') {
      body = formatFloat(magnitude * 100, 'f', precision, false) + '%';
    } else if (type === undefined) {
      body = typeof value === 'boolean' ? (value ? 'True' : 'False') : precision !== undefined ? formatFloat(magnitude, 'g', precision, false) : formatNumber(new PyFloat(magnitude));
    } else body = formatFloat(magnitude, type, precision, Boolean(alternate));
    if (grouping) {
      const [intPart = '', rest] = body.split(/(?=[.eE%])/, 2) as [string, string | undefined];
      body = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (rest !== undefined ? body.slice(intPart.length) : '');
    }
    text = (negative ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '') + body;
  }
  const alignment = align ?? (zero && numeric ? '=' : numeric ? '>' : '<');
  const fill = fillChar ?? (zero && !align ? '0' : ' ');
  const missing = width - chars(text).length;
  if (missing <= 0) return text;
  if (alignment === '<') return text + fill.repeat(missing);
  if (alignment === '>') return fill.repeat(missing) + text;
  if (alignment === '^') return fill.repeat(Math.floor(missing / 2)) + text + fill.repeat(Math.ceil(missing / 2));
  const signLength = /^[-+ ]/.test(text) ? 1 : 0;
  return text.slice(0, signLength) + fill.repeat(missing) + text.slice(signLength);
}

/** `"{0} {name!r:>10}".format(...)`. */
export function strFormat(rt: Runtime, template: string, args: Value[], kwargs: Kwargs): string {
  let auto = 0;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === '}') {
      if (template[i + 1] !== '}') throw new TemplateError("Single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (template[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const end = template.indexOf('}', i);
    if (end === -1) throw new TemplateError("Single '{' encountered in format string");
    const field = template.slice(i + 1, end);
    i = end + 1;
    const m = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!m) throw new TemplateError(`invalid format field '{${field}}'`);
    const [, head = '', path = '', conversion, spec = ''] = m;
    let value: Value;
    if (head === '') {
      if (auto >= args.length) throw new TemplateError(`Replacement index ${auto} out of range for positional args tuple`);
      value = args[auto++]!;
    } else if (/^\d+$/.test(head)) {
      const n = Number(head);
      if (n >= args.length) throw new TemplateError(`Replacement index ${n} out of range for positional args tuple`);
      value = args[n]!;
    } else {
      const found = kwargs.get(head);
      if (found === undefined) throw new TemplateError(`KeyError: '${head}'`);
      value = found;
    }
    for (const part of path.matchAll(/\.([^.[]+)|\[([^\]]*)\]/g)) {
      value = part[1] !== undefined ? rt.getAttr(value, part[1]) : rt.getItem(value, /^\d+$/.test(part[2]!) ? Number(part[2]) : part[2]!);
      if (value instanceof Undefined) value.fail();
    }
    if (conversion === 'r' || conversion === 'a') value = rt.repr(value);
    else if (conversion === 's') value = rt.str(value);
    out += formatSpec(rt, value, spec);
    rt.budget.string(out.length);
  }
  return out;
}

// --- json, html, urls ---------------------------------------------------------------

function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const c = text[i]!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\b') out += '\\b';
    else if (c === '\f') out += '\\f';
    // ensure_ascii, and Jinja's htmlsafe_json_dumps for < > & '
    else if (code < 0x20 || code > 0x7e || c === '<' || c === '>' || c === '&' || c === "'") out += '\\u' + code.toString(16).padStart(4, '0');
    else out += c;
  }
  return out + '"';
}

/** `json.dumps(value, sort_keys=True, indent=indent)` made HTML-safe, as Jinja's `tojson`. */
export function toJson(rt: Runtime, value: Value, indent?: number): string {
  const newline = (depth: number) => (indent === undefined ? '' : '\n' + ' '.repeat(indent * depth));
  const itemSeparator = indent === undefined ? ', ' : ',';
  const write = (v: Value, depth: number): string => {
    rt.budget.tick();
    if (depth > 200) throw new TemplateError('a value is nested too deeply for tojson');
    if (v === null) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number' || v instanceof PyFloat) {
      const n = Number(v);
      return Number.isNaN(n) ? 'NaN' : !Number.isFinite(n) ? (n > 0 ? 'Infinity' : '-Infinity') : formatNumber(v);
    }
    if (typeof v === 'string') return jsonString(v);
    if (v instanceof Special) throw new TemplateError(`Object of type ${v.typeName} is not JSON serializable`);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return '[' + v.map((x) => newline(depth + 1) + write(x, depth + 1)).join(itemSeparator) + newline(depth) + ']';
    }
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return '{}';
    return '{' + keys.map((k) => `${newline(depth + 1)}${jsonString(k)}: ${write(v[k]!, depth + 1)}`).join(itemSeparator) + newline(depth) + '}';
  };
  const out = write(value, 0);
  rt.budget.string(out.length);
  return out;
}

/** markupsafe.escape. */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>'"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&#34;' })[c]!);
}

/** urllib.parse.quote: letters, digits and `_.-~` stay, plus `safe`. */
export function urlQuote(text: string, safe: string): string {
  return encodeURIComponent(text).replace(/[!'()*]|%2F/g, (c) => {
    if (c === '%2F') return safe.includes('/') ? '/' : c;
    return '%' + c.charCodeAt(0).toString(16).toUpperCase();
  });
}

/** Jinja's `urlencode`: a string is quoted, a dict or list of pairs becomes a query string. */
export function urlEncode(rt: Runtime, value: Value): string {
  const qs = (v: Value) => urlQuote(rt.str(v), '').replace(/%20/g, '+');
  if (isDict(value)) return Object.keys(value).map((k) => `${qs(k)}=${qs(value[k]!)}`).join('&');
  if (Array.isArray(value)) {
    return value
      .map((pair) => {
        if (!Array.isArray(pair) || pair.length !== 2) throw new TemplateError('urlencode needs a dict or a list of pairs');
        return `${qs(pair[0]!)}=${qs(pair[1]!)}`;
      })
      .join('&');
  }
  return urlQuote(rt.str(value), '/');
}
