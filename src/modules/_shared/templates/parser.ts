/**
 * Parses tokens into statements and expressions, following Jinja's grammar
 * and operator precedence (jinja2/parser.py): conditional expressions, or,
 * and, not, comparisons, + -, ~, * / // %, **, unary - +, then postfix
 * (attribute, item, call) and filters / tests.
 *
 * Nesting is capped so that a hostile template cannot exhaust the stack.
 * Loaders are not configured (as upstream's `from_string`), so extends,
 * include and import are refused.
 */
import type { Args, BinaryOp, CompareOp, Expr, FilterCall, MacroParam, Stmt, Target } from './ast.js';
import { TemplateSyntaxError } from './errors.js';
import type { Token } from './lexer.js';
import { checkNames, type KnownNames } from './names.js';
import { PyFloat } from './values.js';

const MAX_NESTING = 150;
const COMPARE_OPS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const CONSTANTS: Record<string, null | boolean> = { true: true, false: false, none: null, True: true, False: false, None: null };
const UNSUPPORTED_TAGS = new Set(['extends', 'include', 'import', 'from', 'block', 'call', 'do', 'break', 'continue', 'autoescape', 'trans']);

export type ParserNames = KnownNames;

export class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseTemplate(): Stmt[] {
    const body = this.subparse([]);
    const token = this.peek();
    if (token.type !== 'eof') throw this.error(`unexpected tag '${this.peekName(1)}'`, token);
    return body;
  }

  // --- token helpers --------------------------------------------------------

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return token;
  }

  private peekName(offset = 0): string | undefined {
    const token = this.peek(offset);
    return token.type === 'name' ? token.value : undefined;
  }

  private isOp(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'op' && token.value === value;
  }

  private isName(value: string, offset = 0): boolean {
    return this.peekName(offset) === value;
  }

  private skipOp(value: string): boolean {
    if (!this.isOp(value)) return false;
    this.next();
    return true;
  }

  private skipName(value: string): boolean {
    if (!this.isName(value)) return false;
    this.next();
    return true;
  }

  private expectOp(value: string): void {
    if (!this.skipOp(value)) throw this.error(`expected '${value}'`, this.peek());
  }

  private expectName(value?: string): string {
    const token = this.peek();
    if (token.type !== 'name' || (value !== undefined && token.value !== value)) {
      throw this.error(value ? `expected '${value}'` : 'expected a name', token);
    }
    this.next();
    return token.value;
  }

  private expectType(type: 'block_end' | 'var_end'): void {
    const token = this.peek();
    if (token.type !== type) throw this.error(`expected end of ${type === 'block_end' ? 'statement block' : 'print statement'}`, token);
    this.next();
  }

  private describe(token: Token): string {
    switch (token.type) {
      case 'eof':
        return 'end of template';
      case 'block_end':
        return "'%}'";
      case 'var_end':
        return "'}}'";
      case 'name':
      case 'op':
        return `'${token.value}'`;
      case 'string':
        return 'a string';
      case 'number':
        return 'a number';
      default:
        return token.type;
    }
  }

  private error(message: string, token: Token): TemplateSyntaxError {
    return new TemplateSyntaxError(`${message}, found ${this.describe(token)}`, token.line);
  }

  private nest<T>(work: () => T): T {
    if (++this.depth > MAX_NESTING) throw new TemplateSyntaxError(`the template nests deeper than ${MAX_NESTING} levels`, this.peek().line);
    try {
      return work();
    } finally {
      this.depth--;
    }
  }

  // --- statements -------------------------------------------------------------

  /** Statements until one of `endTags` opens a block tag (left unconsumed) or the template ends. */
  private subparse(endTags: string[]): Stmt[] {
    return this.nest(() => {
      const body: Stmt[] = [];
      while (true) {
        const token = this.peek();
        if (token.type === 'eof') {
          if (endTags.length > 0) throw new TemplateSyntaxError(`unexpected end of template, expected ${endTags.map((t) => `'${t}'`).join(' or ')}`, token.line);
          return body;
        }
        if (token.type === 'data') {
          this.next();
          body.push({ kind: 'text', line: token.line, text: token.value });
        } else if (token.type === 'var_begin') {
          this.next();
          const expr = this.parseTuple(true);
          this.expectType('var_end');
          body.push({ kind: 'output', line: token.line, expr });
        } else if (token.type === 'block_begin') {
          const tag = this.peekName(1);
          if (tag !== undefined && endTags.includes(tag)) return body;
          this.next();
          body.push(this.statement());
        } else throw this.error('unexpected token', token);
      }
    });
  }

  private statement(): Stmt {
    const token = this.peek();
    const tag = this.peekName();
    if (tag === undefined) throw this.error('expected a tag name', token);
    if (UNSUPPORTED_TAGS.has(tag)) {
      throw new TemplateSyntaxError(`the '${tag}' tag is not available here (no template loader, no extensions)`, token.line);
    }
    this.next();
    switch (tag) {
      case 'if':
        return this.ifStatement(token.line);
      case 'for':
        return this.forStatement(token.line);
      case 'set':
        return this.setStatement(token.line);
      case 'macro':
        return this.macroStatement(token.line);
      case 'filter':
        return this.filterBlock(token.line);
      case 'with':
        return this.withStatement(token.line);
      default:
        throw new TemplateSyntaxError(`unknown tag '${tag}'`, token.line);
    }
  }

  /** Consumes `{% name %}` (the block_begin is current). */
  private endTag(name: string): void {
    this.next();
    this.expectName(name);
    this.expectType('block_end');
  }

  private ifStatement(line: number): Stmt {
    const branches: Array<{ test: Expr; body: Stmt[] }> = [];
    let test = this.parseTuple(false);
    this.expectType('block_end');
    while (true) {
      const body = this.subparse(['elif', 'else', 'endif']);
      branches.push({ test, body });
      this.next(); // block_begin
      const tag = this.expectName();
      if (tag === 'elif') {
        test = this.parseTuple(false);
        this.expectType('block_end');
        continue;
      }
      this.expectType('block_end');
      if (tag === 'endif') return { kind: 'if', line, branches, otherwise: [] };
      const otherwise = this.subparse(['endif']);
      this.endTag('endif');
      return { kind: 'if', line, branches, otherwise };
    }
  }

  private forStatement(line: number): Stmt {
    const target = this.parseAssignTarget(false);
    this.expectName('in');
    const iter = this.parseTuple(false);
    const filter = this.skipName('if') ? this.parseTuple(false) : undefined;
    const recursive = this.skipName('recursive');
    this.expectType('block_end');
    const body = this.subparse(['endfor', 'else']);
    this.next();
    const tag = this.expectName();
    this.expectType('block_end');
    let otherwise: Stmt[] = [];
    if (tag === 'else') {
      otherwise = this.subparse(['endfor']);
      this.endTag('endfor');
    }
    return { kind: 'for', line, target, iter, ...(filter ? { filter } : {}), body, otherwise, recursive };
  }

  private setStatement(line: number): Stmt {
    const target = this.parseAssignTarget(true);
    if (this.skipOp('=')) {
      const value = this.parseTuple(false);
      this.expectType('block_end');
      return { kind: 'set', line, target, value };
    }
    const filters = this.parseFilterChain();
    this.expectType('block_end');
    const body = this.subparse(['endset']);
    this.endTag('endset');
    return { kind: 'setblock', line, target, filters, body };
  }

  private macroStatement(line: number): Stmt {
    const name = this.expectName();
    const params: MacroParam[] = [];
    this.expectOp('(');
    while (!this.isOp(')')) {
      if (params.length > 0) this.expectOp(',');
      if (this.isOp(')')) break;
      const param = this.expectName();
      params.push(this.skipOp('=') ? { name: param, default: this.parseExpression() } : { name: param });
    }
    this.expectOp(')');
    this.expectType('block_end');
    const body = this.subparse(['endmacro']);
    this.endTag('endmacro');
    return { kind: 'macro', line, name, params, body };
  }

  private filterBlock(line: number): Stmt {
    const filters = this.parseFilterChain(true);
    this.expectType('block_end');
    const body = this.subparse(['endfilter']);
    this.endTag('endfilter');
    return { kind: 'filterblock', line, filters, body };
  }

  private withStatement(line: number): Stmt {
    const assignments: Array<[Target, Expr]> = [];
    while (this.peek().type !== 'block_end') {
      if (assignments.length > 0) this.expectOp(',');
      const target = this.parseAssignTarget(false);
      this.expectOp('=');
      assignments.push([target, this.parseExpression()]);
    }
    this.expectType('block_end');
    const body = this.subparse(['endwith']);
    this.endTag('endwith');
    return { kind: 'with', line, assignments, body };
  }

  /** `a`, `a, b`, `(a, b)`, and with `withNamespace` also `ns.attr`. */
  private parseAssignTarget(withNamespace: boolean): Target {
    const one = (): Target => {
      if (this.skipOp('(')) {
        const inner = this.parseAssignTarget(false);
        this.expectOp(')');
        return inner;
      }
      const name = this.expectName();
      if (withNamespace && this.skipOp('.')) return { kind: 'attr', namespace: name, attr: this.expectName() };
      if (name in CONSTANTS) throw new TemplateSyntaxError(`cannot assign to '${name}'`, this.peek().line);
      return { kind: 'name', name };
    };
    const first = one();
    if (!this.isOp(',')) return first;
    const items = [first];
    while (this.skipOp(',')) {
      if (this.isOp('=') || this.isName('in') || this.peek().type === 'block_end') break;
      items.push(one());
    }
    return { kind: 'tuple', items };
  }

  // --- expressions ------------------------------------------------------------

  /** A tuple when commas separate expressions (`{{ a, b }}`, `for x in a, b`), else one expression. */
  private parseTuple(withCondexpr: boolean, explicitParens = false): Expr {
    const line = this.peek().line;
    const parse = () => (withCondexpr ? this.parseExpression() : this.parseOr());
    const items: Expr[] = [];
    let comma = false;
    while (true) {
      if (items.length > 0) {
        if (!this.skipOp(',')) break;
        comma = true;
      }
      if (this.atTupleEnd(explicitParens)) break;
      items.push(parse());
    }
    if (!comma) {
      if (items.length === 1) return items[0]!;
      if (!explicitParens) throw this.error('expected an expression', this.peek());
    }
    return { kind: 'tuple', line, items };
  }

  private atTupleEnd(explicitParens: boolean): boolean {
    const token = this.peek();
    if (token.type === 'var_end' || token.type === 'block_end' || token.type === 'eof') return true;
    if (explicitParens && this.isOp(')')) return true;
    return this.isName('in') || this.isName('if') || this.isName('recursive');
  }

  parseExpression(): Expr {
    return this.nest(() => {
      let expr = this.parseOr();
      while (this.isName('if')) {
        const line = this.next().line;
        const test = this.parseOr();
        const otherwise = this.skipName('else') ? this.parseExpression() : undefined;
        expr = { kind: 'cond', line, test, then: expr, ...(otherwise ? { otherwise } : {}) };
      }
      return expr;
    });
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isName('or')) {
      const line = this.next().line;
      left = { kind: 'binary', line, op: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isName('and')) {
      const line = this.next().line;
      left = { kind: 'binary', line, op: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isName('not')) {
      const line = this.next().line;
      return this.nest(() => ({ kind: 'unary', line, op: 'not', operand: this.parseNot() }));
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const line = this.peek().line;
    const first = this.parseMath1();
    const ops: Array<[CompareOp, Expr]> = [];
    while (true) {
      const token = this.peek();
      if (token.type === 'op' && COMPARE_OPS.has(token.value)) {
        this.next();
        ops.push([token.value as CompareOp, this.parseMath1()]);
      } else if (this.isName('in')) {
        this.next();
        ops.push(['in', this.parseMath1()]);
      } else if (this.isName('not') && this.isName('in', 1)) {
        this.next();
        this.next();
        ops.push(['notin', this.parseMath1()]);
      } else break;
    }
    return ops.length === 0 ? first : { kind: 'compare', line, first, ops };
  }

  private parseBinary(next: () => Expr, ops: readonly string[]): Expr {
    let left = next();
    while (true) {
      const token = this.peek();
      if (token.type !== 'op' || !ops.includes(token.value)) return left;
      this.next();
      left = { kind: 'binary', line: token.line, op: token.value as BinaryOp, left, right: next() };
    }
  }

  private parseMath1(): Expr {
    return this.parseBinary(() => this.parseConcat(), ['+', '-']);
  }

  private parseConcat(): Expr {
    const line = this.peek().line;
    const items = [this.parseMath2()];
    while (this.skipOp('~')) items.push(this.parseMath2());
    return items.length === 1 ? items[0]! : { kind: 'concat', line, items };
  }

  private parseMath2(): Expr {
    return this.parseBinary(() => this.parsePow(), ['*', '/', '//', '%']);
  }

  private parsePow(): Expr {
    return this.parseBinary(() => this.parseUnary(), ['**']);
  }

  private parseUnary(withFilter = true): Expr {
    return this.nest(() => {
      const token = this.peek();
      let node: Expr;
      if (token.type === 'op' && (token.value === '-' || token.value === '+')) {
        this.next();
        node = { kind: 'unary', line: token.line, op: token.value, operand: this.parseUnary(false) };
      } else node = this.parsePostfix(this.parsePrimary());
      return withFilter ? this.parseFilterExpr(node) : node;
    });
  }

  private parsePrimary(): Expr {
    const token = this.next();
    const line = token.line;
    switch (token.type) {
      case 'name':
        if (token.value in CONSTANTS) return { kind: 'const', line, value: CONSTANTS[token.value]! };
        return { kind: 'name', line, name: token.value };
      case 'string': {
        let value = token.value;
        // Adjacent string literals are joined, as in Python.
        for (let t = this.peek(); t.type === 'string'; t = this.peek()) value += (this.next() as { value: string }).value;
        return { kind: 'const', line, value };
      }
      case 'number':
        return { kind: 'const', line, value: token.float ? new PyFloat(token.value) : token.value };
      case 'op':
        if (token.value === '(') {
          const expr = this.nest(() => this.parseTuple(true, true));
          this.expectOp(')');
          return expr;
        }
        if (token.value === '[') return this.nest(() => this.parseList(line));
        if (token.value === '{') return this.nest(() => this.parseDict(line));
        break;
    }
    throw this.error('unexpected token', token);
  }

  private parseList(line: number): Expr {
    const items: Expr[] = [];
    while (!this.isOp(']')) {
      if (items.length > 0) this.expectOp(',');
      if (this.isOp(']')) break;
      items.push(this.parseExpression());
    }
    this.expectOp(']');
    return { kind: 'list', line, items };
  }

  private parseDict(line: number): Expr {
    const pairs: Array<[Expr, Expr]> = [];
    while (!this.isOp('}')) {
      if (pairs.length > 0) this.expectOp(',');
      if (this.isOp('}')) break;
      const key = this.parseExpression();
      this.expectOp(':');
      pairs.push([key, this.parseExpression()]);
    }
    this.expectOp('}');
    return { kind: 'dict', line, pairs };
  }

  private parsePostfix(node: Expr): Expr {
    let depth = 0;
    while (true) {
      if (++depth > MAX_NESTING * 4) throw new TemplateSyntaxError('the expression is too long', node.line);
      if (this.isOp('.') || this.isOp('[')) node = this.parseSubscript(node);
      else if (this.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    let depth = 0;
    while (true) {
      if (++depth > MAX_NESTING * 4) throw new TemplateSyntaxError('the expression is too long', node.line);
      if (this.isOp('|')) node = this.parseFilter(node);
      else if (this.isName('is')) node = this.parseTest(node);
      else if (this.isOp('(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const token = this.next();
    const line = token.line;
    if (token.type === 'op' && token.value === '.') {
      const attr = this.next();
      if (attr.type === 'name') return { kind: 'getattr', line, object: node, name: attr.value };
      if (attr.type === 'number' && !attr.float) return { kind: 'getitem', line, object: node, key: { kind: 'const', line, value: attr.value } };
      throw this.error('expected an attribute name', attr);
    }
    const keys: Expr[] = [];
    while (!this.isOp(']')) {
      if (keys.length > 0) this.expectOp(',');
      keys.push(this.parseSubscribed());
    }
    this.expectOp(']');
    const key: Expr = keys.length === 1 ? keys[0]! : { kind: 'tuple', line, items: keys };
    return { kind: 'getitem', line, object: node, key };
  }

  private parseSubscribed(): Expr {
    const line = this.peek().line;
    const part = (): Expr | undefined => (this.isOp(':') || this.isOp(']') || this.isOp(',') ? undefined : this.parseExpression());
    const start = part();
    if (!this.skipOp(':')) {
      if (!start) throw this.error('expected an index', this.peek());
      return start;
    }
    const stop = part();
    const step = this.skipOp(':') ? part() : undefined;
    return { kind: 'slice', line, ...(start ? { start } : {}), ...(stop ? { stop } : {}), ...(step ? { step } : {}) };
  }

  private parseArgs(): Args {
    this.expectOp('(');
    const args: Args = { positional: [], keywords: [] };
    while (!this.isOp(')')) {
      if (args.positional.length + args.keywords.length > 0) this.expectOp(',');
      if (this.isOp(')')) break;
      if (this.peek().type === 'name' && this.isOp('=', 1)) {
        const key = this.expectName();
        this.next();
        args.keywords.push([key, this.parseExpression()]);
      } else {
        if (args.keywords.length > 0) throw this.error('positional argument after keyword argument', this.peek());
        args.positional.push(this.parseExpression());
      }
    }
    this.expectOp(')');
    return args;
  }

  private parseCall(node: Expr): Expr {
    const line = this.peek().line;
    return { kind: 'call', line, callee: node, args: this.nest(() => this.parseArgs()) };
  }

  private dottedName(): string {
    let name = this.expectName();
    while (this.isOp('.') && this.peek(1).type === 'name') {
      this.next();
      name += '.' + this.expectName();
    }
    return name;
  }

  private parseOneFilter(): FilterCall {
    const line = this.peek().line;
    const name = this.dottedName();
    const args = this.isOp('(') ? this.nest(() => this.parseArgs()) : { positional: [], keywords: [] };
    return { name, args, line };
  }

  private parseFilterChain(requireOne = false): FilterCall[] {
    const filters: FilterCall[] = [];
    if (requireOne) filters.push(this.parseOneFilter());
    while (this.skipOp('|')) filters.push(this.parseOneFilter());
    return filters;
  }

  private parseFilter(node: Expr): Expr {
    this.expectOp('|');
    const { name, args, line } = this.parseOneFilter();
    return { kind: 'filter', line, operand: node, name, args };
  }

  private parseTest(node: Expr): Expr {
    const line = this.next().line; // 'is'
    const negated = this.skipName('not');
    const name = this.dottedName();
    let args: Args = { positional: [], keywords: [] };
    if (this.isOp('(')) args = this.nest(() => this.parseArgs());
    else if (this.startsPrimary()) {
      const arg = this.nest(() => this.parsePostfix(this.parsePrimary()));
      args = { positional: [arg], keywords: [] };
    }
    return { kind: 'test', line, operand: node, name, args, negated };
  }

  /** A test argument without parentheses (`x is divisibleby 3`), as Jinja allows. */
  private startsPrimary(): boolean {
    const token = this.peek();
    if (token.type === 'string' || token.type === 'number') return true;
    if (token.type === 'op') return token.value === '[' || token.value === '{';
    if (token.type === 'name') return !['else', 'or', 'and', 'if', 'in', 'not', 'is', 'recursive'].includes(token.value);
    return false;
  }
}

/** Parses a template, then checks its filter and test names as Jinja's compiler does (names.ts). */
export function parseTemplate(tokens: Token[], names: ParserNames): Stmt[] {
  const body = new Parser(tokens).parseTemplate();
  checkNames(body, names);
  return body;
}
