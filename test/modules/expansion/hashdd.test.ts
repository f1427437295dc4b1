/**
 * hashdd against a loopback api.hashdd.com: `GET /v1/knownlevel/nsrl/{MD5}`
 * answers `{"result": "SUCCESS", "knownlevel": …}` (the shape hashdd's v1
 * API gives and Cortex's Hashdd analyzer reads), and
 * `{"result": "ERROR", "message": …}` for a hash it cannot read.
 */
import assert from 'node:assert/strict';
import hashdd from '../../../src/modules/expansion/hashdd.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

/** Upstream's test hash (tests/bodyhashdd.json) and a known-bad one. */
const KNOWN_GOOD = '838DE99E82C5B9753BAC96D82C1A8DCC';
const KNOWN_BAD = '44D88612FEA8A8F36DE82E1278ABB02F';

const HASHDD = {
  'GET /v1/knownlevel/nsrl/:hash': (req: FakeRequest): FakeResponse => {
    const hash = req.params['hash']!;
    if (!/^[0-9A-F]{32}$/.test(hash)) return { json: { result: 'ERROR', message: 'Invalid hash format' } };
    const knownlevel = hash === KNOWN_GOOD ? 'Good' : hash === KNOWN_BAD ? 'Bad' : 'Unknown';
    return { json: { result: 'SUCCESS', knownlevel } };
  },
} satisfies Routes;

const text = (values: string) => [{ types: ['text'], values }];

testModule({
  module: hashdd,
  vendors: { 'api.hashdd.com': HASHDD },
  rows: [
    {
      name: 'a known hash gives its level (upstream body: 838DE99E…)',
      query: { md5: KNOWN_GOOD },
      results: text('Good'),
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`GET /v1/knownlevel/nsrl/${KNOWN_GOOD}`]),
    },
    { name: 'the hash is sent upper-case, as upstream', query: { md5: KNOWN_BAD.toLowerCase() }, results: text('Bad'), requests: (r) => assert.equal(r[0]!.path, `/v1/knownlevel/nsrl/${KNOWN_BAD}`) },
    { name: 'a hash hashdd does not know is its "Unknown", nothing invented', query: { md5: 'd41d8cd98f00b204e9800998ecf8427e' }, results: text('Unknown') },
    { name: 'hashdd\'s message when the result is not SUCCESS', query: { md5: 'not-a-hash' }, results: text('Invalid hash format') },
    { name: 'a hash with a slash stays one path segment', query: { md5: '../../status' }, results: text('Invalid hash format'), requests: (r) => assert.equal(r[0]!.target, '/v1/knownlevel/nsrl/..%2F..%2FSTATUS') },
    { name: 'SUCCESS without a level is a clear error', query: { md5: KNOWN_GOOD }, routes: { 'GET /v1/knownlevel/nsrl/:hash': { json: { result: 'SUCCESS' } } }, messageId: 'unexpected', data: { result: '"SUCCESS"' } },
    { name: 'a null answer is a clear error', query: { md5: KNOWN_GOOD }, routes: { 'GET /v1/knownlevel/nsrl/:hash': { json: null } }, messageId: 'unexpected', data: { result: 'null' } },
    {
      name: 'the service is gone (404 page): hashdd named with the status',
      query: { md5: KNOWN_GOOD },
      routes: { 'GET /v1/knownlevel/nsrl/:hash': { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>' } },
      error: 'hashdd answered HTTP 404 Not Found: 404 Not Found.',
    },
    { name: 'no md5 in the request', query: { sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' }, error: /needs one of these attribute types in the request: md5/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an md5 that is not text is "Hash value is missing."', query: { md5: 838 }, messageId: 'hashMissing', requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({
      query: { md5: KNOWN_GOOD },
      vendorMessage: 'Rate limit exceeded',
      expect: {
        unauthorized: 'hashdd answered HTTP 401 Unauthorized: Rate limit exceeded.',
        rateLimited: 'hashdd rate limit reached (HTTP 429 Too Many Requests: Rate limit exceeded); retry after 60 s.',
        serverError: 'hashdd answered HTTP 500 Internal Server Error: Rate limit exceeded.',
        malformed: 'hashdd answered with invalid JSON (HTTP 200).',
      },
    }),
  ],
});
