/**
 * Datetime values the way PyMISP writes them: Python's `datetime.isoformat()`
 * (`2024-08-14T07:01:34+00:00`, microseconds only when non-zero). PyMISP
 * parses `datetime` attribute values with `datetime.fromisoformat`, so a `Z`
 * suffix becomes `+00:00` and a value without a zone stays without one.
 */

// Python 3.11 fromisoformat: date (extended or basic), optional time, optional zone.
const ISO_RE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Normalises a datetime: a Date is written in UTC with `+00:00`, a number is
 * read as Unix seconds, an ISO 8601 string is rewritten in isoformat style
 * keeping its zone (or lack of one). Any other string is returned unchanged
 * (PyMISP would try dateutil; MISP parses the common formats itself).
 */
export function toMispDatetime(value: Date | string | number): string {
  if (value instanceof Date) return formatUtc(value);
  if (typeof value === 'number') return formatUtc(new Date(value * 1000));
  return normaliseIsoString(value.trim()) ?? value;
}

function formatUtc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('Invalid Date given as a MISP datetime value.');
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const millis = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${millis ? `.${String(millis).padStart(3, '0')}000` : ''}+00:00`;
}

function normaliseIsoString(text: string): string | undefined {
  const m = ISO_RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac, zone] = m;
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    check.getUTCHours() !== Number(h) ||
    check.getUTCMinutes() !== Number(mi)
  ) {
    return undefined;
  }
  const micros = frac ? frac.slice(0, 6).padEnd(6, '0') : '';
  const fraction = micros && Number(micros) !== 0 ? `.${micros}` : '';
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${zone ? formatZone(zone) : ''}`;
}

// `Z`, `+05`, `+0530`, `+05:30`, `-00:00` → Python's `+HH:MM[:SS]` (zero is always `+00:00`).
function formatZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return '+00:00';
  const digits = zone.slice(1).replaceAll(':', '');
  const hh = digits.slice(0, 2);
  const mm = digits.slice(2, 4) || '00';
  const ss = digits.slice(4, 6);
  if (Number(hh) === 0 && Number(mm) === 0 && !Number(ss)) return '+00:00';
  return `${zone[0]}${hh}:${mm}${ss && ss !== '00' ? `:${ss}` : ''}`;
}
