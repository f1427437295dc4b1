/**
 * Python's number formatting where rst_* modules show RST's numbers as
 * upstream does: `f"{float(v):.2f}"` (exact ties round to even, unlike
 * toFixed) and `int(float(str(v)))`.
 */

/** Python's `float(value)` for a number or a numeric string; undefined otherwise. */
export function pythonFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = Number(value.trim().replaceAll('_', ''));
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** `f"{float(value):.{digits}f}"`, or '' when the value is not a number (upstream's `_f`). */
export function pythonFixed(value: unknown, digits: number): string {
  const x = pythonFloat(value);
  if (x === undefined) return '';
  const exact = x.toFixed(Math.min(100, digits + 60));
  const cut = exact.indexOf('.') + 1 + digits;
  // An exact tie (…5000…): Python rounds half to even, toFixed away from zero.
  if (/^50*$/.test(exact.slice(cut))) {
    const kept = exact.slice(0, digits === 0 ? cut - 1 : cut);
    const lastDigit = Number(kept.replace(/\D/g, '').slice(-1));
    if (lastDigit % 2 === 0) return kept;
  }
  return x.toFixed(digits);
}

/** `int(float(str(value)))`, or undefined where Python raises. */
export function pythonIntOfFloat(value: unknown): number | undefined {
  const x = pythonFloat(value);
  return x === undefined ? undefined : Math.trunc(x);
}
