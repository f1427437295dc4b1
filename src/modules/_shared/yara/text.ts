/** Writing YARA source: quoted strings and identifiers. */

/** Modules this build of libyara has (upstream's yara-python may also have cuckoo, magic, macho). */
export const AVAILABLE_MODULES: readonly string[] = ['console', 'dotnet', 'elf', 'hash', 'math', 'pe', 'time'];

/** libyara's lexer buffer: a quoted string or meta value must decode to fewer bytes. */
export const MAX_STRING_BYTES = 8000;

/** Identifiers (rule names) longer than this are refused ("identifier too long"). */
export const MAX_IDENTIFIER_LENGTH = 128;

/**
 * A YARA text string or meta value, quoted: `"` and `\` escaped, control
 * characters as `\xHH`. Other characters are written as UTF-8, which YARA
 * matches byte for byte.
 */
export function yaraString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** Upstream's cleaning of a name part: anything but ASCII letters, digits and `_` becomes `_`, per character. */
export function identifierPart(text: string): string {
  let out = '';
  for (const char of text) out += /^[A-Za-z0-9_]$/.test(char) ? char : '_';
  return out;
}
