/** The syntax tree of a STIX 2.x pattern (STIX 2.1 part 9, "STIX Patterning"). */

/** One step after the object type: a property name or a list index (`*` for any). */
export type PathStep = { readonly property: string } | { readonly index: number | '*' };

export interface ObjectPath {
  /** `file`, `ipv4-addr`, `x-custom-type`, … */
  readonly objectType: string;
  readonly steps: readonly PathStep[];
}

export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int' | 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'timestamp' | 'hex' | 'binary'; readonly value: string };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export interface Comparison {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  readonly operator: ComparisonOperator;
  readonly negated: boolean;
  /** A list for `IN`. */
  readonly value: Literal | readonly Literal[];
}

export interface Exists {
  readonly kind: 'exists';
  readonly path: ObjectPath;
}

export type ComparisonExpression =
  | Comparison
  | Exists
  | { readonly kind: 'and' | 'or'; readonly items: readonly ComparisonExpression[] };

/** `START t'…' STOP t'…'`, `WITHIN n SECONDS`, `REPEATS n TIMES`. */
export interface Qualifier {
  readonly kind: 'start-stop' | 'within' | 'repeats';
  readonly text: string;
}

export type ObservationExpression =
  | { readonly kind: 'observation'; readonly comparison: ComparisonExpression; readonly qualifiers: readonly Qualifier[] }
  | {
      readonly kind: 'and' | 'or' | 'followedby';
      readonly items: readonly ObservationExpression[];
      readonly qualifiers: readonly Qualifier[];
    };

/** `hashes.'SHA-256'` → `hashes.SHA-256`; list indexes become `[*]`. */
export function pathKey(path: ObjectPath): string {
  let key = '';
  for (const step of path.steps) {
    if ('property' in step) key += key === '' ? step.property : `.${step.property}`;
    else key += '[*]';
  }
  return key;
}
