/**
 * stix2_pattern_syntax_validator: checks a `stix2-pattern` attribute against
 * the STIX 2.1 patterning grammar (hover module).
 *
 * Upstream split the pattern on " AND " and validated each piece, which
 * rejected valid patterns such as `[a:b = 1] AND [c:d = 2]` and strings
 * containing " AND ". Here the whole pattern is parsed once; like upstream,
 * every faulty comparison of an observation is reported, one per line.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { validatePattern } from './_stix2/validate.js';

const MESSAGES = defineMessages({ missing: 'STIX2 pattern missing' });

export default defineModule({
  name: 'stix2_pattern_syntax_validator',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.1',
    author: 'Christian Studer',
    description: 'An expansion hover module to perform a syntax check on stix2 patterns.',
    name: 'STIX2 Pattern Syntax Validator',
    logo: 'stix.png',
    requirements: [],
    features:
      'This module takes a STIX2 pattern attribute as input and performs a syntax check on it.\n\n' +
      'It displays then that the rule is valid if it is the case, and the error related to the rule otherwise.',
    references: [
      '[STIX2.0 patterning specifications](http://docs.oasis-open.org/cti/stix/v2.0/cs01/part5-stix-patterning/stix-v2.0-cs01-part5-stix-patterning.html)',
    ],
    input: 'A STIX2 pattern attribute.',
    output: 'Text describing the validity of the STIX2 pattern.',
  },
  attributes: { input: ['stix2-pattern'], output: ['text'] },
  // Upstream answers its own message when the pattern is missing or empty.
  checkInput: false,
  messages: MESSAGES,
  async handle(query) {
    const input = findLegacyInput(query, ['stix2-pattern']);
    if (!input) throw MESSAGES.error('missing');
    const problems = validatePattern(input.value);
    const text = problems.length === 0 ? 'Syntax valid' : `Syntax error${problems.length > 1 ? 's' : ''}: \n${problems.join('\n')}`;
    return legacyResults([{ types: ['text'], values: text }]);
  },
});
