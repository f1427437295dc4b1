/**
 * Tokenizer for the STIX 2.1 patterning language (STIX 2.1 Part 5 / the
 * OASIS STIXPattern grammar). Longest match wins and keywords beat
 * identifiers of the same length, as in the reference grammar. Text that
 * cannot be a token becomes an `invalid` token carrying the reason, so that
 * the parser reports it at the right place.
 */

export type TokenType =
  | 'IntPos' | 'IntNeg' | 'FloatPos' | 'FloatNeg'
  | 'String' | 'Bool' | 'Timestamp' | 'Hex' | 'Binary'
  | 'Keyword' | 'Ident' | 'IdentHyphen'
  | 'EQ' | 'NEQ' | 'LT' | 'LE' | 'GT' | 'GE'
  | 'COLON' | 'DOT' | 'COMMA' | 'LPAREN' | 'RPAREN' | 'LBRACK' | 'RBRACK'
  | 'PLUS' | 'MINUS' | 'POWER' | 'DIVIDE' | 'ASTERISK'
  | 'invalid' | 'EOF';

export interface Token {
  readonly type: TokenType;
  /** The source text of the token. */
  readonly text: string;
  /** 0-based offset into the pattern. */
  readonly offset: number;
  /** 1-based line and 0-based column (ANTLR's convention, which upstream's messages use). */
  readonly line: number;
  readonly column: number;
  /** For `invalid` tokens: why this text is not a token. */
  readonly problem?: string;
}

/** Reserved words; they are case-sensitive in STIX 2.1. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS',
  'LAST', 'IN', 'START', 'STOP', 'SECONDS', 'WITHIN', 'REPEATS', 'TIMES',
]);

/** The grammar's WS rule: ASCII blanks (with vertical tab and form feed) plus the Unicode space separators it lists. */
const WHITESPACE: ReadonlySet<string> = new Set([
  ' ', '\t', '\r', '\n', '\v', '\f', '\u0085', '\u00a0', '\u1680',
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
  '\u2028', '\u2029', '\u202f', '\u205f', '\u3000',
]);

const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/;
const HEX = /^(?:[A-Fa-f0-9]{2})*$/;

const PUNCTUATION: Readonly<Record<string, TokenType>> = {
  ':': 'COLON', '.': 'DOT', ',': 'COMMA', '(': 'LPAREN', ')': 'RPAREN', '[': 'LBRACK', ']': 'RBRACK',
  '+': 'PLUS', '-': 'MINUS', '^': 'POWER', '/': 'DIVIDE', '*': 'ASTERISK',
};

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_-]/.test(c);

/** Reads a quoted body starting at the opening quote; the STIX escapes are \' and \\ only. */
function readQuoted(src: string, quote: number): { end: number; problem?: string } {
  let i = quote + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === "'") return { end: i + 1 };
    if (c === '\\') {
      const next = src[i + 1];
      if (next === "'" || next === '\\') {
        i += 2;
        continue;
      }
      const shown = next === undefined ? 'at the end of the input' : `'\\${next}'`;
      // Keep scanning to the closing quote so that the whole literal is one token.
      const close = findClosingQuote(src, i + 1);
      return { end: close, problem: `invalid escape sequence ${shown} in a string literal (only \\' and \\\\ are allowed)` };
    }
    i += 1;
  }
  return { end: src.length, problem: 'unterminated string literal (missing closing quote)' };
}

function findClosingQuote(src: string, from: number): number {
  for (let i = from; i < src.length; i += 1) {
    if (src[i] === '\\') i += 1;
    else if (src[i] === "'") return i + 1;
  }
  return src.length;
}

