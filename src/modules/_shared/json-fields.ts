/**
 * Reading fields of a vendor's JSON answer without trusting its shape: a
 * field of the wrong type reads as absent instead of crashing the module.
 */

export type JsonRecord = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, else undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A finite number or a non-empty string, else undefined. */
export function numberOrText(value: unknown): string | number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return text(value);
}

/** A finite number (or a numeric string), else undefined. */
export function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** The items of an array (empty for anything else). */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The non-empty strings of an array. */
export function texts(value: unknown): string[] {
  return list(value).flatMap((item) => (typeof item === 'string' && item.trim() !== '' ? [item] : []));
}

/** The JSON objects of an array. */
export function records(value: unknown): JsonRecord[] {
  return list(value).filter(isRecord);
}
