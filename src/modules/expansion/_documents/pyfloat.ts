/**
 * Python's float formatting, digit for digit: `repr(x)`, `format(x, ' .Nf')`
 * and `format(x, ' .Ne')`. Python rounds the exact binary value half to
 * even; JavaScript's toFixed rounds ties up and switches to exponents past
 * 1e21, so the digits are worked out here from the exact decimal expansion.
 */

/** x = N / 10^k exactly (x finite, sign apart). */
function exact(x: number): { n: bigint; k: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (exponent >= 0) return { n: mantissa << BigInt(exponent), k: 0 };
  return { n: mantissa * 5n ** BigInt(-exponent), k: -exponent };
}

/** n / 10^drop rounded half to even. */
function roundHalfEven(n: bigint, drop: number): bigint {
  if (drop <= 0) return n * 10n ** BigInt(-drop);
  const divisor = 10n ** BigInt(drop);
  const quotient = n / divisor;
  const twice = (n % divisor) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

function special(x: number, sign: string): string | undefined {
  if (Number.isNaN(x)) return `${sign}nan`;
  if (x === Infinity) return `${sign}inf`;
  if (x === -Infinity) return '-inf';
  return undefined;
}

function signOf(x: number, space: boolean): string {
  return x < 0 || Object.is(x, -0) ? '-' : space ? ' ' : '';
}

/** `format(x, ' .{digits}f')` (space: a space where the minus sign would go). */
export function pyFixed(x: number, digits: number, space = true): string {
  const sign = signOf(x, space);
  const other = special(x, space ? ' ' : '');
  if (other !== undefined) return other;
  const { n, k } = exact(x);
  const scaled = roundHalfEven(n, k - digits).toString().padStart(digits + 1, '0');
  const whole = scaled.slice(0, scaled.length - digits);
  return digits > 0 ? `${sign}${whole}.${scaled.slice(-digits)}` : `${sign}${whole}`;
}

/** `format(x, ' .{digits}e')`. */
export function pyExp(x: number, digits: number, space = true): string {
  const sign = signOf(x, space);
  const other = special(x, space ? ' ' : '');
  if (other !== undefined) return other;
  const { n, k } = exact(x);
  if (n === 0n) return `${sign}0.${'0'.repeat(digits)}e+00`;
  const all = n.toString();
  // value = 0.all × 10^(all.length - k): the leading digit's power of ten is all.length - k - 1.
  let power = all.length - k - 1;
  let mantissa = roundHalfEven(n, all.length - (digits + 1)).toString();
  if (mantissa.length > digits + 1) {
    // Rounding carried into a new digit (9.99… → 10.0…).
    mantissa = mantissa.slice(0, digits + 1);
    power += 1;
  }
  const body = digits > 0 ? `${mantissa[0]}.${mantissa.slice(1)}` : mantissa;
  const exponent = `${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
  return `${sign}${body}e${exponent}`;
}

/** Python's `repr(float)`: the shortest digits that round-trip, exponent outside 1e-4 ≤ |x| < 1e16. */
export function pyRepr(x: number): string {
  const other = special(x, '');
  if (other !== undefined) return other;
  const sign = signOf(x, false);
  // toExponential() without an argument gives the shortest round-trip digits, as Python's repr does.
  const [mantissa = '0', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decpt = Number(exp) + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const power = decpt - 1;
  const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${body}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}
