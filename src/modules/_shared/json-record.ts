/**
 * Tolerant readers for vendor JSON (TAXII servers, STIX bundles, sandbox
 * reports): a missing or oddly typed field reads as empty instead of crashing.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-blank string (finite numbers as text), or undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The non-blank strings of a list (a single string counts as a list of one). */
export function strList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(str).filter((v): v is string => v !== undefined);
}

/** The objects of a list. */
export function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function record(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}
