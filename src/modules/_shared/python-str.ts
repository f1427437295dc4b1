/**
 * Python's `str()` of a value decoded from JSON, for modules whose upstream
 * text interpolates JSON values with f-strings (`f"categories={categories}"`):
 * strings as is, None/True/False, lists and dicts with the repr of their items
 * (`['c2', 'phishing']`). JSON numbers keep JavaScript's spelling (an integral
 * float such as 1.0 reads `1`, where Python writes `1.0`).
 */

/** Python's repr of a str: single quotes unless the text holds ' and no ". */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return quote + (quote === "'" ? escaped.replace(/'/g, "\\'") : escaped) + quote;
}

export function pythonRepr(value: unknown): string {
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`).join(', ')}}`;
  }
  return pythonStr(value);
}

export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  return pythonRepr(value);
}
