/**
 * Tolerant readers for PassiveTotal's JSON: a missing or oddly typed field
 * reads as empty instead of crashing the module (upstream raised KeyError).
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function record(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** A non-empty string (numbers as text), or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The non-empty strings of a list (a single string counts as a list of one). */
export function texts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(text).filter((v): v is string => v !== undefined);
}

/** The objects of `body.results`. */
export function results(body: JsonRecord): JsonRecord[] {
  const list = body['results'];
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** Values in first-seen order, without repeats. */
export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}
