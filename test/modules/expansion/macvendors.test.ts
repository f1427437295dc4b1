/**
 * macvendors against a loopback api.macvendors.com: `GET /{mac}` answers the
 * vendor name as plain text, 404 `{"errors":{"detail":"Not Found"}}` for an
 * unknown prefix, 429 `{"errors":{"detail":"Too Many Requests"}}` over the
 * free tier's rate (as the API documents).
 */
import assert from 'node:assert/strict';
import macvendors from '../../../src/modules/expansion/macvendors.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows } from '../../support/module-tester.js';

/** OUI (first three octets, upper-case hex) → vendor, as the API knows them. */
const OUIS: Record<string, string> = { FCA13E: 'Samsung Electronics Co.,Ltd', '00000C': 'Cisco Systems, Inc' };

const MACVENDORS = {
  'GET /:mac': (req: FakeRequest) => {
    const oui = req.params['mac']!.replace(/[^0-9a-f]/gi, '').slice(0, 6).toUpperCase();
    const vendor = OUIS[oui];
    return vendor ? { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: vendor } : { status: 404, json: { errors: { detail: 'Not Found' } } };
  },
} satisfies Routes;

const NOT_FOUND = [{ types: ['text'], values: 'Not found' }];

testModule({
  module: macvendors,
  vendors: { 'api.macvendors.com': MACVENDORS },
  rows: [
    {
      name: 'a known MAC gives the vendor name (upstream test FC-A1-3E-2A-1C-33)',
      query: { 'mac-address': 'FC-A1-3E-2A-1C-33' },
      results: [{ types: ['text'], values: 'Samsung Electronics Co.,Ltd' }],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), ['GET /FC-A1-3E-2A-1C-33']);
        assert.equal(requests[0]!.headers['user-agent'], 'MISP-Module', 'upstream default User-Agent');
      },
    },
    {
      name: 'the user-agent setting is sent as the User-Agent',
      query: { 'mac-address': '00:00:0c:07:ac:01' },
      config: { 'user-agent': 'ACME-SOC enrichment/2.0' },
      results: [{ types: ['text'], values: 'Cisco Systems, Inc' }],
      requests: (requests) => assert.equal(requests[0]!.headers['user-agent'], 'ACME-SOC enrichment/2.0'),
    },
    {
      name: 'a user-agent with a line break cannot inject a header',
      query: { 'mac-address': '00:00:0c:07:ac:01' },
      config: { 'user-agent': 'SOC\r\nX-Injected: 1' },
      results: [{ types: ['text'], values: 'Cisco Systems, Inc' }],
      requests: (requests) => {
        assert.equal(requests[0]!.headers['user-agent'], 'SOC X-Injected: 1');
        assert.equal(requests[0]!.headers['x-injected'], undefined);
      },
    },
    { name: 'an empty user-agent setting falls back to MISP-Module', query: { 'mac-address': 'FC-A1-3E-2A-1C-33' }, config: { 'user-agent': '' }, requests: (r) => assert.equal(r[0]!.headers['user-agent'], 'MISP-Module') },
    { name: 'an unknown prefix is "Not found", nothing invented', query: { 'mac-address': '02:42:ac:11:00:02' }, results: NOT_FOUND },
    { name: 'an empty 200 answer is "Not found"', query: { 'mac-address': 'FC-A1-3E-2A-1C-33' }, routes: { 'GET /:mac': { body: '' } }, results: NOT_FOUND },
    {
      name: 'a value with a slash stays one path segment',
      query: { 'mac-address': '../admin' },
      results: NOT_FOUND,
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target), ['/..%2Fadmin']),
    },
    { name: 'no mac-address in the request is refused before any request', query: { md5: 'd41d8cd98f00b204e9800998ecf8427e' }, error: /needs one of these attribute types in the request: mac-address/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a mac-address that is not text is "Unsupported attributes type"', query: { 'mac-address': { value: 'FC-A1-3E-2A-1C-33' } }, messageId: 'unsupported', requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({
      query: { 'mac-address': 'FC-A1-3E-2A-1C-33' },
      skip: ['malformed'],
      vendorMessage: 'Too Many Requests',
      expect: {
        unauthorized: 'macvendors.com answered HTTP 401 Unauthorized: Too Many Requests.',
        rateLimited: 'macvendors.com rate limit reached (HTTP 429 Too Many Requests); retry after 60 s.',
        serverError: 'macvendors.com answered HTTP 500 Internal Server Error: Too Many Requests.',
      },
    }),
  ],
});