/** Problems with the body of t'…', h'…' and b'…' literals. */
function prefixedProblem(prefix: string, body: string): string | undefined {
  if (prefix === 't' && !TIMESTAMP.test(body)) {
    return `invalid timestamp literal t'${body}' (expected t'YYYY-MM-DDTHH:MM:SS[.s+]Z' with a valid month, day and time)`;
  }
  if (prefix === 'h' && !HEX.test(body)) return `invalid hex literal h'${body}' (expected pairs of hex digits)`;
  if (prefix === 'b' && !BASE64.test(body)) return `invalid binary literal b'${body}' (expected padded base64)`;
  return undefined;
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const push = (type: TokenType, start: number, end: number, problem?: string): void => {
    tokens.push({ type, text: src.slice(start, end), offset: start, line, column: start - lineStart, ...(problem ? { problem } : {}) });
  };
  /** Moves past src[from, to), counting line breaks. */
  const advance = (to: number): void => {
    for (let k = i; k < to; k += 1) {
      if (src[k] === '\n') {
        line += 1;
        lineStart = k + 1;
      }
    }
    i = to;
  };

  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (WHITESPACE.has(c)) {
      advance(i + 1);
      continue;
    }
    if (c === '/' && next === '*') {
      const close = src.indexOf('*/', i + 2);
      if (close === -1) {
        push('invalid', i, src.length, 'unterminated comment (missing */)');
        advance(src.length);
        break;
      }
      advance(close + 2);
      continue;
    }
    if (c === '/' && next === '/') {
      let end = i;
      while (end < src.length && src[end] !== '\n' && src[end] !== '\r') end += 1;
      advance(end);
      continue;
    }
    const start = i;
    if (isDigit(c) || ((c === '+' || c === '-') && (isDigit(next) || (next === '.' && isDigit(src[i + 2])))) || (c === '.' && isDigit(next))) {
      let j = i;
      if (c === '+' || c === '-') j += 1;
      const digitsStart = j;
      while (isDigit(src[j])) j += 1;
      const intDigits = src.slice(digitsStart, j);
      let isFloat = false;
      if (src[j] === '.' && isDigit(src[j + 1])) {
        isFloat = true;
        j += 1;
        while (isDigit(src[j])) j += 1;
      }
      const negative = c === '-';
      if (!isFloat && intDigits.length > 1 && intDigits.startsWith('0')) {
        push('invalid', start, j, `invalid integer '${src.slice(start, j)}' (leading zeros are not allowed)`);
      } else {
        push(isFloat ? (negative ? 'FloatNeg' : 'FloatPos') : negative ? 'IntNeg' : 'IntPos', start, j);
      }
      advance(j);
      continue;
    }
    if (isIdentStart(c)) {
      if ((c === 't' || c === 'h' || c === 'b') && next === "'") {
        const quoted = readQuoted(src, i + 1);
        const body = src.slice(i + 2, quoted.problem ? quoted.end : quoted.end - 1);
        push(quoted.problem || prefixedProblem(c, body) ? 'invalid' : c === 't' ? 'Timestamp' : c === 'h' ? 'Hex' : 'Binary',
          start, quoted.end, quoted.problem ?? prefixedProblem(c, body));
        advance(quoted.end);
        continue;
      }
      let j = i + 1;
      while (isIdentPart(src[j])) j += 1;
      const word = src.slice(i, j);
      const type: TokenType = KEYWORDS.has(word) ? 'Keyword' : word === 'true' || word === 'false' ? 'Bool' : word.includes('-') ? 'IdentHyphen' : 'Ident';
      push(type, start, j);
      advance(j);
      continue;
    }
    if (c === "'") {
      const quoted = readQuoted(src, i);
      push(quoted.problem ? 'invalid' : 'String', start, quoted.end, quoted.problem);
      advance(quoted.end);
      continue;
    }
    const two = src.slice(i, i + 2);
    const twoChar: Record<string, TokenType> = { '==': 'EQ', '!=': 'NEQ', '<>': 'NEQ', '<=': 'LE', '>=': 'GE' };
    if (twoChar[two]) {
      push(twoChar[two], start, i + 2);
      advance(i + 2);
      continue;
    }
    const oneChar: Record<string, TokenType> = { '=': 'EQ', '<': 'LT', '>': 'GT', ...PUNCTUATION };
    const single = oneChar[c];
    push(single ?? 'invalid', start, i + 1, single ? undefined : `unexpected character '${c}'`);
    advance(i + 1);
  }
  tokens.push({ type: 'EOF', text: '', offset: src.length, line, column: src.length - lineStart });
  return tokens;
}

/** How a token is named in error messages. */
export function describeToken(token: Token): string {
  return token.type === 'EOF' ? 'end of the pattern' : `'${token.text}'`;
}
