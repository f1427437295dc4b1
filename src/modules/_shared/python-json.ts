/**
 * Python's `json.dumps(value, indent=...)` with its defaults, byte for byte:
 * `", "` and `": "` separators when compact, `","` before newlines when
 * indented, and `ensure_ascii` (every character outside printable ASCII
 * escaped as lowercase `\uXXXX`, astral characters as surrogate pairs).
 * Used by the exports and by the chat actions' default message.
 */
export type PyJson = string | number | boolean | null | readonly PyJson[] | { readonly [key: string]: PyJson };

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** `json.dumps` of a string (`encode_basestring_ascii`). */
export function pythonJsonString(text: string): string {
  // Code units, not code points: an astral character becomes its surrogate pair, as in Python.
  const escaped = text.replace(/["\\]|[^\x20-\x7e]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

/**
 * `indent`: undefined for the compact form; a number of spaces otherwise
 * (0 or less still breaks lines, with no indentation, as Python does).
 */
export function pythonJsonDumps(value: PyJson, indent?: number): string {
  const unit = indent === undefined ? undefined : ' '.repeat(Math.max(0, indent));
  return dump(value, unit, '');
}

function dump(value: PyJson, unit: string | undefined, current: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return pythonJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const isList = Array.isArray(value);
  const items: string[] = [];
  const inner = unit === undefined ? '' : current + unit;
  if (isList) {
    for (const item of value as readonly PyJson[]) items.push(dump(item, unit, inner));
  } else {
    for (const [key, item] of Object.entries(value)) items.push(`${pythonJsonString(key)}: ${dump(item, unit, inner)}`);
  }
  const [open, close] = isList ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  if (unit === undefined) return open + items.join(', ') + close;
  return `${open}\n${inner}${items.join(`,\n${inner}`)}\n${current}${close}`;
}

/** The value with every object's keys in sorted order (`json.dumps(…, sort_keys=True)`). */
export function sortKeys(value: PyJson): PyJson {
  if (Array.isArray(value)) return (value as readonly PyJson[]).map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const record = value as { readonly [key: string]: PyJson };
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortKeys(record[key]!)]));
  }
  return value;
}
