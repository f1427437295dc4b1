/**
 * wiki against a loopback Wikidata Query Service: `GET
 * /bigdata/namespace/wdq/sparql?query=…&format=json` answers SPARQL 1.1 JSON
 * results (`head.vars`, `results.bindings[].item{type, value}`) as
 * query.wikidata.org does. The fake parses the query the module sends: a
 * label literal that is not correctly escaped is a malformed query (HTTP 400
 * with Blazegraph's stack trace text), as on the real service.
 */
import assert from 'node:assert/strict';
import wiki from '../../../src/modules/expansion/wiki.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

/** English labels → items, as Wikidata has them. */
const ITEMS: Record<string, string[]> = {
  Google: ['http://www.wikidata.org/entity/Q95'],
  Microsoft: ['http://www.wikidata.org/entity/Q2283'],
  // Several items share a label: the service answers them all, in no promised order.
  Mercury: ['http://www.wikidata.org/entity/Q308', 'http://www.wikidata.org/entity/Q925'],
  'Say "hello" \\ goodbye': ['http://www.wikidata.org/entity/Q7401316'],
};

const SPARQL_JSON = { 'content-type': 'application/sparql-results+json;charset=utf-8' };
/** The query upstream sends, with the label as a SPARQL string literal (escapes allowed: \" \\ \n \r \t \b \f). */
const LABEL_QUERY = /^SELECT \?item \nWHERE \{ \n\?item rdfs:label"((?:[^"\\\n\r]|\\["\\nrtbf])*)" @en \n\}\n$/;
const unescape = (literal: string) => literal.replace(/\\(["\\nrtbf])/g, (_, c: string) => ({ '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c]!);

const malformed = (query: string): FakeResponse => ({
  status: 400,
  headers: { 'content-type': 'text/plain' },
  body: `SPARQL-QUERY: queryStr=${query}\njava.util.concurrent.ExecutionException: org.openrdf.query.MalformedQueryException: Encountered " <PNAME_LN> "goodbye" "" at line 3, column 30.\n${'\tat com.bigdata.rdf.sail.webapp.BigdataRDFContext$QueryTask.call(BigdataRDFContext.java:1546)\n'.repeat(5)}`,
});

const WDQS = {
  'GET /bigdata/namespace/wdq/sparql': (req: FakeRequest): FakeResponse => {
    if (!String(req.headers.accept).includes('application/sparql-results+json')) return { status: 406, body: 'Not Acceptable' };
    const query = req.query['query'] ?? '';
    const match = LABEL_QUERY.exec(query);
    if (!match) return malformed(query);
    const items = ITEMS[unescape(match[1]!)] ?? [];
    return { headers: SPARQL_JSON, body: JSON.stringify({ head: { vars: ['item'] }, results: { bindings: items.map((value) => ({ item: { type: 'uri', value } })) } }) };
  },
} satisfies Routes;

const text = (values: string) => [{ types: ['text'], values }];

testModule({
  module: wiki,
  vendors: { 'query.wikidata.org': WDQS },
  rows: [
    {
      name: 'a label gives its item (upstream test: Google → Q95)',
      query: { text: 'Google' },
      results: text('http://www.wikidata.org/entity/Q95'),
      requests: (requests) => {
        assert.equal(requests.length, 1);
        const [request] = requests;
        assert.equal(request!.path, '/bigdata/namespace/wdq/sparql');
        assert.equal(request!.query['query'], 'SELECT ?item \nWHERE { \n?item rdfs:label"Google" @en \n}\n');
        assert.deepEqual([request!.query['format'], request!.query['output']], ['json', 'json']);
        assert.equal(request!.headers.accept, 'application/sparql-results+json,application/json,text/javascript,application/javascript');
      },
    },
    { name: 'several items with the label: the first', query: { text: 'Mercury' }, results: text('http://www.wikidata.org/entity/Q308') },
    { name: 'quotes and backslashes are escaped, not pasted into the query', query: { text: 'Say "hello" \\ goodbye' }, results: text('http://www.wikidata.org/entity/Q7401316') },
    {
      name: 'a text that tries to extend the query stays one literal',
      query: { text: 'x" . ?item ?p ?o } #' },
      results: text('No additional data found on Wikidata'),
      requests: (requests) => assert.equal(requests[0]!.query['query'], 'SELECT ?item \nWHERE { \n?item rdfs:label"x\\" . ?item ?p ?o } #" @en \n}\n'),
    },
    { name: 'a label nothing has: upstream\'s text, nothing invented', query: { text: 'qwxzzy unknown term' }, results: text('No additional data found on Wikidata') },
    {
      name: 'bindings without an item are no item',
      query: { text: 'Google' },
      routes: { 'GET /bigdata/namespace/wdq/sparql': { headers: SPARQL_JSON, body: JSON.stringify({ head: { vars: ['item'] }, results: { bindings: [{}, { item: { type: 'uri' } }] } }) } },
      results: text('No additional data found on Wikidata'),
    },
    {
      name: 'the service rejects the query (400): Wikidata named with the status',
      query: { text: 'Google' },
      routes: { 'GET /bigdata/namespace/wdq/sparql': (req: FakeRequest) => malformed(req.query['query'] ?? '') },
      error: 'Wikidata Query Service answered HTTP 400 Bad Request.',
    },
    {
      name: 'JSON that is not SPARQL results is a clear error',
      query: { text: 'Google' },
      routes: { 'GET /bigdata/namespace/wdq/sparql': { json: { head: { vars: ['item'] } } } },
      messageId: 'notResults',
    },
    { name: 'no text in the request', query: { domain: 'google.com' }, error: /needs one of these attribute types in the request: text/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a text that is not a string is "Query text missing"', query: { text: { value: 'Google' } }, messageId: 'noText', requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({
      query: { text: 'Google' },
      vendorMessage: 'Too many requests, please retry later',
      expect: {
        unauthorized: 'Wikidata Query Service answered HTTP 401 Unauthorized: Too many requests, please retry later.',
        rateLimited: 'Wikidata Query Service rate limit reached (HTTP 429 Too Many Requests: Too many requests, please retry later); retry after 60 s.',
        serverError: 'Wikidata Query Service answered HTTP 500 Internal Server Error: Too many requests, please retry later.',
        malformed: 'Wikidata Query Service answered with invalid JSON (HTTP 200).',
      },
    }),
  ],
});
