/**
 * Converts a Sigma file with every implemented backend, as upstream's
 * sigma_queries did: a backend that cannot express the rule is left out.
 */
import { BACKENDS, UPSTREAM_TARGETS } from './backends/index.js';
import { SigmaRuleError, SigmaUnsupportedError } from './errors.js';
import { loadRules, parseRule, type SigmaRule } from './rule.js';

export interface Conversion {
  /** Backend name → query text (trimmed), in upstream's target order. */
  readonly queries: Record<string, string>;
  /** Backend name → why it produced nothing. */
  readonly skipped: Record<string, string>;
}

/** Throws YamlError or SigmaRuleError when the file is not a rule at all. */
export function parseRules(text: string): SigmaRule[] {
  const rules = loadRules(text).map(parseRule);
  if (rules.length === 0) throw new SigmaRuleError('the text holds no Sigma rule');
  return rules;
}

export function convertRules(rules: readonly SigmaRule[]): Conversion {
  const queries: Record<string, string> = {};
  const skipped: Record<string, string> = {};
  for (const target of UPSTREAM_TARGETS) {
    const make = BACKENDS.get(target);
    if (!make) continue;
    const backend = make();
    try {
      for (const rule of rules) backend.generate(rule);
      const result = backend.finalize()?.trim();
      if (result) queries[target] = result;
      else skipped[target] = 'no output';
    } catch (error) {
      if (!(error instanceof SigmaUnsupportedError || error instanceof SigmaRuleError)) throw error;
      skipped[target] = error.message;
    }
  }
  return { queries, skipped };
}
