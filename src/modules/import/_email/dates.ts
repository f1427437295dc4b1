/** RFC 2822 dates as Python's email.utils parses and formats them. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ZONES: Readonly<Record<string, number>> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -500, EDT: -400, CST: -600, CDT: -500, MST: -700, MDT: -600, PST: -800, PDT: -700 };

export interface MailDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC; undefined for "-0000" or no zone (Python gives a naive datetime). */
  offset: number | undefined;
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

export function parseMailDate(value: string): MailDate | undefined {
  const text = value.replace(/\([^)]*\)/g, ' ').replace(/,/g, ' ').trim();
  const m = /^(?:[A-Za-z]{3,}\s+)?(\d{1,2})\s+([A-Za-z]{3,})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
  if (month < 0) return undefined;
  let year = Number(m[3]);
  if (m[3]!.length <= 2) year += year > 68 ? 1900 : 2000;
  let offset: number | undefined;
  const zone = m[7];
  if (zone && /^[+-]\d{4}$/.test(zone)) {
    const n = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3));
    offset = zone === '-0000' ? undefined : zone[0] === '-' ? -n : n;
  } else if (zone && ZONES[zone.toUpperCase()] !== undefined) {
    const hhmm = ZONES[zone.toUpperCase()]!;
    offset = Math.sign(hhmm) * (Math.floor(Math.abs(hhmm) / 100) * 60 + (Math.abs(hhmm) % 100));
  }
  const date: MailDate = { year, month: month + 1, day: Number(m[1]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6] ?? 0), offset };
  const check = new Date(Date.UTC(year, month, date.day, date.hour, date.minute, Math.min(date.second, 59)));
  if (check.getUTCDate() !== date.day || date.hour > 23 || date.minute > 59 || date.second > 60) return undefined;
  return date;
}

/** datetime.isoformat(): "2009-02-03T20:28:13-05:00", no zone for naive. */
export function isoMailDate(d: MailDate): string {
  const base = `${d.year}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`;
  if (d.offset === undefined) return base;
  return `${base}${d.offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(d.offset) / 60))}:${pad(Math.abs(d.offset) % 60)}`;
}

/** email.utils.format_datetime: "Tue, 03 Feb 2009 20:28:13 -0500" ("-0000" when naive). */
export function formatMailDate(d: MailDate): string {
  const weekday = DAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()]!;
  const month = MONTHS[d.month - 1]!;
  const zone = d.offset === undefined ? '-0000' : `${d.offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(d.offset) / 60))}${pad(Math.abs(d.offset) % 60)}`;
  return `${weekday}, ${pad(d.day)} ${month[0]!.toUpperCase()}${month.slice(1)} ${pad(d.year, 4)} ${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)} ${zone}`;
}
