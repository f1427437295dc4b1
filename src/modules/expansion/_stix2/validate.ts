/**
 * Validates a whole STIX 2.1 pattern and words the problems as the reference
 * validator does ("Error found at line L:C. reason", with 0-based columns).
 */
import { hashProblems, qualifierProblems } from './checks.js';
import { parsePattern } from './parser.js';

/** The reference validator's cheap pre-check: after any '(' and blanks, a pattern starts with '['. */
function hasBrackets(pattern: string): boolean {
  const first = /^[\s(]*(.)/u.exec(pattern);
  return first?.[1] === '[';
}

/** Problems found in the pattern; an empty list means it is valid. */
export function validatePattern(pattern: string): string[] {
  const { tree, errors } = parsePattern(pattern);
  const problems = errors.map((e) => `Error found at line ${e.line}:${e.column}. ${e.reason}`);
  if (!hasBrackets(pattern)) problems.unshift('Error found at line 1:0. input is missing square brackets');
  if (tree && problems.length === 0) problems.push(...qualifierProblems(tree), ...hashProblems(tree));
  return problems;
}
