/**
 * mass_eql_export: Endgame EQL queries for the standalone ip-src, ip-dst and
 * filename attributes (not attributes inside objects, as upstream): one
 * query per event type (`network`, `file`), its conditions joined with `or`,
 * one per line as upstream writes them.
 *
 * Fixed:
 * - upstream's condition counter ran across queries, so the second query
 *   began with a stray ` or` and was glued to the end of the first one's
 *   last line; each query is now complete, followed by a blank line;
 * - values are EQL string literals with `\` and `"` escaped (Windows paths
 *   lost their backslashes, a quote broke the query);
 * - the same value as ip-src and ip-dst gives two conditions (upstream kept
 *   only the last one).
 */
import { defineModule } from '../../core/module.js';
import { exportEvents } from './_text/events.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { exportFile } from './_text/file.js';
import { eqlString } from './_text/literals.js';

/** MISP type → [EQL event type, Endgame field]. */
const FIELDS: Readonly<Record<string, readonly [string, string]>> = {
  'ip-src': ['network', 'source_address'],
  'ip-dst': ['network', 'destination_address'],
  filename: ['file', 'file_name'],
};

export default defineModule({
  name: 'mass_eql_export',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '0.1',
    author: '92 COS DOM',
    description: 'Export MISP event in Event Query Language',
    name: 'EQL Query Export',
    logo: 'eql.png',
    requirements: [],
    features: 'This module produces EQL queries for all relevant attributes in a MISP event.',
    references: ['https://eql.readthedocs.io/en/latest/'],
    input: 'MISP Event attributes',
    output: 'Text file containing one or more EQL queries',
  },
  messages: EVENTS_MESSAGES,
  attributes: { responseType: 'application/txt', outputFileExtension: 'txt', userConfig: {}, inputSource: [] },
  async handle(query) {
    // event type → the set of its conditions, in first-seen order
    const conditions = new Map<string, Set<string>>();
    for (const event of exportEvents(query)) {
      for (const attribute of event.attributes) {
        const mapping = FIELDS[attribute.type];
        if (mapping === undefined) continue;
        const [eventType, field] = mapping;
        let set = conditions.get(eventType);
        if (set === undefined) conditions.set(eventType, (set = new Set()));
        set.add(`\t${field} == ${eqlString(attribute.value)}`);
      }
    }
    const queries = [...conditions].map(([eventType, set]) => `${eventType} where\n${[...set].join(' or\n')}\n`);
    return exportFile(queries.join('\n'));
  },
});
