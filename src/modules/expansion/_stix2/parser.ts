/**
 * Recursive-descent parser for STIX 2.1 patterns, written from the OASIS
 * STIXPattern grammar:
 *
 *   pattern        := obsFollowedBy EOF
 *   obsFollowedBy  := obsOr ('FOLLOWEDBY' obsOr)*
 *   obsOr          := obsAnd ('OR' obsAnd)*
 *   obsAnd         := observation ('AND' observation)*
 *   observation    := ('[' comparison ']' | '(' obsFollowedBy ')') qualifier*
 *   qualifier      := 'START' t'…' 'STOP' t'…' | 'WITHIN' posNumber 'SECONDS' | 'REPEATS' posInt 'TIMES'
 *   comparison     := compAnd ('OR' compAnd)*
 *   compAnd        := propTest ('AND' propTest)*
 *   propTest       := path 'NOT'? ('='|'!=') primitive | path 'NOT'? ('<'|'<='|'>'|'>=') orderable
 *                   | path 'NOT'? 'IN' set | path 'NOT'? ('LIKE'|'MATCHES'|'ISSUBSET'|'ISSUPERSET') string
 *                   | 'NOT'? 'EXISTS' path | '(' comparison ')'
 *   path           := objectType ':' (ident | string) ('.' (ident | string) | '[' (int | '*') ']')*
 *
 * Errors inside a comparison expression are recovered at the next top-level
 * AND/OR, so that every faulty comparison of an observation is reported (as
 * upstream's per-comparison validation did); any other error stops the parse.
 */
import type { ComparisonExpression, ComparisonOperator, Literal, LiteralType, ObjectPath, ObservationExpression, PathStep, Qualifier } from './ast.js';
import { KEYWORDS, describeToken, tokenize, type Token, type TokenType } from './lexer.js';

export interface PatternError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export interface ParseOutcome {
  readonly tree: ObservationExpression | undefined;
  readonly errors: readonly PatternError[];
}

/** Upstream reports a handful at most; more only repeats the same mistake. */
const MAX_ERRORS = 10;
/** Parentheses and brackets nest at most this deep (keeps the recursion far from the stack limit). */
const MAX_DEPTH = 100;

class SyntaxProblem extends Error {
  constructor(
    readonly token: Token,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Stops the parse after errors were recorded and recovery ran into the end of the input. */
class GiveUp extends Error {}

const LITERAL_TYPES: Partial<Record<TokenType, LiteralType>> = {
  IntPos: 'int', IntNeg: 'int', FloatPos: 'float', FloatNeg: 'float', String: 'string',
  Bool: 'bool', Timestamp: 'timestamp', Hex: 'hex', Binary: 'binary',
};

const ORDER_OPERATORS: Partial<Record<TokenType, ComparisonOperator>> = { LT: '<', LE: '<=', GT: '>', GE: '>=' };
const STRING_OPERATORS = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

export function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(['\\])/g, '$1');
}

class Parser {
  readonly #tokens: Token[];
  #pos = 0;
  #depth = 0;
  readonly errors: PatternError[] = [];

  constructor(source: string) {
    this.#tokens = tokenize(source);
  }

  parse(): ObservationExpression | undefined {
    try {
      const tree = this.#followedBy();
      const token = this.#peek();
      if (token.type !== 'EOF') throw this.#unexpected(token, 'AND, OR, FOLLOWEDBY, a qualifier (WITHIN, REPEATS, START) or the end of the pattern');
      return this.errors.length === 0 ? tree : undefined;
    } catch (error) {
      if (error instanceof SyntaxProblem) this.#record(error);
      else if (!(error instanceof GiveUp)) throw error;
      return undefined;
    }
  }

  // ---- token helpers

  #peek(offset = 0): Token {
    return this.#tokens[Math.min(this.#pos + offset, this.#tokens.length - 1)]!;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.type !== 'EOF') this.#pos += 1;
    return token;
  }

  #isKeyword(word: string, offset = 0): boolean {
    const token = this.#peek(offset);
    return token.type === 'Keyword' && token.text === word;
  }

  #expectKeyword(word: string, expectation: string): Token {
    if (this.#isKeyword(word)) return this.#next();
    throw this.#unexpected(this.#peek(), expectation);
  }

  #expect(types: readonly TokenType[], expectation: string): Token {
    const token = this.#peek();
    if (types.includes(token.type)) return this.#next();
    throw this.#unexpected(token, expectation);
  }

