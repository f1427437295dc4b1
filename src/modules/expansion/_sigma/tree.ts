/**
 * The condition tree of a Sigma rule, shaped like legacy sigmatools' parse
 * tree (ConditionAND/OR/NOT, NULL values, NodeSubexpression and
 * (field, value) map items) so that the backends render the same text.
 */

/** A search value: text (with * and ? wildcards) or an integer. */
export type Scalar = string | bigint;

/** A value produced by the `re` modifier. */
export interface RegexValue {
  readonly kind: 're';
  readonly pattern: string;
}

/** What a (field, value) item can hold. Anything else is kept as `unsupported` for the backend to refuse. */
export type MapValue = Scalar | null | readonly MapListItem[] | RegexValue | { readonly kind: 'unsupported'; readonly type: string };
export type MapListItem = Scalar | { readonly kind: 'unsupported'; readonly type: string };

export type Node =
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'null' | 'notnull'; field: string }
  | { kind: 'sub'; item: Node }
  | { kind: 'map'; field: string; value: MapValue }
  | { kind: 'value'; value: Scalar };

export const and = (items: Node[]): Node => ({ kind: 'and', items });
export const or = (items: Node[]): Node => ({ kind: 'or', items });
export const sub = (item: Node): Node => ({ kind: 'sub', item });

function sameValue(a: MapValue, b: MapValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x as MapValue, b[i] as MapValue));
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return !Array.isArray(a) && !Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b);
  }
  return a === b;
}

/**
 * Python equality of parse-tree items: (field, value) tuples and plain values
 * compare by content, condition nodes by identity.
 */
export function sameItem(a: Node, b: Node): boolean {
  if (a === b) return true;
  if (a.kind === 'map' && b.kind === 'map') return a.field === b.field && sameValue(a.value, b.value);
  if (a.kind === 'value' && b.kind === 'value') return a.value === b.value;
  return false;
}
