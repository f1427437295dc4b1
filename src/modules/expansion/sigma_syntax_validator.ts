/**
 * sigma_syntax_validator: checks a `sigma` attribute (a Sigma rule in YAML).
 * A valid rule answers `Syntax valid: <values>` where <values> is the Python
 * repr of the field → values table, as upstream printed it; otherwise
 * `Syntax error: <reasons>`, each with its place in the rule.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { checkRule, type RuleProblem } from './_sigma/check.js';
import { SigmaRuleError } from './_sigma/errors.js';
import { keyPosition } from './_sigma/positions.js';
import { YamlError, detectionValues, loadRules } from './_sigma/rule.js';
import { valuesRepr } from './_sigma/values-repr.js';
import { isMap } from './_sigma/yaml-value.js';

function describeProblem(text: string, problem: RuleProblem, singleDocument: boolean): string {
  const where = problem.path.length > 0 ? problem.path.join('.') : undefined;
  const position = singleDocument && problem.path.length > 0 ? keyPosition(text, problem.path) : undefined;
  const place = [where, position].filter(Boolean).join(', ');
  return place ? `${problem.message} (${place})` : problem.message;
}

/** The module's answer text for a rule file. */
export function validateSigma(text: string): string {
  let rules;
  try {
    rules = loadRules(text);
  } catch (error) {
    if (error instanceof YamlError) return `Syntax error: invalid YAML: ${error.message}`;
    if (error instanceof SigmaRuleError) return `Syntax error: ${error.message}`;
    throw error;
  }
  if (rules.length === 0) return 'Syntax error: the text holds no Sigma rule';
  const single = rules.length === 1 && !/^---/m.test(text.replace(/^---[^\S\n]*\r?\n/, ''));
  const errors: string[] = [];
  const summaries: string[] = [];
  rules.forEach((rule, index) => {
    const { problems } = checkRule(rule);
    const prefix = rules.length > 1 ? `rule ${index + 1}: ` : '';
    for (const problem of problems) errors.push(prefix + describeProblem(text, problem, single));
    const detection = rule['detection'];
    if (problems.length === 0 && isMap(detection)) summaries.push(valuesRepr(detectionValues(detection)));
  });
  if (errors.length > 0) return `Syntax error: ${errors.join('\n')}`;
  return `Syntax valid: ${summaries.join('\n')}`;
}

const MESSAGES = defineMessages({ missing: 'Sigma rule missing' });

export default defineModule({
  name: 'sigma_syntax_validator',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Christian Studer',
    description: 'An expansion hover module to perform a syntax check on sigma rules.',
    name: 'Sigma Syntax Validator',
    logo: 'sigma.png',
    requirements: [],
    features:
      'This module takes a Sigma rule attribute as input and performs a syntax check on it.\n\n' +
      'It displays then that the rule is valid if it is the case, and the error related to the rule otherwise.',
    references: ['https://github.com/Neo23x0/sigma/wiki'],
    input: 'A Sigma attribute.',
    output: 'Text describing the validity of the Sigma rule.',
  },
  attributes: { input: ['sigma'], output: ['text'] },
  // Upstream answers its own message when the rule is missing or empty.
  checkInput: false,
  messages: MESSAGES,
  async handle(query) {
    const input = findLegacyInput(query, ['sigma']);
    if (!input) throw MESSAGES.error('missing');
    return legacyResults([{ types: ['text'], values: validateSigma(input.value) }]);
  },
});
