/**
 * vysion against a loopback Vysion API: answers shaped like api.vysion.ai
 * v2 (`{"data": {"total": n, "hits": [DocumentHit…]}}`, errors as
 * `{"error": {"code", "message"}}`), the X-API-KEY header checked, at the
 * paths the vysion-py SDK calls.
 */
import assert from 'node:assert/strict';
import vysion from '../../../src/modules/expansion/vysion.js';
import { withHeader, type FakeRequest, type Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '3f0a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const KEY = 'vysion-test-key';
const ONION = 'lockbitapt2d73krlbewgv27tquljgxr33xbwwsp6rkyieto7u4ncead.onion';

const HIT = {
  page: {
    id: 'a3f1c9e2b7d84e5f',
    url: { url: `http://${ONION}/post/acme`, networkProtocol: 'http', domainName: ONION, port: 80, path: '/post/acme', signature: '6b2c1f4e-0000-5000-8000-000000000000', network: 'tor' },
    foundAt: null,
    pageTitle: 'ACME Corp - LockBit 3.0',
    language: 'en',
    text: 'ACME Corp data will be published…',
    sha1sum: '5d41402abc4b2a76b9719d911017c592aaaaaaaa',
    detectionDate: '2024-02-11T08:15:00',
    chunk: false,
  },
  tag: [{ namespace: 'dark-web', predicate: 'topic', value: 'ransomware' }],
  email: [{ value: 'leaks@example.onion.ly' }, { value: 'leaks@example.onion.ly' }],
  bitcoin_address: [{ value: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh' }],
  monero_address: [],
  ethereum_address: [{ value: '0x742d35Cc6634C0532925a3b844Bc454e4438f44e' }],
  polkadot_address: [],
  ripple_address: [],
  zcash_address: [],
  paste: [],
  skype: [],
  telegram: [],
  whatsapp: [],
};

const found = (req: FakeRequest) => ({ json: { data: { total: 1, hits: [HIT] }, error: null, _: req.path } });
const empty = { json: { data: { total: 0, hits: [] }, error: null } };
const keyed = (handler: Parameters<typeof withHeader>[2]) => withHeader('x-api-key', KEY, handler, { status: 401, json: { data: null, error: { code: 401, message: 'Invalid API key' } } });

const VYSION = {
  'GET /api/v2/document/search': keyed((req) => (req.query['q'] === 'ACME Corp' ? found(req) : empty)),
  'GET /api/v2/document/url/:url': keyed((req) => (req.params['url'] === ONION ? found(req) : empty)),
  'GET /api/v2/document/email/:email': keyed(empty),
  'GET /api/v2/document/wallet/:chain/:address': keyed((req) => (req.params['chain'] === 'BTC' ? found(req) : empty)),
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Other' } });

type Results = { Attribute?: Array<{ type: string; value: string; comment?: string }>; Object?: Array<{ name: string; comment?: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> }>; Tag?: Array<{ name: string }> };
const results = (answer: Answer) => answer['results'] as Results;

function checkHit(answer: Answer): void {
  const { Attribute = [], Object: objects = [], Tag = [] } = results(answer);
  assert.equal(objects.length, 1);
  const page = objects[0]!;
  assert.equal(page.name, 'url');
  assert.deepEqual(Object.fromEntries(page.Attribute.map((a) => [a.object_relation, a.value])), {
    url: `http://${ONION}/post/acme`,
    host: ONION,
    scheme: 'http',
    port: '80',
    text: 'ACME Corp - LockBit 3.0',
    'first-seen': '2024-02-11T08:15:00',
  });
  assert.equal(page.comment, 'Vysion page a3f1c9e2b7d84e5f (tor)');
  assert.deepEqual(page.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['associated-to', UUID]]);
  assert.deepEqual(Attribute.map((a) => [a.type, a.value, a.comment]), [
    ['link', 'https://app.vysion.ai/document/a3f1c9e2b7d84e5f', 'Vysion document'],
    ['domain', ONION, undefined],
    ['email', 'leaks@example.onion.ly', undefined],
    ['btc', 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', undefined],
    ['text', '0x742d35Cc6634C0532925a3b844Bc454e4438f44e', 'Ethereum address'],
  ]);
  assert.deepEqual(Tag.map((t) => t.name), ['dark-web:topic="ransomware"']);
}

testModule({
  module: vysion,
  vendors: { 'api.vysion.ai': VYSION },
  config: { apikey: KEY },
  rows: [
    {
      name: 'an organisation is searched; the page, its domain, addresses and tags come back',
      query: attribute('target-org', 'ACME Corp'),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => [r.path, r.query['q'], r.query['page'], r.query['page_size']]), [['/api/v2/document/search', 'ACME Corp', '1', '10']]);
        assert.equal(requests[0]!.headers['x-tool'], 'MISPModuleVysionExpansion');
      },
      check: checkHit,
    },
    {
      name: 'a hostname is looked up like a domain (upstream answered nothing)',
      query: attribute('hostname', ONION),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), [`/api/v2/document/url/${ONION}`]),
      check: checkHit,
    },
    {
      name: 'a URL is escaped whole in the path (quote safe="")',
      query: attribute('url', 'http://x.onion/a b?c=(1)'),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.target.split('?')[0]), ['/api/v2/document/url/http%3A%2F%2Fx.onion%2Fa%20b%3Fc%3D%281%29']),
      results: {},
    },
    {
      name: 'a BTC wallet is asked at document/wallet/BTC/, with event_limit as page size',
      query: attribute('btc', 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh'),
      config: { event_limit: '25' },
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => [r.path, r.query['page_size']]), [['/api/v2/document/wallet/BTC/bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', '25']]),
      check: checkHit,
    },
    { name: 'an email nobody mentions: nothing invented', query: attribute('email', 'nobody@example.com'), results: {} },
    { name: 'a bad event_limit is said', query: attribute('text', 'x'), config: { event_limit: 'ten' }, messageId: 'badLimit' },
    { name: 'no apikey: upstream message', query: attribute('text', 'x'), config: { apikey: null }, error: 'A Vysion api key is required for this module.' },
    { name: 'proxy settings are accepted and ignored', query: attribute('email', 'nobody@example.com'), config: { proxy_host: 'http://proxy.invalid', proxy_port: '' }, results: {} },
    { name: 'a type it does not take', query: attribute('ip-src', '1.2.3.4'), error: /does not accept attributes of type 'ip-src'/ },
    { name: 'no attribute', query: { text: 'x' }, error: /requires an "attribute" field/ },
    { name: 'a wrong key: the fake refuses it', query: attribute('text', 'ACME Corp'), config: { apikey: 'wrong' }, error: /Vysion refused the key \(setting apikey, HTTP 401.*\): Invalid API key\./ },
    ...vendorFailureRows({ query: attribute('text', 'ACME Corp'), route: 'GET /api/v2/document/search', vendorMessage: 'Vysion is blind.' }),
  ],
});
