/**
 * alphaMountain against a loopback `POST /threat/uri` answering like
 * alphaMountain's documented threat API (`{"version": 1, "status":
 * {"threat": "Success"}, "threat": {"score": …, …}}`). The fake checks the
 * license in the JSON body and answers 401 otherwise.
 */
import assert from 'node:assert/strict';
import alphaMountain from '../../../src/modules/expansion/alphaMountain.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const LICENSE = 'am-license-123';
const UUID = '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

const SCORES: Record<string, unknown> = { 'malware.example': 9.3417, 'shop.example': 6.5, 'clean.example': 1, '203.0.113.7': 8 };

const THREAT = {
  'POST /threat/uri': (req: FakeRequest): FakeResponse => {
    const body = req.json<{ uri: string; license: string; version: number; type: string; scan_depth: string }>();
    if (body.license !== LICENSE) return { status: 401, json: { version: 1, status: { threat: 'Invalid license' } } };
    if (!(body.uri in SCORES)) return { json: { version: 1, status: { threat: 'Success' }, threat: {} } };
    return { json: { version: 1, status: { threat: 'Success' }, threat: { score: SCORES[body.uri], source: 'ai', scope: 'domain', ttl: 86400, confidence: 0.93, policy: null } } };
  },
} satisfies Routes;

const attribute = (type: string, value: string, extra: Record<string, unknown> = {}) => ({ attribute: { type, value, uuid: UUID, category: 'Network activity', to_ids: true, ...extra } });

type Attr = { type: string; value: string; category: string; to_ids: boolean; comment: string; uuid: string; Tag?: Array<{ name: string }> };
const only = (answer: Answer): Attr => {
  const attributes = (answer['results'] as { Attribute: Attr[] }).Attribute;
  assert.equal(attributes.length, 1);
  return attributes[0]!;
};
const tags = (answer: Answer) => (only(answer).Tag ?? []).map((t) => t.name);

testModule({
  module: alphaMountain,
  vendors: { 'api.alphamountain.ai': THREAT },
  config: { license: LICENSE },
  rows: [
    {
      name: 'a domain: the attribute again with its risk score tag (rounded to 2)',
      query: attribute('domain', 'malware.example'),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path} ${r.headers['content-type']}`), ['POST /threat/uri application/json']);
        assert.deepEqual(JSON.parse(requests[0]!.body), { uri: 'malware.example', license: LICENSE, version: 1, type: 'partner.info', scan_depth: 'medium' });
      },
      check: (answer) => {
        const attr = only(answer);
        assert.deepEqual([attr.type, attr.value, attr.category, attr.to_ids, attr.comment], ['domain', 'malware.example', 'Network activity', true, 'alphaMountain threat intelligence analysis']);
        assert.notEqual(attr.uuid, UUID, 'a new attribute, as upstream');
        assert.deepEqual(tags(answer), ['alphaMountain:risk-score="9.34"']);
      },
    },
    {
      name: 'an ip|port goes without its port; a whole score prints as Python does ("8.0"); settings sent',
      query: attribute('ip-dst|port', '203.0.113.7|443'),
      config: { scan_depth: 'high', partner_type: 'partner.misp' },
      requests: (requests) => assert.deepEqual(JSON.parse(requests[0]!.body), { uri: '203.0.113.7', license: LICENSE, version: 1, type: 'partner.misp', scan_depth: 'high' }),
      check: (answer) => {
        assert.equal(only(answer).value, '203.0.113.7|443');
        assert.deepEqual(tags(answer), ['alphaMountain:risk-score="8.0"']);
      },
    },
    { name: 'a url with a low score', query: attribute('url', 'clean.example'), check: (answer) => assert.deepEqual(tags(answer), ['alphaMountain:risk-score="1.0"']) },
    { name: 'nothing known: the no-data tag, no score invented', query: attribute('hostname', 'unknown.example'), check: (answer) => assert.deepEqual(tags(answer), ['alphaMountain:no-data']) },
    {
      name: 'a status other than Success: the api-error tag',
      query: attribute('domain', 'malware.example'),
      routes: { 'POST /threat/uri': { json: { version: 1, status: { threat: 'Quota exceeded' } } } },
      check: (answer) => assert.deepEqual(tags(answer), ['alphaMountain:api-error']),
    },
    {
      name: 'a score that is not a number: the unknown tag',
      query: attribute('domain', 'malware.example'),
      routes: { 'POST /threat/uri': { json: { version: 1, status: { threat: 'Success' }, threat: { score: 'n/a' } } } },
      check: (answer) => assert.deepEqual(tags(answer), ['alphaMountain:risk-score="unknown"']),
    },
    {
      name: 'a JSON answer that is not an object: the error tag',
      query: attribute('domain', 'malware.example'),
      routes: { 'POST /threat/uri': { json: ['unexpected'] } },
      check: (answer) => assert.deepEqual(tags(answer), ['alphaMountain:error']),
    },
    {
      name: 'a link keeps a category its type allows',
      query: attribute('link', 'clean.example', { category: 'Network activity' }),
      check: (answer) => assert.equal(only(answer).category, 'External analysis'),
    },
    { name: 'an empty answer: upstream message', query: attribute('domain', 'malware.example'), routes: { 'POST /threat/uri': { json: {} } }, messageId: 'noData' },
    { name: 'no config at all: upstream message', query: attribute('domain', 'malware.example'), config: null, error: 'Configuration required', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no license: upstream message', query: attribute('domain', 'malware.example'), config: { license: '' }, error: 'License key required in module configuration', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong license: alphaMountain\'s 401 named', query: attribute('domain', 'malware.example'), config: { license: 'wrong' }, error: /^alphaMountain answered HTTP 401/ },
    { name: 'a type it does not take is refused', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), error: /does not accept attributes of type 'md5'/ },
    ...vendorFailureRows({ query: attribute('domain', 'malware.example'), vendorMessage: 'Internal error' }),
  ],
});
