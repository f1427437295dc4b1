/**
 * The date a list was generated, as apiosintDS shows it: the list's naive
 * "YYYY-MM-DD HH:MM:SS" read as Europe/Rome time (pytz `localize`, which
 * takes standard time for the missing and the repeated hour of the DST
 * changes) and printed by Python's `str(datetime)`:
 * "2020-09-09 08:22:07+02:00".
 */

export const NAIVE_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Day of the month of the last Sunday of a month (0-based month). */
function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return lastDay.getUTCDate() - lastDay.getUTCDay();
}

/** "+01:00" or "+02:00" for a naive Rome time (the EU rule: CEST from the last Sunday of March to that of October). */
export function romeOffset(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  // Local 03:00 is the first summer-time instant; from local 02:00 in October the hour is read as winter time.
  const summerStart = Date.UTC(year, 2, lastSunday(year, 2), 3);
  const summerEnd = Date.UTC(year, 9, lastSunday(year, 9), 2);
  return naive >= summerStart && naive < summerEnd ? '+02:00' : '+01:00';
}

/** The list date as upstream prints it; undefined when `naive` is not "YYYY-MM-DD HH:MM:SS". */
export function listDate(naive: string): string | undefined {
  const match = NAIVE_DATE.exec(naive);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return `${naive}${romeOffset(year, month, day, hour, minute, second)}`;
}
