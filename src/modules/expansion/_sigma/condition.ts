/**
 * The Sigma condition language: `selection and not filter`, `1 of sel*`,
 * `all of them`, parentheses, and the legacy aggregation after a pipe
 * (`| count(field) by group > 5`, `| near a and not b`). Precedence is
 * NOT > AND > OR, binary operators group to the left, as in legacy sigmac.
 * Columns in messages are 1-based.
 */
import { parseDefinition } from './definitions.js';
import { SigmaRuleError } from './errors.js';
import { optimizeTree } from './optimizer.js';
import { and, or, sub, type Node } from './tree.js';
import type { YamlValue } from './yaml-value.js';

type TokenKind = 'and' | 'or' | 'not' | 'oneof' | 'allof' | 'id' | 'lpar' | 'rpar' | 'pipe' | 'op' | 'end';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly column: number;
}

export function tokenizeCondition(condition: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s+|(1|all)\s+of\b|[\w*]+|==|<=|>=|[<>()|]/giy;
  let match: RegExpExecArray | null;
  while (re.lastIndex < condition.length) {
    const at = re.lastIndex;
    match = re.exec(condition);
    if (!match) throw new SigmaRuleError(`unexpected character '${condition[at]}' in the condition at column ${at + 1}`);
    const text = match[0];
    const column = at + 1;
    if (/^\s+$/.test(text)) continue;
    const lower = text.toLowerCase();
    if (match[1]) tokens.push({ kind: match[1] === '1' ? 'oneof' : 'allof', text, column });
    else if (lower === 'and' || lower === 'or' || lower === 'not') tokens.push({ kind: lower, text, column });
    else if (text === '(') tokens.push({ kind: 'lpar', text, column });
    else if (text === ')') tokens.push({ kind: 'rpar', text, column });
    else if (text === '|') tokens.push({ kind: 'pipe', text, column });
    else if (/^[<>=]/.test(text)) tokens.push({ kind: 'op', text, column });
    else tokens.push({ kind: 'id', text, column });
  }
  tokens.push({ kind: 'end', text: '', column: condition.length + 1 });
  return tokens;
}

export interface Aggregation {
  readonly func: 'count' | 'min' | 'max' | 'avg' | 'sum' | 'near';
  readonly field?: string;
  readonly groupField?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

export interface ParsedCondition {
  /** Undefined when the condition selects nothing (e.g. `1 of x*` matching no identifier). */
  readonly search: Node | undefined;
  readonly aggregation?: Aggregation;
}

/** Definition names → definitions, in rule order (`detection` minus `condition`). */
export type Definitions = ReadonlyMap<string, YamlValue>;

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the condition' : `'${token.text}' at column ${token.column}`;
}

/** Parentheses and NOTs nest at most this deep (keeps the recursion far from the stack limit). */
const MAX_DEPTH = 100;

