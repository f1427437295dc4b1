/**
 * String literals of the query languages the exports write, so that a value
 * holding a quote or a backslash stays one literal instead of breaking (or
 * injecting into) the generated query.
 */

/** SQL (SQLite, osquery): `'...'` with quotes doubled; backslash has no meaning. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const C_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** KQL: `'...'` with backslash escapes. */
export function kqlString(value: string): string {
  return `'${value.replace(/[\\'\n\r\t]/g, (c) => C_ESCAPES[c] ?? `\\${c}`)}'`;
}

/** EQL: `"..."` with backslash escapes (so Windows paths keep their backslashes). */
export function eqlString(value: string): string {
  return `"${value.replace(/[\\"\n\r\t]/g, (c) => C_ESCAPES[c] ?? `\\${c}`)}"`;
}

/** POSIX shell: one single-quoted word; a quote inside becomes `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
