/**
 * eql: builds an Endgame EQL query that looks for an IP address or a file
 * name, as a `comment` attribute.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';

/** MISP attribute type → [EQL event type, EQL field]. */
const FIELDS: Record<string, [string, string]> = {
  'ip-src': ['network', 'source_address'],
  'ip-dst': ['network', 'destination_address'],
  filename: ['file', 'file_name'],
};

/** EQL strings are double-quoted with backslash escapes. */
function eqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const MESSAGES = defineMessages({ unsupported: 'Unsupported attributes type' });

export default defineModule({
  name: 'eql',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: '92 COS DOM',
    description: 'EQL query generation for a MISP attribute.',
    name: 'EQL Query Generator',
    logo: 'eql.png',
    features: 'This module adds a new attribute to a MISP event containing an EQL query for a network or file attribute.',
    references: ['https://eql.readthedocs.io/en/latest/'],
    input: 'A filename or ip attribute.',
    output: 'Attribute containing EQL for a network or file attribute.',
  },
  attributes: { input: Object.keys(FIELDS) },
  messages: MESSAGES,
  async handle(query) {
    // Upstream keeps the last matching type; a request normally carries one.
    const input = findLegacyInput(query, [...Object.keys(FIELDS)].reverse());
    if (!input) throw MESSAGES.error('unsupported');
    const [eventType, field] = FIELDS[input.type]!;
    return {
      results: [
        {
          types: ['comment'],
          categories: ['External analysis'],
          values: `${eventType} where ${field} == ${eqlString(input.value)}`,
          comment: 'Event EQL queries',
        },
      ],
    };
  },
});