  #unexpected(token: Token, expectation: string): SyntaxProblem {
    if (token.type === 'invalid') return new SyntaxProblem(token, token.problem ?? `invalid input ${describeToken(token)}`);
    let hint = '';
    if (token.type === 'Ident' && KEYWORDS.has(token.text.toUpperCase())) hint = ` (keywords are case-sensitive: write '${token.text.toUpperCase()}')`;
    if (token.type === 'Ident' && (token.text === 'TRUE' || token.text === 'FALSE' || token.text === 'True' || token.text === 'False')) {
      hint = ` (booleans are written 'true' and 'false')`;
    }
    return new SyntaxProblem(token, `unexpected ${describeToken(token)}, expected ${expectation}${hint}`);
  }

  #record(problem: SyntaxProblem): void {
    if (this.errors.length < MAX_ERRORS) {
      this.errors.push({ line: problem.token.line, column: problem.token.column, reason: problem.reason });
    }
  }

  // ---- observation expressions

  #followedBy(): ObservationExpression {
    let left = this.#observationOr();
    while (this.#isKeyword('FOLLOWEDBY')) {
      this.#next();
      left = { kind: 'followedby', left, right: this.#observationOr() };
    }
    return left;
  }

  #observationOr(): ObservationExpression {
    let left = this.#observationAnd();
    while (this.#isKeyword('OR')) {
      this.#next();
      left = { kind: 'or', left, right: this.#observationAnd() };
    }
    return left;
  }

  #observationAnd(): ObservationExpression {
    let left = this.#observation();
    while (this.#isKeyword('AND')) {
      this.#next();
      left = { kind: 'and', left, right: this.#observation() };
    }
    return left;
  }

  /** Runs a nested parse one level deeper, refusing absurd nesting. */
  #nested<T>(open: Token, parse: () => T): T {
    if (this.#depth >= MAX_DEPTH) throw new SyntaxProblem(open, `expressions are nested more than ${MAX_DEPTH} levels deep`);
    this.#depth += 1;
    try {
      return parse();
    } finally {
      this.#depth -= 1;
    }
  }

  #observation(): ObservationExpression {
    const open = this.#peek();
    let base: { kind: 'simple'; comparison: ComparisonExpression | undefined } | { kind: 'compound'; inner: ObservationExpression };
    if (open.type === 'LBRACK') {
      this.#next();
      const comparison = this.#nested(open, () => this.#comparison());
      this.#expect(['RBRACK'], "']' to close the observation expression");
      base = { kind: 'simple', comparison };
    } else if (open.type === 'LPAREN') {
      this.#next();
      const inner = this.#nested(open, () => this.#followedBy());
      this.#expect(['RPAREN'], "')' to close the group of observation expressions");
      base = { kind: 'compound', inner };
    } else {
      throw this.#unexpected(open, "'[' to start an observation expression (or '(' to group them)");
    }
    const qualifiers: Qualifier[] = [];
    for (let q = this.#qualifier(); q; q = this.#qualifier()) qualifiers.push(q);
    return { ...base, qualifiers };
  }

  #qualifier(): Qualifier | undefined {
    const token = this.#peek();
    if (this.#isKeyword('WITHIN')) {
      this.#next();
      this.#expect(['IntPos', 'FloatPos'], 'a positive number of seconds after WITHIN');
      this.#expectKeyword('SECONDS', 'SECONDS (the only time unit of WITHIN)');
      return { type: 'WITHIN', token };
    }
    if (this.#isKeyword('REPEATS')) {
      this.#next();
      this.#expect(['IntPos'], 'a positive integer after REPEATS');
      this.#expectKeyword('TIMES', 'TIMES after the REPEATS count');
      return { type: 'REPEATS', token };
    }
    if (this.#isKeyword('START')) {
      this.#next();
      this.#expect(['Timestamp'], "a timestamp literal t'YYYY-MM-DDTHH:MM:SSZ' after START");
      this.#expectKeyword('STOP', 'STOP after the START timestamp');
      this.#expect(['Timestamp'], "a timestamp literal t'YYYY-MM-DDTHH:MM:SSZ' after STOP");
      return { type: 'STARTSTOP', token };
    }
    return undefined;
  }

  // ---- comparison expressions (with recovery)

  #comparison(): ComparisonExpression | undefined {
    let left = this.#comparisonAnd();
    while (this.#isKeyword('OR')) {
      this.#next();
      left = joined('or', left, this.#comparisonAnd());
    }
    return left;
  }

  #comparisonAnd(): ComparisonExpression | undefined {
    let left = this.#recovering();
    while (this.#isKeyword('AND')) {
      this.#next();
      left = joined('and', left, this.#recovering());
    }
    return left;
  }

  #recovering(): ComparisonExpression | undefined {
    const start = this.#pos;
    try {
      return this.#propTest();
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      this.#record(error);
      // Rescan from the comparison's start so that brackets opened inside it (list indexes) are counted.
      this.#pos = start;
      this.#skipComparison();
      return undefined;
    }
  }

  /** Skips to the AND/OR, ')' or ']' that ends the faulty comparison. */
  #skipComparison(): void {
    let parens = 0;
    let brackets = 0;
    for (let token = this.#peek(); token.type !== 'EOF'; token = this.#peek()) {
      if (token.type === 'LPAREN') parens += 1;
      else if (token.type === 'LBRACK') brackets += 1;
      else if (token.type === 'RPAREN') {
        if (parens === 0) return;
        parens -= 1;
      } else if (token.type === 'RBRACK') {
        if (brackets === 0) return;
        brackets -= 1;
      } else if (parens === 0 && brackets === 0 && (this.#isKeyword('AND') || this.#isKeyword('OR'))) return;
      this.#next();
    }
    throw new GiveUp();
  }

  #propTest(): ComparisonExpression {
    if (this.#peek().type === 'LPAREN') {
      const open = this.#next();
      const inner = this.#nested(open, () => this.#comparison());
      this.#expect(['RPAREN'], "')' to close the parenthesised comparison");
      return { kind: 'paren', inner: inner ?? placeholder() };
    }
    if (this.#isKeyword('EXISTS') || (this.#isKeyword('NOT') && this.#isKeyword('EXISTS', 1))) {
      const negated = this.#isKeyword('NOT');
      if (negated) this.#next();
      this.#next();
      return { kind: 'exists', negated, path: this.#objectPath() };
    }
    const path = this.#objectPath();
    const negated = this.#isKeyword('NOT');
    if (negated) this.#next();
    const op = this.#peek();
    if (op.type === 'EQ' || op.type === 'NEQ') {
      this.#next();
      return { kind: 'test', negated, path, operator: op.type === 'EQ' ? '=' : '!=', value: this.#literal(true) };
    }
    const order = ORDER_OPERATORS[op.type];
    if (order) {
      this.#next();
      return { kind: 'test', negated, path, operator: order, value: this.#literal(false) };
    }
    if (this.#isKeyword('IN')) {
      this.#next();
      return { kind: 'test', negated, path, operator: 'IN', value: this.#set() };
    }
    if (op.type === 'Keyword' && STRING_OPERATORS.has(op.text)) {
      this.#next();
      const value = this.#expect(['String'], `a quoted string after ${op.text}`);
      return { kind: 'test', negated, path, operator: op.text as ComparisonOperator, value: literalOf(value) };
    }
    throw this.#unexpected(op, 'a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)');
  }

  #objectPath(): ObjectPath {
    const typeToken = this.#expect(['Ident', 'IdentHyphen'], "an object path such as 'file:name' (an object type first)");
    this.#expect(['COLON'], "':' between the object type and the property name");
    const first = this.#expect(['Ident', 'String'], "a property name after ':' (quote names that contain '-')");
    const steps: PathStep[] = [{ kind: 'key', name: first.type === 'String' ? unquote(first.text) : first.text }];
    while (true) {
      const token = this.#peek();
      if (token.type === 'DOT') {
        this.#next();
        const key = this.#expect(['Ident', 'String'], "a property name after '.' (quote names that contain '-')");
        steps.push({ kind: 'key', name: key.type === 'String' ? unquote(key.text) : key.text });
      } else if (token.type === 'LBRACK') {
        this.#next();
        const index = this.#expect(['IntPos', 'IntNeg', 'ASTERISK'], "a list index (an integer or '*')");
        this.#expect(['RBRACK'], "']' to close the list index");
        steps.push({ kind: 'index', index: index.type === 'ASTERISK' ? '*' : Number(index.text) });
      } else {
        return { objectType: typeToken.text, steps, token: typeToken };
      }
    }
  }

  #literal(allowBool: boolean): Literal {
    const token = this.#peek();
    const type = LITERAL_TYPES[token.type];
    if (type && (allowBool || type !== 'bool')) return literalOf(this.#next());
    throw this.#unexpected(
      token,
      allowBool
        ? "a literal value (a quoted string, number, true/false, t'…', h'…' or b'…')"
        : "an orderable literal (a quoted string, number, t'…', h'…' or b'…')",
    );
  }

  #set(): Literal[] {
    this.#expect(['LPAREN'], "'(' to start the set of values after IN");
    const values: Literal[] = [];
    if (this.#peek().type === 'RPAREN') {
      this.#next();
      return values;
    }
    values.push(this.#literal(true));
    while (this.#peek().type === 'COMMA') {
      this.#next();
      values.push(this.#literal(true));
    }
    this.#expect(['RPAREN'], "',' or ')' in the set of values");
    return values;
  }
}

function literalOf(token: Token): Literal {
  const type = LITERAL_TYPES[token.type] ?? 'string';
  return { type, text: token.text, value: type === 'string' ? unquote(token.text) : token.text };
}

/** Stands in for a comparison that failed to parse (the tree is discarded when there are errors). */
function placeholder(): ComparisonExpression {
  return { kind: 'exists', negated: false, path: { objectType: '', steps: [], token: { type: 'EOF', text: '', offset: 0, line: 1, column: 0 } } };
}

function joined(kind: 'and' | 'or', left: ComparisonExpression | undefined, right: ComparisonExpression | undefined): ComparisonExpression | undefined {
  if (!left) return right;
  if (!right) return left;
  return { kind, left, right };
}

export function parsePattern(source: string): ParseOutcome {
  const parser = new Parser(source);
  const tree = parser.parse();
  return { tree, errors: parser.errors };
}
