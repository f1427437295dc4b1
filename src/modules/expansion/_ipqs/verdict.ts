/**
 * Reading IPQualityScore answers as upstream does: the answer flattened
 * ("domain_age.human"), each value as Python's str() writes it ("True",
 * "None", a list joined with ", "), and the verdict tag
 * `IPQS:VERDICT="…"` computed from the scores with upstream's thresholds.
 */

/** Python's str() of a JSON value (booleans True/False, null None). */
export function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Upstream's flatten_json: nested objects joined with ".", lists as comma-joined strings. */
export function flatten(data: unknown, parent = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return into;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const name = parent ? `${parent}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) flatten(value, name, into);
    else if (Array.isArray(value)) into[name] = value.map(pythonStr).join(', ');
    else into[name] = value;
  }
  return into;
}

const CLEAN = 'CLEAN';
const LOW = 'LOW RISK';
const MEDIUM = 'MODERATE RISK';
const HIGH = 'HIGH RISK';
const CRITICAL = 'CRITICAL';
const INVALID = 'INVALID';
const SUSPICIOUS = 'SUSPICIOUS';

/** An int() of a score as upstream; NaN when it is not one. */
export function score(value: unknown): number {
  const text = pythonStr(value).trim();
  return /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** The verdict of each lookup; '' when no threshold matches (as upstream). */
export const VERDICT = {
  ip(fraud: number): string {
    if (fraud === 100) return CRITICAL;
    if (fraud >= 85 && fraud <= 99) return HIGH;
    if (fraud >= 75 && fraud <= 84) return MEDIUM;
    if (fraud >= 60 && fraud <= 74) return SUSPICIOUS;
    if (fraud <= 59) return CLEAN;
    return '';
  },
  url(risk: number, malware: string, phishing: string): string {
    if (malware === 'True' || phishing === 'True') return CRITICAL;
    if (risk >= 90) return HIGH;
    if (risk >= 80 && risk <= 89) return MEDIUM;
    if (risk >= 70 && risk <= 79) return LOW;
    if (risk >= 55 && risk <= 69) return SUSPICIOUS;
    if (risk <= 54) return CLEAN;
    return '';
  },
  email(fraud: number, disposable: string, valid: string): string {
    if (disposable === 'True') return CRITICAL;
    if (valid === 'False') return INVALID;
    if (fraud === 100) return HIGH;
    if (fraud >= 88 && fraud <= 99) return MEDIUM;
    if (fraud >= 80 && fraud <= 87) return LOW;
    if (fraud <= 79) return CLEAN;
    return '';
  },
  phone(fraud: number, valid: string, active: string): string {
    if (valid === 'False' || active === 'False') return MEDIUM;
    if (fraud >= 90 && fraud <= 100) return HIGH;
    if (fraud >= 80 && fraud <= 89) return LOW;
    if (fraud >= 50 && fraud <= 79) return SUSPICIOUS;
    if (fraud <= 49) return CLEAN;
    return '';
  },
};

export const verdictTag = (verdict: string): string => `IPQS:VERDICT="${verdict}"`;
