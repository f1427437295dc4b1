/**
 * A CVE as cve-search (cvepremium.circl.lu) serves it, and the readers
 * cpe and cve_advanced share: `vulnerable_configuration` entries are CPE
 * strings or `{id, title}` objects; dates are ISO texts; scores numbers.
 */

/** The fields of a cve-search CVE the modules read. */
export interface CveSearchRecord {
  id?: unknown;
  summary?: unknown;
  Modified?: unknown;
  Published?: unknown;
  cvss?: unknown;
  cvss3?: unknown;
  'cvss3-vector'?: unknown;
  references?: unknown;
  vulnerable_configuration?: unknown;
  vulnerable_configuration_cpe_2_2?: unknown;
  cwe?: unknown;
  capec?: unknown;
}

/** A non-empty string, or a number as text; anything else is no value. */
export function textValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A list field's values: strings, or the `title` of `{id, title}` entries (cve-search's CPE form). */
export function listValues(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((entry) => (typeof entry === 'object' && entry !== null ? (entry as { title?: unknown; id?: unknown }).title ?? (entry as { id?: unknown }).id : entry))
    .map(textValue)
    .filter((value): value is string => value !== undefined);
}

export const isRecord = (value: unknown): value is CveSearchRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
