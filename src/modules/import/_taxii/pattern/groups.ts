/**
 * Reduces a pattern to what MISP can hold: a list of groups, each a set of
 * `path = value` tests that must hold on the same observation. OR becomes
 * several groups, `IN (…)` several values, AND one group. Anything MISP has
 * no equivalent for (qualifiers, FOLLOWEDBY, negation, LIKE, MATCHES, ranges,
 * EXISTS) makes the whole pattern "not reducible": the caller then keeps the
 * pattern as a `stix2-pattern` attribute, which loses nothing.
 */
import type { ComparisonExpression, Literal, ObservationExpression } from './ast.js';
import { pathKey } from './ast.js';

export interface EqualityTest {
  readonly objectType: string;
  /** `value`, `hashes.SHA-256`, `to_refs[*].value`, … */
  readonly path: string;
  readonly value: string;
}

export type Group = readonly EqualityTest[];

export type Reduction = { readonly groups: readonly Group[] } | { readonly unsupported: string };

/** A pattern that explodes into more groups than this is kept whole. */
const MAX_GROUPS = 64;

class NotReducible extends Error {}

function literalText(literal: Literal): string {
  return typeof literal.value === 'string' ? literal.value : String(literal.value);
}

/** Every combination of one group from each list (AND of ORs). */
function product(lists: readonly Group[][]): Group[] {
  let result: Group[] = [[]];
  for (const list of lists) {
    const next: Group[] = [];
    for (const left of result) for (const right of list) next.push([...left, ...right]);
    if (next.length > MAX_GROUPS) throw new NotReducible(`it expands to more than ${MAX_GROUPS} combinations`);
    result = next;
  }
  return result;
}

function comparisonGroups(expression: ComparisonExpression): Group[] {
  switch (expression.kind) {
    case 'exists':
      throw new NotReducible('it uses EXISTS');
    case 'or': {
      const groups = expression.items.flatMap(comparisonGroups);
      if (groups.length > MAX_GROUPS) throw new NotReducible(`it expands to more than ${MAX_GROUPS} combinations`);
      return groups;
    }
    case 'and':
      return product(expression.items.map(comparisonGroups));
    case 'comparison': {
      if (expression.negated) throw new NotReducible('it uses NOT');
      const path = { objectType: expression.path.objectType, path: pathKey(expression.path) };
      if (expression.operator === '=' && !Array.isArray(expression.value)) {
        return [[{ ...path, value: literalText(expression.value as Literal) }]];
      }
      if (expression.operator === 'IN' && Array.isArray(expression.value)) {
        return (expression.value as readonly Literal[]).map((literal) => [{ ...path, value: literalText(literal) }]);
      }
      throw new NotReducible(`it uses the ${expression.operator} operator`);
    }
  }
}

function observationGroups(expression: ObservationExpression): Group[] {
  if (expression.qualifiers.length > 0) {
    throw new NotReducible(`it has a qualifier (${expression.qualifiers.map((q) => q.text).join(', ')})`);
  }
  if (expression.kind === 'observation') return comparisonGroups(expression.comparison);
  if (expression.kind === 'followedby') throw new NotReducible('it uses FOLLOWEDBY');
  // Observations joined by AND or OR are separate observations: each keeps its own group(s).
  const groups = expression.items.flatMap(observationGroups);
  if (groups.length > MAX_GROUPS) throw new NotReducible(`it expands to more than ${MAX_GROUPS} combinations`);
  return groups;
}

export function reducePattern(expression: ObservationExpression): Reduction {
  try {
    return { groups: observationGroups(expression) };
  } catch (error) {
    if (error instanceof NotReducible) return { unsupported: error.message };
    throw error;
  }
}
