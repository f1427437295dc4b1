/**
 * Splits a template into tokens with Jinja's default settings: `{{ }}`,
 * `{% %}`, `{# #}`, `-` whitespace control, `{% raw %}`, no trim_blocks or
 * lstrip_blocks, newlines normalised to `\n`, and one trailing newline of the
 * template dropped (keep_trailing_newline=False).
 */
import { TemplateSyntaxError } from './errors.js';

export type Token =
  | { type: 'data'; value: string; line: number }
  | { type: 'var_begin' | 'var_end' | 'block_begin' | 'block_end' | 'eof'; line: number }
  | { type: 'name' | 'string' | 'op'; value: string; line: number }
  | { type: 'number'; value: number; float: boolean; line: number };

const OPERATORS = ['//', '**', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '~', '<', '>', '=', '.', ',', ':', '|', '(', ')', '[', ']', '{', '}'];
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
const RAW_END = /\{%[-+]?\s*endraw\s*([-+]?)%\}/g;
const RAW_START = /^\s*raw\s*([-+]?)%\}/;

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

class Lexer {
  readonly tokens: Token[] = [];
  private pos = 0;
  private line = 1;
  /** The previous tag ended with `-`: strip the whitespace that starts the next text. */
  private stripNext = false;

  constructor(private readonly source: string) {}

  run(): Token[] {
    const src = this.source;
    while (this.pos < src.length) {
      const next = this.findTagStart(this.pos);
      const end = next === -1 ? src.length : next;
      let text = src.slice(this.pos, end);
      const tagStrip = next !== -1 && src[next + 2] === '-';
      if (this.stripNext) text = text.replace(/^\s+/, '');
      if (tagStrip) text = text.replace(/\s+$/, '');
      this.stripNext = false;
      if (text !== '') this.tokens.push({ type: 'data', value: text, line: this.line });
      this.line += countLines(src.slice(this.pos, end));
      this.pos = end;
      if (next === -1) break;
      const kind = src[next + 1];
      this.pos = next + 2 + (src[next + 2] === '-' || src[next + 2] === '+' ? 1 : 0);
      if (kind === '#') this.comment();
      else if (kind === '%' && RAW_START.test(src.slice(this.pos, this.pos + 64))) this.raw();
      else this.tag(kind === '{' ? 'var' : 'block');
    }
    this.tokens.push({ type: 'eof', line: this.line });
    return this.tokens;
  }

  private findTagStart(from: number): number {
    const src = this.source;
    for (let i = src.indexOf('{', from); i !== -1; i = src.indexOf('{', i + 1)) {
      const c = src[i + 1];
      if (c === '{' || c === '%' || c === '#') return i;
    }
    return -1;
  }

  private comment(): void {
    const end = this.source.indexOf('#}', this.pos);
    if (end === -1) throw new TemplateSyntaxError('unclosed comment (missing "#}")', this.line);
    this.stripNext = this.source[end - 1] === '-';
    this.line += countLines(this.source.slice(this.pos, end));
    this.pos = end + 2;
  }

  private raw(): void {
    const start = RAW_START.exec(this.source.slice(this.pos))!;
    this.pos += start[0].length;
    RAW_END.lastIndex = this.pos;
    const end = RAW_END.exec(this.source);
    if (!end) throw new TemplateSyntaxError('missing "{% endraw %}"', this.line);
    let text = this.source.slice(this.pos, end.index);
    if (start[1] === '-') text = text.replace(/^\s+/, '');
    if (end[0][2] === '-') text = text.replace(/\s+$/, '');
    if (text !== '') this.tokens.push({ type: 'data', value: text, line: this.line });
    this.line += countLines(this.source.slice(this.pos, end.index + end[0].length));
    this.pos = end.index + end[0].length;
    this.stripNext = end[1] === '-';
  }

  private tag(kind: 'var' | 'block'): void {
    const src = this.source;
    const close = kind === 'var' ? '}}' : '%}';
    this.tokens.push({ type: kind === 'var' ? 'var_begin' : 'block_begin', line: this.line });
    const balance: string[] = [];
    while (true) {
      const ws = /^\s+/.exec(src.slice(this.pos, this.pos + 256));
      if (ws) {
        this.line += countLines(ws[0]);
        this.pos += ws[0].length;
        continue;
      }
      if (this.pos >= src.length) throw new TemplateSyntaxError(`unexpected end of template, expected "${close}"`, this.line);
      if (balance.length === 0) {
        const control = src[this.pos] === '-' || src[this.pos] === '+' ? 1 : 0;
        if (src.startsWith(close, this.pos + control)) {
          this.stripNext = control === 1 && src[this.pos] === '-';
          this.pos += close.length + control;
          this.tokens.push({ type: kind === 'var' ? 'var_end' : 'block_end', line: this.line });
          return;
        }
      }
      this.token(balance);
    }
  }

  private token(balance: string[]): void {
    const src = this.source;
    const rest = src.slice(this.pos, this.pos + 512);
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      this.tokens.push({ type: 'name', value: name[0], line: this.line });
      this.pos += name[0].length;
      return;
    }
    const number = /^(\d(?:_?\d)*)(\.\d(?:_?\d)*)?([eE][+-]?\d(?:_?\d)*)?/.exec(rest);
    if (number) {
      // A point or an exponent makes a float literal, as in Python.
      const float = number[2] !== undefined || number[3] !== undefined;
      this.tokens.push({ type: 'number', value: Number(number[0].replace(/_/g, '')), float, line: this.line });
      this.pos += number[0].length;
      return;
    }
    const quote = src[this.pos];
    if (quote === '"' || quote === "'") {
      this.string(quote);
      return;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, this.pos));
    if (!op) throw new TemplateSyntaxError(`unexpected character ${JSON.stringify(src[this.pos])}`, this.line);
    if (OPENERS[op]) balance.push(OPENERS[op]);
    else if (op === ')' || op === ']' || op === '}') {
      if (balance.pop() !== op) throw new TemplateSyntaxError(`unexpected "${op}"`, this.line);
    }
    this.tokens.push({ type: 'op', value: op, line: this.line });
    this.pos += op.length;
  }

  private string(quote: string): void {
    const src = this.source;
    const line = this.line;
    let value = '';
    let i = this.pos + 1;
    while (true) {
      const c = src[i];
      if (c === undefined) throw new TemplateSyntaxError('unterminated string literal', line);
      if (c === quote) break;
      if (c === '\n') this.line++;
      if (c !== '\\') {
        value += c;
        i++;
        continue;
      }
      const e = src[i + 1] ?? '';
      const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hex > 0 && /^[0-9a-fA-F]+$/.test(src.slice(i + 2, i + 2 + hex)) && src.slice(i + 2, i + 2 + hex).length === hex) {
        const code = parseInt(src.slice(i + 2, i + 2 + hex), 16);
        if (code > 0x10ffff) throw new TemplateSyntaxError('invalid \\U escape in string literal', line);
        value += String.fromCodePoint(code);
        i += 2 + hex;
      } else if (ESCAPES[e] !== undefined) {
        value += ESCAPES[e];
        if (e === '\n') this.line++;
        i += 2;
      } else {
        // Python keeps unknown escapes as they are.
        value += '\\' + e;
        i += 2;
      }
    }
    this.tokens.push({ type: 'string', value, line });
    this.pos = i + 1;
  }
}

export function tokenize(template: string): Token[] {
  let source = template.replace(/\r\n?/g, '\n');
  if (source.endsWith('\n')) source = source.slice(0, -1);
  return new Lexer(source).run();
}
