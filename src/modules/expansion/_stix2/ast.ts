/** The parse tree of a STIX 2.1 pattern. */
import type { Token } from './lexer.js';

export type LiteralType = 'int' | 'float' | 'string' | 'bool' | 'timestamp' | 'hex' | 'binary';

export interface Literal {
  readonly type: LiteralType;
  /** The literal as written. */
  readonly text: string;
  /** For strings: the value with the quotes removed and the escapes resolved. */
  readonly value: string;
}

export type PathStep = { readonly kind: 'key'; readonly name: string } | { readonly kind: 'index'; readonly index: number | '*' };

export interface ObjectPath {
  readonly objectType: string;
  /** The first property and the steps after it. */
  readonly steps: readonly PathStep[];
  readonly token: Token;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export type ComparisonExpression =
  | { readonly kind: 'and' | 'or'; readonly left: ComparisonExpression; readonly right: ComparisonExpression }
  | { readonly kind: 'paren'; readonly inner: ComparisonExpression }
  | { readonly kind: 'exists'; readonly negated: boolean; readonly path: ObjectPath }
  | {
      readonly kind: 'test';
      readonly negated: boolean;
      readonly path: ObjectPath;
      readonly operator: ComparisonOperator;
      readonly value: Literal | readonly Literal[];
    };

export type QualifierType = 'WITHIN' | 'REPEATS' | 'STARTSTOP';

export interface Qualifier {
  readonly type: QualifierType;
  readonly token: Token;
}

export type ObservationExpression =
  | { readonly kind: 'and' | 'or' | 'followedby'; readonly left: ObservationExpression; readonly right: ObservationExpression }
  | { readonly kind: 'simple'; readonly comparison: ComparisonExpression | undefined; readonly qualifiers: readonly Qualifier[] }
  | { readonly kind: 'compound'; readonly inner: ObservationExpression; readonly qualifiers: readonly Qualifier[] };
