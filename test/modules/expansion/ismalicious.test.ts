/**
 * ismalicious against a loopback isMalicious API: `GET /check?query=&enrichment=standard`
 * with the key in `X-API-KEY` (401 otherwise), answering the reputation JSON
 * isMalicious documents (trimmed). The rows carry upstream's offline test
 * (tests/test_ismalicious.py): the same request, summary, comment and errors.
 */
import assert from 'node:assert/strict';
import ismalicious from '../../../src/modules/expansion/ismalicious.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer, type VendorRequest } from '../../support/module-tester.js';

const UUID = '5b582d80-7a7e-4b6a-9f22-77656e72bb3b';

/** Upstream's HIT_PAYLOAD. */
const HIT = { malicious: true, riskScore: { score: 91 }, categories: ['c2'], sources: [{ name: 'feed-a' }, { name: 'feed-b' }] };

const REPUTATION: Record<string, unknown> = {
  '1.2.3.4': HIT,
  'evil.example': { malicious: false },
  'phish.example': {
    malicious: true,
    riskScore: 73.9,
    categories: [],
    classification: { primary: 'phishing', secondary: ["brand's impersonation"] },
    sources: [{ name: 'openphish' }, { name: 'phishtank' }, { name: 'urlhaus' }],
  },
};

function check(req: FakeRequest): FakeResponse {
  if (req.headers['x-api-key'] !== 'k') return { status: 401, json: { error: 'Invalid API key' } };
  return { json: REPUTATION[req.query['query'] ?? ''] ?? { malicious: false, riskScore: { score: 0 }, categories: [], sources: [] } };
}

const ISMALICIOUS: Routes = { 'GET /check': check };

const query = (value = '1.2.3.4', type = 'ip-src') => ({ attribute: { type, value, uuid: UUID } });

function summaries(answer: Answer): Array<{ value: string; comment: string; disable_correlation: boolean; type: string }> {
  return (answer['results'] as { Attribute: Array<{ value: string; comment: string; disable_correlation: boolean; type: string }> }).Attribute;
}

/** The request as upstream's test asserts it: URL, params and headers. */
function assertRequest(requests: VendorRequest[], vendor: string, params: Record<string, string>): void {
  assert.equal(requests.length, 1);
  const [request] = requests;
  assert.equal(`${request!.vendor} ${request!.method} ${request!.path}`, `${vendor} GET /check`);
  assert.deepEqual(request!.query, params);
  assert.equal(request!.headers['user-agent'], 'misp-modules');
  assert.equal(request!.headers['x-api-key'], 'k');
  assert.equal(request!.headers['accept'], 'application/json');
}

testModule({
  module: ismalicious,
  vendors: { 'api.ismalicious.com': ISMALICIOUS, 'example.test': ISMALICIOUS },
  config: { api_key: 'k' },
  rows: [
    {
      name: 'upstream test_ismalicious_returns_summary_attribute',
      query: query(),
      requests: (requests) => assertRequest(requests, 'api.ismalicious.com', { query: '1.2.3.4', enrichment: 'standard' }),
      check: (answer) => {
        assert.deepEqual(summaries(answer).map((a) => a.value), ["malicious=True score=91 categories=['c2'] sources=2"]);
        assert.equal(summaries(answer)[0]!.comment, 'isMalicious reputation summary');
        assert.equal(summaries(answer)[0]!.type, 'text');
        assert.equal(summaries(answer)[0]!.disable_correlation, true);
      },
    },
    {
      name: 'upstream test_ismalicious_uses_domain_side_of_composite_and_custom_api_url',
      query: query('evil.example|1.2.3.4', 'domain|ip'),
      config: { api_key: 'k', api_url: 'https://example.test/' },
      requests: (requests) => assertRequest(requests, 'example.test', { query: 'evil.example', enrichment: 'standard' }),
      check: (answer) => assert.deepEqual(summaries(answer).map((a) => a.value), ['malicious=False score=n/a categories=None sources=0']),
    },
    {
      name: 'a URL: a numeric riskScore truncated, the primary classification when categories is empty',
      query: query('http://phish.example/login', 'url'),
      routes: { 'GET /check': (req: FakeRequest) => (req.query['query'] === 'http://phish.example/login' ? { json: REPUTATION['phish.example'] } : { status: 400, json: { error: 'bad query' } }) },
      check: (answer) => assert.deepEqual(summaries(answer).map((a) => a.value), ['malicious=True score=73 categories=phishing sources=3']),
    },
    {
      name: 'a clean hostname: the summary says so, nothing invented',
      query: query('www.example.org', 'hostname'),
      check: (answer) => assert.deepEqual(summaries(answer).map((a) => a.value), ['malicious=False score=0 categories=None sources=0']),
    },
    { name: 'upstream test_ismalicious_missing_api_key (no request)', query: query(), config: null, error: 'An isMalicious API key is required (set api_key in the module config).', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a blank api_key is missing too', query: query(), config: { api_key: '  ' }, messageId: 'noKey' },
    { name: 'upstream test_ismalicious_reports_http_error (500, no message)', query: query(), routes: { 'GET /check': { status: 500, body: '' } }, error: 'isMalicious API returned HTTP status 500.' },
    { name: 'upstream test_ismalicious_rejects_invalid_input: no attribute', query: {}, error: /^This module requires an "attribute" field/ },
    { name: 'upstream test_ismalicious_rejects_invalid_input: md5', query: query('abc', 'md5'), error: 'Unsupported attribute type.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty value', query: query('  ', 'domain'), messageId: 'emptyValue' },
    { name: 'a wrong key: the status and what the API said', query: query(), config: { api_key: 'bad' }, error: 'isMalicious API returned HTTP status 401: Invalid API key.' },
    { name: 'JSON that is not an object', query: query(), routes: { 'GET /check': { json: ['x'] } }, messageId: 'invalidJson' },
    ...vendorFailureRows({
      query: query(),
      route: 'GET /check',
      vendorMessage: 'Slow down',
      expect: {
        unauthorized: 'isMalicious API returned HTTP status 401: Slow down.',
        rateLimited: 'isMalicious API returned HTTP status 429: Slow down.',
        serverError: 'isMalicious API returned HTTP status 500: Slow down.',
        malformed: 'isMalicious API returned an invalid JSON response.',
      },
    }),
  ],
});