class ConditionParser {
  #pos = 0;
  #depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly definitions: Definitions,
  ) {}

  #peek(): Token {
    return this.tokens[this.#pos]!;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#pos += 1;
    return token;
  }

  parse(): ParsedCondition {
    const search = this.#or();
    const token = this.#peek();
    if (token.kind === 'pipe') {
      this.#next();
      return { search: optimizeTree(search), aggregation: this.#aggregation() };
    }
    if (token.kind !== 'end') throw new SigmaRuleError(`unexpected ${describe(token)} in the condition: expected 'and', 'or' or the end`);
    return { search: optimizeTree(search) };
  }

  #or(): Node {
    let left = this.#and();
    while (this.#peek().kind === 'or') {
      this.#next();
      left = or([left, this.#and()]);
    }
    return left;
  }

  #and(): Node {
    let left = this.#not();
    while (this.#peek().kind === 'and') {
      this.#next();
      left = and([left, this.#not()]);
    }
    return left;
  }

  #not(): Node {
    if (this.#depth >= MAX_DEPTH) throw new SigmaRuleError(`the condition nests more than ${MAX_DEPTH} levels deep`);
    this.#depth += 1;
    try {
      if (this.#peek().kind === 'not') {
        this.#next();
        return { kind: 'not', item: this.#not() };
      }
      return this.#primary();
    } finally {
      this.#depth -= 1;
    }
  }

  #primary(): Node {
    const token = this.#next();
    if (token.kind === 'lpar') {
      if (this.#peek().kind === 'rpar') throw new SigmaRuleError(`empty parentheses at column ${token.column} of the condition`);
      const inner = this.#or();
      const close = this.#next();
      if (close.kind !== 'rpar') throw new SigmaRuleError(`missing ')' for the '(' at column ${token.column} of the condition (found ${describe(close)})`);
      // Legacy parsed every parenthesised group as a condition of its own (optimized on its own).
      const optimized = optimizeTree(inner);
      if (!optimized) throw new SigmaRuleError(`the group at column ${token.column} of the condition selects nothing`);
      return sub(optimized);
    }
    if (token.kind === 'oneof' || token.kind === 'allof') {
      const target = this.#next();
      if (target.kind !== 'id') throw new SigmaRuleError(`expected a search identifier, a pattern or 'them' after '${token.text}', found ${describe(target)}`);
      return this.#xOf(target, token.kind === 'allof' ? 'and' : 'or');
    }
    if (token.kind === 'id') {
      if (token.text.includes('*') || token.text === 'them') {
        throw new SigmaRuleError(`'${token.text}' at column ${token.column} of the condition needs '1 of' or 'all of' before it`);
      }
      return sub(this.#definition(token));
    }
    if (token.kind === 'rpar') throw new SigmaRuleError(`unbalanced ')' at column ${token.column} of the condition`);
    throw new SigmaRuleError(`expected a search identifier, 'not', '1 of', 'all of' or '(' in the condition, found ${describe(token)}`);
  }

  #definition(token: Token, override?: 'and' | 'or'): Node {
    if (!this.definitions.has(token.text)) {
      throw new SigmaRuleError(`the condition refers to '${token.text}' (column ${token.column}), which is not defined under detection`);
    }
    try {
      return parseDefinition(this.definitions.get(token.text)!, override);
    } catch (error) {
      if (error instanceof SigmaRuleError) throw new SigmaRuleError(`detection '${token.text}': ${error.message}`);
      throw error;
    }
  }

  #xOf(target: Token, kind: 'and' | 'or'): Node {
    const name = target.text;
    if (name !== 'them' && !name.includes('*')) return sub(this.#definition(target, kind));
    const pattern = new RegExp(`^${name.replace(/\*/g, '.*')}$`);
    const items: Node[] = [];
    for (const defName of this.definitions.keys()) {
      if (defName === 'timeframe' || (name !== 'them' && !pattern.test(defName))) continue;
      items.push(sub(this.#definition({ kind: 'id', text: defName, column: target.column })));
    }
    if (items.length === 0 && name !== 'them') {
      throw new SigmaRuleError(`'${name}' (column ${target.column} of the condition) matches no search identifier`);
    }
    return sub({ kind, items });
  }

  #aggregation(): Aggregation {
    const func = this.#next();
    const name = func.text.toLowerCase();
    if (func.kind !== 'id' || !['count', 'min', 'max', 'avg', 'sum', 'near'].includes(name)) {
      throw new SigmaRuleError(`unknown aggregation ${describe(func)}: expected count, min, max, avg, sum or near`);
    }
    if (name === 'near') return this.#near();
    this.#expect('lpar', `'(' after ${name}`);
    let field: string | undefined;
    if (this.#peek().kind === 'id') field = this.#next().text;
    this.#expect('rpar', `')' to close ${name}(`);
    let groupField: string | undefined;
    if (this.#peek().kind === 'id' && this.#peek().text.toLowerCase() === 'by') {
      this.#next();
      groupField = this.#expect('id', "a field name after 'by'").text;
    }
    const operator = this.#expect('op', 'a comparison (==, <, <=, >, >=) in the aggregation').text;
    const value = this.#expect('id', 'a value to compare the aggregation with').text;
    this.#expect('end', 'the end of the condition after the aggregation');
    return { func: name as Aggregation['func'], ...(field !== undefined && { field }), ...(groupField !== undefined && { groupField }), operator, value };
  }

  #near(): Aggregation {
    const include: string[] = [];
    const exclude: string[] = [];
    include.push(this.#expect('id', "a search identifier after 'near'").text);
    while (this.#peek().kind === 'and') {
      this.#next();
      if (this.#peek().kind === 'not') {
        this.#next();
        exclude.push(this.#expect('id', "a search identifier after 'not'").text);
      } else include.push(this.#expect('id', "a search identifier after 'and'").text);
    }
    this.#expect('end', 'the end of the condition after near');
    return { func: 'near', include, exclude };
  }

  #expect(kind: TokenKind, what: string): Token {
    const token = this.#next();
    if (token.kind !== kind) throw new SigmaRuleError(`expected ${what}, found ${describe(token)}`);
    return token;
  }
}

/** Parses one condition string against the rule's search identifiers. */
export function parseCondition(condition: string, definitions: Definitions): ParsedCondition {
  return new ConditionParser(tokenizeCondition(condition), definitions).parse();
}
