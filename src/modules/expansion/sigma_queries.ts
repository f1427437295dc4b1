/**
 * sigma_queries: converts a `sigma` attribute into SIEM queries with the
 * legacy sigmac backends, without a field-mapping configuration (as
 * upstream ran them). The answer is upstream's: one text result whose
 * `values` is a map backend → query. Backends that cannot express the rule
 * are left out; when none can, the reasons are returned as an error.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { BACKENDS, REMAINING_TARGETS } from './_sigma/backends/index.js';
import { convertRules, parseRules } from './_sigma/convert.js';
import { SigmaRuleError, SigmaUnsupportedError } from './_sigma/errors.js';
import { YamlError } from './_sigma/rule.js';

const MESSAGES = defineMessages({
  missing: 'Sigma rule missing',
  notYaml: 'The Sigma rule is not valid YAML: {reason}',
  notConvertible: 'The Sigma rule cannot be converted: {reason}',
  noBackend: 'No backend could convert the Sigma rule ({reasons}).',
});

export default defineModule({
  name: 'sigma_queries',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Christian Studer',
    description: 'An expansion hover module to display the result of sigma queries.',
    name: 'Sigma Rule Converter',
    logo: 'sigma.png',
    requirements: [],
    features:
      'This module takes a Sigma rule attribute as input and tries all the different queries available to convert it' +
      ` into different formats recognized by SIEMs. Backends: ${[...BACKENDS.keys()].join(', ')}` +
      (REMAINING_TARGETS.length > 0 ? ` (not available yet: ${REMAINING_TARGETS.join(', ')}).` : '.'),
    references: ['https://github.com/Neo23x0/sigma/wiki'],
    input: 'A Sigma attribute.',
    output: 'Text displaying results of queries on the Sigma attribute.',
  },
  attributes: { input: ['sigma'], output: ['text'] },
  checkInput: false,
  messages: MESSAGES,
  async handle(query) {
    const input = findLegacyInput(query, ['sigma']);
    if (!input) throw MESSAGES.error('missing');
    let conversion;
    try {
      conversion = convertRules(parseRules(input.value));
    } catch (error) {
      if (error instanceof YamlError) throw MESSAGES.error('notYaml', { reason: error.message });
      if (error instanceof SigmaRuleError || error instanceof SigmaUnsupportedError) throw MESSAGES.error('notConvertible', { reason: error.message });
      throw error;
    }
    if (Object.keys(conversion.queries).length === 0) {
      const reasons = Object.entries(conversion.skipped).map(([backend, reason]) => `${backend}: ${reason}`);
      throw MESSAGES.error('noBackend', { reasons: reasons.join('; ') });
    }
    // Upstream's shape: `values` is a map backend → query (MISP lists the queries).
    return { results: [{ types: ['text'], values: conversion.queries }] };
  },
});
