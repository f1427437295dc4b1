/**
 * A light YARA lexer: finds the identifiers that name rules and the bare
 * identifiers of conditions, skipping comments, text strings, regular
 * expressions and hex strings, so that rewriting a rule (renaming it, giving
 * an undefined external a value) never touches what it matches.
 * It does not check syntax: libyara does.
 */

export type IdentifierRole = 'rule-name' | 'condition';

export interface YaraIdentifier {
  name: string;
  role: IdentifierRole;
  /** Offsets in the source: `source.slice(start, end) === name`. */
  start: number;
  end: number;
}

export interface YaraScan {
  identifiers: YaraIdentifier[];
  /** The source ends inside a block comment, which libyara accepts silently. */
  unterminatedComment: boolean;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const SECTIONS = new Set(['meta', 'strings', 'condition']);

/** End of a quoted token (string or regex) starting at `i`, escapes honoured; stops at a line end. */
function quotedEnd(source: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < source.length && source[j] !== quote && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, source.length);
}

function nextNonSpace(source: string, i: number): string | undefined {
  const match = /\S/.exec(source.slice(i, i + 200));
  return match ? match[0] : undefined;
}

export function scanYara(source: string): YaraScan {
  const identifiers: YaraIdentifier[] = [];
  let unterminatedComment = false;
  let previous = ''; // the last significant token
  let section = '';
  let expectRuleName = false;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) unterminatedComment = true;
      i = end < 0 ? source.length : end + 2;
    } else if (c === '"') {
      i = quotedEnd(source, i, '"');
      previous = '"';
    } else if (c === '/' && (previous === '=' || previous === 'matches')) {
      i = quotedEnd(source, i, '/');
      while (i < source.length && /[is]/.test(source[i]!)) i++;
      previous = '/regex/';
    } else if (c === '{' && previous === '=') {
      const end = source.indexOf('}', i);
      i = end < 0 ? source.length : end + 1;
      previous = '{hex}';
    } else if ('$#@!'.includes(c) && next !== undefined && (IDENT_PART.test(next) || next === '*')) {
      i++;
      while (i < source.length && (IDENT_PART.test(source[i]!) || source[i] === '*')) i++;
      previous = '$string';
    } else if (IDENT_START.test(c)) {
      const start = i;
      while (i < source.length && IDENT_PART.test(source[i]!)) i++;
      const name = source.slice(start, i);
      if (expectRuleName) {
        identifiers.push({ name, role: 'rule-name', start, end: i });
        expectRuleName = false;
      } else if (name === 'rule' && previous !== '.') {
        expectRuleName = true;
        section = '';
      } else if (SECTIONS.has(name) && nextNonSpace(source, i) === ':') {
        section = name;
      } else if (section === 'condition' && previous !== '.') {
        identifiers.push({ name, role: 'condition', start, end: i });
      }
      previous = name;
    } else if (c === '.' && next === '.') {
      i += 2; // a range: (0..filesize)
      previous = '..';
    } else if (/[0-9]/.test(c)) {
      while (i < source.length && /[0-9A-Za-z_]/.test(source[i]!)) i++;
      previous = '0';
    } else {
      if (c === '}') section = '';
      previous = c;
      i++;
    }
  }
  return { identifiers, unterminatedComment };
}

/** Replaces identifier occurrences (from `scanYara`) with new text. */
export function replaceIdentifiers(source: string, targets: readonly YaraIdentifier[], replacement: (id: YaraIdentifier) => string): string {
  let out = '';
  let at = 0;
  for (const id of [...targets].sort((a, b) => a.start - b.start)) {
    out += source.slice(at, id.start) + replacement(id);
    at = id.end;
  }
  return out + source.slice(at);
}
