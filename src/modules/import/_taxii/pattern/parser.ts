/**
 * A recursive-descent parser for STIX 2.x patterns. It accepts the whole
 * grammar (qualifiers, FOLLOWEDBY, every operator) so that a pattern is
 * either understood or rejected with the reason; what the converter can map
 * is decided later, on the tree.
 */
import type {
  Comparison,
  ComparisonExpression,
  ComparisonOperator,
  Literal,
  ObjectPath,
  ObservationExpression,
  PathStep,
  Qualifier,
} from './ast.js';
import { PatternSyntaxError, tokenize, type Token, type TokenKind } from './lexer.js';

export { PatternSyntaxError };

/** Nesting deeper than this is refused (a hostile pattern must not exhaust the stack). */
const MAX_DEPTH = 64;

class Parser {
  #pos = 0;
  #depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.#pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.#pos += 1;
    return token;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'keyword' && token.text === word;
  }

  private expect(kind: TokenKind, what: string): Token {
    const token = this.next();
    if (token.kind !== kind) throw this.error(token, what);
    return token;
  }

  private expectKeyword(word: string): void {
    const token = this.next();
    if (token.kind !== 'keyword' || token.text !== word) throw this.error(token, word);
  }

  private error(token: Token, expected: string): PatternSyntaxError {
    const found = token.kind === 'end' ? 'the end of the pattern' : JSON.stringify(token.text);
    return new PatternSyntaxError(`expected ${expected} at offset ${token.at}, found ${found}`);
  }

  private nested<T>(parse: () => T): T {
    this.#depth += 1;
    if (this.#depth > MAX_DEPTH) throw new PatternSyntaxError(`the pattern nests deeper than ${MAX_DEPTH} levels`);
    try {
      return parse();
    } finally {
      this.#depth -= 1;
    }
  }

  parsePattern(): ObservationExpression {
    const expression = this.observationExpressions();
    const rest = this.peek();
    if (rest.kind !== 'end') throw this.error(rest, 'the end of the pattern');
    return expression;
  }

  // FOLLOWEDBY binds loosest, then OR, then AND (the grammar's precedence).
  private observationExpressions(): ObservationExpression {
    return this.observationChain('FOLLOWEDBY', 'followedby', () => this.observationOr());
  }

  private observationOr(): ObservationExpression {
    return this.observationChain('OR', 'or', () => this.observationAnd());
  }

  private observationAnd(): ObservationExpression {
    return this.observationChain('AND', 'and', () => this.observation());
  }

  private observationChain(
    keyword: string,
    kind: 'and' | 'or' | 'followedby',
    item: () => ObservationExpression,
  ): ObservationExpression {
    const items = [item()];
    while (this.isKeyword(keyword)) {
      this.next();
      items.push(item());
    }
    return items.length === 1 ? items[0]! : { kind, items, qualifiers: [] };
  }

  private observation(): ObservationExpression {
    return this.nested(() => {
      const token = this.next();
      let expression: ObservationExpression;
      if (token.kind === 'lbracket') {
        const comparison = this.comparisonOr();
        this.expect('rbracket', '"]"');
        expression = { kind: 'observation', comparison, qualifiers: [] };
      } else if (token.kind === 'lparen') {
        expression = this.observationExpressions();
        this.expect('rparen', '")"');
      } else {
        throw this.error(token, '"[" or "("');
      }
      const qualifiers = this.qualifiers();
      return qualifiers.length === 0 ? expression : { ...expression, qualifiers: [...expression.qualifiers, ...qualifiers] };
    });
  }

  private qualifiers(): Qualifier[] {
    const found: Qualifier[] = [];
    for (;;) {
      if (this.isKeyword('START')) {
        this.next();
        const start = this.expect('timestamp', "a timestamp (t'…')");
        this.expectKeyword('STOP');
        const stop = this.expect('timestamp', "a timestamp (t'…')");
        found.push({ kind: 'start-stop', text: `START t'${start.text}' STOP t'${stop.text}'` });
      } else if (this.isKeyword('WITHIN')) {
        this.next();
        const amount = this.next();
        if (amount.kind !== 'int' && amount.kind !== 'float') throw this.error(amount, 'a number of seconds');
        this.expectKeyword('SECONDS');
        found.push({ kind: 'within', text: `WITHIN ${amount.text} SECONDS` });
      } else if (this.isKeyword('REPEATS')) {
        this.next();
        const count = this.expect('int', 'a repeat count');
        this.expectKeyword('TIMES');
        found.push({ kind: 'repeats', text: `REPEATS ${count.text} TIMES` });
      } else {
        return found;
      }
    }
  }

  private comparisonOr(): ComparisonExpression {
    const items = [this.comparisonAnd()];
    while (this.isKeyword('OR')) {
      this.next();
      items.push(this.comparisonAnd());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private comparisonAnd(): ComparisonExpression {
    const items = [this.propositionTest()];
    while (this.isKeyword('AND')) {
      this.next();
      items.push(this.propositionTest());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private propositionTest(): ComparisonExpression {
    return this.nested(() => {
      if (this.peek().kind === 'lparen') {
        this.next();
        const inner = this.comparisonOr();
        this.expect('rparen', '")"');
        return inner;
      }
      if (this.isKeyword('EXISTS')) {
        this.next();
        return { kind: 'exists', path: this.objectPath() };
      }
      const path = this.objectPath();
      let negated = false;
      if (this.isKeyword('NOT')) {
        this.next();
        negated = true;
      }
      return this.comparison(path, negated);
    });
  }

  private comparison(path: ObjectPath, negated: boolean): Comparison {
    const token = this.next();
    if (token.kind === 'op') {
      return { kind: 'comparison', path, operator: token.text as ComparisonOperator, negated, value: this.literal() };
    }
    if (token.kind === 'keyword' && token.text === 'IN') {
      return { kind: 'comparison', path, operator: 'IN', negated, value: this.literalSet() };
    }
    if (token.kind === 'keyword' && ['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(token.text)) {
      const value = this.expect('string', 'a string');
      return {
        kind: 'comparison',
        path,
        operator: token.text as ComparisonOperator,
        negated,
        value: { kind: 'string', value: value.text },
      };
    }
    throw this.error(token, 'a comparison operator');
  }

  private literalSet(): Literal[] {
    this.expect('lparen', '"("');
    const values = [this.literal()];
    while (this.peek().kind === 'comma') {
      this.next();
      values.push(this.literal());
    }
    this.expect('rparen', '")"');
    return values;
  }

  private literal(): Literal {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.text };
      case 'int':
        return { kind: 'int', value: Number(token.text) };
      case 'float':
        return { kind: 'float', value: Number(token.text) };
      case 'bool':
        return { kind: 'bool', value: token.text === 'true' };
      case 'timestamp':
      case 'hex':
      case 'binary':
        return { kind: token.kind, value: token.text };
      default:
        throw this.error(token, 'a value');
    }
  }

  private objectPath(): ObjectPath {
    const type = this.expect('identifier', 'an object type');
    this.expect('colon', '":"');
    const steps: PathStep[] = [this.propertyName()];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'dot') {
        this.next();
        steps.push(this.propertyName());
      } else if (token.kind === 'lbracket' && this.isIndex()) {
        this.next();
        const index = this.next();
        this.next(); // the closing bracket, checked by isIndex()
        steps.push({ index: index.kind === 'int' ? Number(index.text) : '*' });
      } else {
        return { objectType: type.text, steps };
      }
    }
  }

  /** `[0]` or `[*]` after a path (not the `]` closing an observation). */
  private isIndex(): boolean {
    const inside = this.peek(1).kind;
    return (inside === 'int' || inside === 'star') && this.peek(2).kind === 'rbracket';
  }

  private propertyName(): PathStep {
    const token = this.next();
    if (token.kind === 'identifier' || token.kind === 'string' || token.kind === 'keyword' || token.kind === 'bool') {
      return { property: token.text };
    }
    throw this.error(token, 'a property name');
  }
}

/** Parses a pattern; throws PatternSyntaxError with the reason. */
export function parsePattern(pattern: string): ObservationExpression {
  return new Parser(tokenize(pattern)).parsePattern();
}
