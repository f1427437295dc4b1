/**
 * Checks the reference validator (stix2-patterns) runs on a pattern that
 * parsed: the same qualifier type twice on one observation, and hash values
 * that cannot be the hash their selector names.
 */
import type { ComparisonExpression, ObservationExpression, QualifierType } from './ast.js';

/** Hash selector (upper case, without '-') → the form of its values. */
const HASHES: Readonly<Record<string, RegExp>> = {
  MD5: /^[a-fA-F0-9]{32}$/,
  MD6: /^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{56}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$/,
  RIPEMD160: /^[a-fA-F0-9]{40}$/,
  SHA1: /^[a-fA-F0-9]{40}$/,
  SHA224: /^[a-fA-F0-9]{56}$/,
  SHA256: /^[a-fA-F0-9]{64}$/,
  SHA384: /^[a-fA-F0-9]{96}$/,
  SHA512: /^[a-fA-F0-9]{128}$/,
  SHA3224: /^[a-fA-F0-9]{56}$/,
  SHA3256: /^[a-fA-F0-9]{64}$/,
  SHA3384: /^[a-fA-F0-9]{96}$/,
  SHA3512: /^[a-fA-F0-9]{128}$/,
  SSDEEP: /^[a-zA-Z0-9/+:.]{1,128}$/,
  WHIRLPOOL: /^[a-fA-F0-9]{128}$/,
};

/** "Duplicate qualifier type encountered: X", for qualifiers applied directly to one `[…]` observation. */
export function qualifierProblems(tree: ObservationExpression): string[] {
  const problems: string[] = [];
  const visit = (node: ObservationExpression): void => {
    if (node.kind === 'simple') {
      const seen = new Set<QualifierType>();
      for (const qualifier of node.qualifiers) {
        if (seen.has(qualifier.type)) problems.push(`Duplicate qualifier type encountered: ${qualifier.type}`);
        seen.add(qualifier.type);
      }
    } else if (node.kind === 'compound') {
      visit(node.inner);
    } else {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(tree);
  return problems;
}

/** "'f00' is not a valid SHA-256 hash" for `…hashes.<selector> = '<value>'` comparisons. */
export function hashProblems(tree: ObservationExpression): string[] {
  const problems: string[] = [];
  const compare = (node: ComparisonExpression | undefined): void => {
    if (!node) return;
    if (node.kind === 'and' || node.kind === 'or') {
      compare(node.left);
      compare(node.right);
    } else if (node.kind === 'paren') {
      compare(node.inner);
    } else if (node.kind === 'test' && (node.operator === '=' || node.operator === '!=') && !Array.isArray(node.value)) {
      const steps = node.path.steps;
      const last = steps[steps.length - 1];
      const value = node.value as { type: string; value: string };
      if (!steps.some((s) => s.kind === 'key' && s.name === 'hashes') || last?.kind !== 'key' || value.type !== 'string') return;
      const known = HASHES[last.name.toUpperCase().replace(/-/g, '')];
      if (known && !known.test(value.value)) problems.push(`'${value.value}' is not a valid ${last.name} hash`);
    }
  };
  const visit = (node: ObservationExpression): void => {
    if (node.kind === 'simple') compare(node.comparison);
    else if (node.kind === 'compound') visit(node.inner);
    else {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(tree);
  return problems;
}
