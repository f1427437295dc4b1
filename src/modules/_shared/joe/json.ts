/** Small readers for loosely-typed report JSON (converted from XML, lists sometimes single objects). */

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record field, or an empty record. */
export function rec(value: unknown, key: string): Json {
  const field = isRecord(value) ? value[key] : undefined;
  return isRecord(field) ? field : {};
}

/** A list field; a single object becomes a one-item list (XML-to-JSON quirk). */
export function list(value: unknown, key?: string): Json[] {
  const field = key === undefined ? value : isRecord(value) ? value[key] : undefined;
  if (Array.isArray(field)) return field.filter(isRecord);
  return isRecord(field) ? [field] : [];
}

/** A scalar as a string, or undefined for null/absent/objects. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Python truthiness for JSON values. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}
