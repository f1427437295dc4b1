/**
 * CSV as Python's `csv.DictWriter` writes it with the default dialect, which
 * the ThreatConnect and ThreatStream exports used: `\r\n` line ends, a field
 * quoted only when it holds a comma, a double quote, CR or LF, and quotes
 * doubled inside quoted fields.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A header line and one line per row, each ending with `\r\n`. */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
