/**
 * Tokens of the STIX 2.x pattern grammar. Keywords are case-sensitive
 * upper-case words, as the grammar defines them.
 */

export type TokenKind =
  | 'lbracket' | 'rbracket' | 'lparen' | 'rparen' | 'colon' | 'dot' | 'comma' | 'star'
  | 'op' | 'keyword' | 'identifier' | 'string' | 'int' | 'float' | 'bool'
  | 'timestamp' | 'hex' | 'binary' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offset in the pattern, for error messages. */
  readonly at: number;
}

export class PatternSyntaxError extends Error {
  override readonly name = 'PatternSyntaxError';
}

const KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET', 'IN', 'EXISTS',
  'START', 'STOP', 'WITHIN', 'SECONDS', 'REPEATS', 'TIMES',
]);
const PUNCTUATION: Record<string, TokenKind> = {
  '[': 'lbracket', ']': 'rbracket', '(': 'lparen', ')': 'rparen', ':': 'colon', '.': 'dot', ',': 'comma', '*': 'star',
};
const OPERATORS = ['<=', '>=', '!=', '<>', '==', '=', '<', '>'];
const QUOTED_PREFIX: Record<string, TokenKind> = { t: 'timestamp', h: 'hex', b: 'binary' };

/** Reads a quoted string starting at `start` (the opening quote); `\\` and `\'` are the only escapes. */
function readQuoted(pattern: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < pattern.length; i += 1) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next !== '\\' && next !== "'") throw new PatternSyntaxError(`invalid escape at offset ${i}`);
      value += next;
      i += 1;
    } else if (ch === "'") {
      return { value, end: i + 1 };
    } else {
      value += ch;
    }
  }
  throw new PatternSyntaxError(`unterminated string starting at offset ${start}`);
}

export function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const punctuation = PUNCTUATION[ch];
    if (punctuation) {
      tokens.push({ kind: punctuation, text: ch, at: i });
      i += 1;
      continue;
    }
    const op = OPERATORS.find((o) => pattern.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op === '==' ? '=' : op === '<>' ? '!=' : op, at: i });
      i += op.length;
      continue;
    }
    if (ch === "'") {
      const { value, end } = readQuoted(pattern, i);
      tokens.push({ kind: 'string', text: value, at: i });
      i = end;
      continue;
    }
    const prefixed = QUOTED_PREFIX[ch];
    if (prefixed && pattern[i + 1] === "'") {
      const { value, end } = readQuoted(pattern, i + 1);
      tokens.push({ kind: prefixed, text: value, at: i });
      i = end;
      continue;
    }
    const number = /^[+-]?\d+(\.\d+)?/.exec(pattern.slice(i));
    if (number) {
      tokens.push({ kind: number[1] ? 'float' : 'int', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(pattern.slice(i));
    if (word) {
      const text = word[0];
      const kind: TokenKind = KEYWORDS.has(text) ? 'keyword' : text === 'true' || text === 'false' ? 'bool' : 'identifier';
      tokens.push({ kind, text, at: i });
      i += text.length;
      continue;
    }
    throw new PatternSyntaxError(`unexpected character ${JSON.stringify(ch)} at offset ${i}`);
  }
  tokens.push({ kind: 'end', text: '', at: pattern.length });
  return tokens;
}
