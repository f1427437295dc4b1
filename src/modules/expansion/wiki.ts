/**
 * wiki: the Wikidata item whose English label is the text, for a hover.
 * Asks the Wikidata Query Service as upstream's SPARQLWrapper does
 * (`GET https://query.wikidata.org/bigdata/namespace/wdq/sparql?query=…&format=json&output=json`,
 * `Accept: application/sparql-results+json,…`) with
 * `SELECT ?item WHERE { ?item rdfs:label "<text>" @en }`, and answers the first
 * binding's `item` (SPARQL 1.1 JSON results: `results.bindings[].item.value`).
 *
 * Kept from upstream: the name, hover only, the query, the legacy answer
 * `{"types": ["text"], "values": "<item URI>"}` (a bare string, as upstream),
 * "No additional data found on Wikidata" when nothing has that label, and
 * "Query text missing".
 * Fixed: the text is written as an escaped SPARQL string literal (upstream
 * pastes it in, so a `"` or `\` broke the query, or changed it); a failure of
 * the query service is an `{"error": …}` naming Wikidata, the HTTP status and
 * what it said (upstream crashes: "Something went wrong, look in the server
 * logs for details"); an answer that is not SPARQL JSON results is a clear
 * error instead of a bare string MISP cannot read. The User-Agent is the
 * server's own (Wikimedia's policy asks for an identifying one; upstream
 * sends a 2016 browser's).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';

const WIKIDATA_QUERY_SERVICE = 'https://query.wikidata.org';
const SPARQL_PATH = '/bigdata/namespace/wdq/sparql';
/** What SPARQLWrapper sends for a SELECT with the JSON return format. */
const SPARQL_JSON_ACCEPT = 'application/sparql-results+json,application/json,text/javascript,application/javascript';

const MESSAGES = defineMessages({
  noText: 'Query text missing',
  noData: 'No additional data found on Wikidata',
  notResults: 'Wikidata answered something that is not SPARQL JSON results (no results.bindings).',
});

/** SPARQL 1.1 Query Results JSON (the parts read). */
interface SparqlResults {
  results?: { bindings?: unknown };
}

/** A SPARQL string literal (STRING_LITERAL2) holding `text` exactly. */
function sparqlString(text: string): string {
  const escaped = text.replace(/[\\"\n\r\t\b\f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c]!);
  return `"${escaped}"`;
}

/** Upstream's query, with the text as a literal. */
function labelQuery(text: string): string {
  return `SELECT ?item \nWHERE { \n?item rdfs:label${sparqlString(text)} @en \n}\n`;
}

/** The first binding's item URI; undefined when there is none. */
function firstItem(bindings: unknown[]): string | undefined {
  for (const binding of bindings) {
    const item = (binding as { item?: { value?: unknown } } | null)?.item;
    if (typeof item?.value === 'string' && item.value !== '') return item.value;
  }
  return undefined;
}

export default defineModule({
  name: 'wiki',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '0.2',
    author: 'Roman Graf',
    description:
      'An expansion hover module to extract information from Wikidata to have additional information about particular term for analysis.',
    name: 'Wikidata Lookup',
    logo: 'wikidata.png',
    requirements: [],
    features:
      'This module takes a text attribute as input and queries the Wikidata API. If the text attribute is clear enough to ' +
      'define a specific term, the API returns a wikidata link in response.',
    references: ['https://www.wikidata.org'],
    input: 'Text attribute.',
    output: 'Text attribute.',
  },
  config: {},
  attributes: { input: ['text'], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const text = query['text'];
    if (typeof text !== 'string' || text === '') throw MESSAGES.error('noText');
    const wikidata = ctx.vendor({ name: 'Wikidata Query Service', baseUrl: WIKIDATA_QUERY_SERVICE, headers: { Accept: SPARQL_JSON_ACCEPT } });
    const answer = await wikidata.get<SparqlResults>(SPARQL_PATH, { query: { query: labelQuery(text), format: 'json', output: 'json' } });
    const bindings = answer?.results?.bindings;
    if (!Array.isArray(bindings)) throw MESSAGES.error('notResults');
    return legacyResults([{ types: ['text'], values: firstItem(bindings) ?? MESSAGES.format('noData') }]);
  },
});
