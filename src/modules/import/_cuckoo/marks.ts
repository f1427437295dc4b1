/**
 * How upstream prints Cuckoo signature marks: its PrettyDict ("(key) value;
 * …", values cut at 30 characters) and Python's str()/repr() of the rest.
 */
import { isRecord } from '../../_shared/joe/json.js';

const MAX_SIZE = 30;

function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (isRecord(value)) return `PrettyDict([${Object.entries(value).map(([k, v]) => `(${pyRepr(k)}, ${pyRepr(v)})`).join(', ')}])`;
  return pyStr(value);
}

/** Python's str() of a JSON value parsed with PrettyDict as the object hook. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isRecord(value)) return prettyDict(value);
  return String(value);
}

export function prettyDict(dict: Record<string, unknown>): string {
  return Object.entries(dict)
    .map(([key, raw]) => {
      let k = key;
      let v = pyStr(raw);
      if (v.length > MAX_SIZE) {
        k += ',cut';
        v = v.slice(0, MAX_SIZE);
      }
      return `(${k}) ${v}`;
    })
    .join('; ');
}

/** One line per mark of a signature (generic, ioc and call marks; others are skipped upstream). */
export function marksText(marks: readonly Record<string, unknown>[]): string[] {
  const out: string[] = [];
  for (const mark of marks) {
    const { type, ...rest } = mark;
    if (type === 'generic') out.push(prettyDict(rest));
    else if (type === 'ioc') out.push(pyStr(rest['ioc']));
    else if (type === 'call') {
      const call = isRecord(rest['call']) ? rest['call'] : {};
      const args = isRecord(call['arguments']) ? call['arguments'] : {};
      const flags = isRecord(call['flags']) ? call['flags'] : {};
      out.push(`Call API '${pyStr(call['api'])}' ${prettyDict(args)} ${prettyDict(flags)}`);
    }
  }
  return out;
}
