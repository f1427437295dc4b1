/** Joe Sandbox's date formats, turned into naive ISO datetimes as Python's strptime + isoformat give. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `general.date` "%d/%m/%Y" + `general.time` "%H:%M:%S" → "YYYY-MM-DDTHH:MM:SS". */
export function joeProcessStart(date: string | undefined, time: string | undefined): string | undefined {
  const d = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date?.trim() ?? '');
  const t = /^(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(time?.trim() ?? '');
  if (!d || !t) return undefined;
  return `${d[3]}-${pad(Number(d[2]))}-${pad(Number(d[1]))}T${pad(Number(t[1]))}:${pad(Number(t[2]))}:${pad(Number(t[3]))}`;
}

/**
 * A packet timestamp, "Jun 30, 2021 17:07:35.672413111 CEST": seconds rounded
 * to microseconds, the zone name dropped (upstream's parse_timestamp).
 */
export function joeNetworkTimestamp(timestamp: string): string | undefined {
  const m = /^([A-Za-z]{3})\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d{1,2}):(\d{1,2}(?:\.\d+)?)/.exec(timestamp.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase());
  if (month < 0) return undefined;
  const micros = Math.min(Math.round(Number(m[6]) * 1e6), 59_999_999);
  const seconds = Math.floor(micros / 1e6);
  const fraction = micros % 1e6;
  return `${m[3]}-${pad(month + 1)}-${pad(Number(m[2]))}T${pad(Number(m[4]))}:${pad(Number(m[5]))}:${pad(seconds)}${fraction ? `.${pad(fraction, 6)}` : ''}`;
}
