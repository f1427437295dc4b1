/**
 * backscatter_io against a loopback Backscatter.io API
 * (`GET /v0/observations/ip?query=<ip>`, key in `X-API-Key`), answers shaped
 * like Backscatter.io's documented observations answer, trimmed. The fake
 * answers 401 without the right key.
 */
import assert from 'node:assert/strict';
import backscatter_io from '../../../src/modules/expansion/backscatter_io.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

const KEY = 'bs-key-42';

const OBSERVATIONS = {
  success: true,
  query: '45.129.14.9',
  results: {
    summary: { total: 2, unique_dst_ports: [23, 445], first_seen: '2019-02-20 11:02:03', last_seen: '2019-02-23 23:17:40', scope: 7 },
    observations: [
      { observed: '2019-02-23 23:17:40', src_ip: '45.129.14.9', src_port: 28135, dst_port: 23, protocol: 'TCP', tcp_flags: 'SYN', ttl: 51, window: 5840, confidence: 0.9 },
      { observed: '2019-02-20 11:02:03', src_ip: '45.129.14.9', src_port: 41822, dst_port: 445, protocol: 'TCP', tcp_flags: 'SYN', ttl: 240, window: 1024, tags: null },
    ],
  },
};

const API = {
  'GET /v0/observations/ip': (req: FakeRequest): FakeResponse => {
    if (req.headers['x-api-key'] !== KEY) return { status: 401, json: { success: false, error: 'Unauthorized', message: 'Invalid API key' } };
    if (req.query['query'] === OBSERVATIONS.query) return { json: OBSERVATIONS };
    return { json: { success: true, query: req.query['query'], results: { summary: { total: 0 }, observations: [] } } };
  },
} satisfies Routes;

/** Python's str() of OBSERVATIONS, as upstream returns it. */
const OBSERVATIONS_TEXT =
  "{'success': True, 'query': '45.129.14.9', 'results': {'summary': {'total': 2, 'unique_dst_ports': [23, 445], " +
  "'first_seen': '2019-02-20 11:02:03', 'last_seen': '2019-02-23 23:17:40', 'scope': 7}, 'observations': [" +
  "{'observed': '2019-02-23 23:17:40', 'src_ip': '45.129.14.9', 'src_port': 28135, 'dst_port': 23, 'protocol': 'TCP', 'tcp_flags': 'SYN', 'ttl': 51, 'window': 5840, 'confidence': 0.9}, " +
  "{'observed': '2019-02-20 11:02:03', 'src_ip': '45.129.14.9', 'src_port': 41822, 'dst_port': 445, 'protocol': 'TCP', 'tcp_flags': 'SYN', 'ttl': 240, 'window': 1024, 'tags': None}]}}";

testModule({
  module: backscatter_io,
  vendors: { 'api.backscatter.io': API },
  config: { api_key: KEY },
  rows: [
    {
      name: 'an observed ip-src: the whole answer as freetext, as Python prints it',
      query: { 'ip-src': '45.129.14.9' },
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => r.target), ['/v0/observations/ip?query=45.129.14.9']);
        assert.equal(requests[0]!.headers['x-request-client'], 'Python Backscatter v1');
      },
      results: [{ types: ['freetext'], values: [OBSERVATIONS_TEXT] }],
    },
    {
      name: 'an ip-dst is looked up too (upstream refuses it)',
      query: { 'ip-dst': '45.129.14.9' },
      results: [{ types: ['freetext'], values: [OBSERVATIONS_TEXT] }],
    },
    {
      name: 'an address never observed: its empty answer, nothing invented',
      query: { 'ip-src': '192.0.2.1' },
      results: [{ types: ['freetext'], values: ["{'success': True, 'query': '192.0.2.1', 'results': {'summary': {'total': 0}, 'observations': []}}"] }],
    },
    { name: 'success false: Backscatter\'s error and message', query: { 'ip-src': '45.129.14.9' }, routes: { 'GET /v0/observations/ip': { json: { success: false, error: 'Invalid query', message: 'Query must be a public IP' } } }, error: 'Invalid query: Query must be a public IP' },
    { name: 'an answer without success: a clear error (upstream: KeyError)', query: { 'ip-src': '45.129.14.9' }, routes: { 'GET /v0/observations/ip': { json: { results: {} } } }, messageId: 'noResult' },
    { name: 'no config: upstream message', query: { 'ip-src': '45.129.14.9' }, config: null, error: 'Configuration is missing from the request.' },
    { name: 'a config with api_key null: upstream message', query: { 'ip-src': '45.129.14.9' }, config: { api_key: null }, error: 'Backscatter.io authentication is missing.' },
    { name: 'an empty api_key: upstream message', query: { 'ip-src': '45.129.14.9' }, config: { api_key: '' }, error: 'Backscatter.io authentication is missing.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong key: Backscatter refuses it, with its message', query: { 'ip-src': '45.129.14.9' }, config: { api_key: 'wrong' }, error: 'Backscatter.io refused the key (setting api_key, HTTP 401 Unauthorized): Invalid API key.' },
    { name: 'no IP in the query', query: { domain: 'example.org' }, error: /needs one of these attribute types in the request: ip-src, ip-dst/ },
    ...vendorFailureRows({ query: { 'ip-src': '45.129.14.9' }, vendorMessage: 'Upstream failure' }),
  ],
});
