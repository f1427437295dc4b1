/**
 * ransomcoindb against a loopback ransomcoinDB: `GET /api/v1/bin2btc/<btc>`
 * and `/api/v1/bin2btc/{md5|sha1|sha256}/<hash>` with the key in `x-api-key`
 * (401 otherwise), answering lists of sample/address rows as the API does.
 */
import assert from 'node:assert/strict';
import ransomcoindb from '../../../src/modules/expansion/ransomcoindb.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'rcdb-key';
const BTC = '1ES14c7qLb5CYhLMUekctxLgc1FV2Ti9DA';
const UUID = 'ea89a33b-4ab7-4515-9f02-922a0bee333d';

const ROWS = [
  { btc: BTC, md5: '84c82835a5d21bbcf75a61706d8ab549', sha1: '5ff465afaabcbf0150d1a3ab2c2e74f3a4426467', sha256: 'ed01ebfbc9eb5bbea545af4d01bf5f1071661840480439c6e5babe8e080e41aa', firstseen: '2017-05-12' },
  { btc: BTC, md5: 'db349b97c37d22f5ea1d1841e3c89eb4', sha1: 'e889544aff85ffaf8b0d0da705105dee7c97fe26', sha256: '24d004a104d4d54034dbcffc2a4b19a11f39008a575aa614ea04703480b1022c', firstseen: '2017-05-12' },
];

function authorised(req: FakeRequest): boolean {
  return req.headers['x-api-key'] === KEY;
}

const RANSOMCOINDB: Routes = {
  'GET /api/v1/bin2btc/:kind/:hash': (req) => {
    if (!authorised(req)) return { status: 401, json: { message: 'Unauthorized' } };
    const hits = ROWS.filter((row) => row[req.params['kind'] as 'md5'] === req.params['hash']);
    return { json: hits.length ? [...hits, ...hits] : [] };
  },
  'GET /api/v1/bin2btc/:btc': (req) => {
    if (!authorised(req)) return { status: 401, json: { message: 'Unauthorized' } };
    return { json: ROWS.filter((row) => row.btc === req.params['btc']) };
  },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID } });

function files(answer: Answer): Array<Record<string, string>> {
  const results = answer['results'] as { Object: Array<{ name: string; Attribute: Array<{ object_relation: string; value: string }> }> };
  return results.Object.map((o) => {
    assert.equal(o.name, 'file');
    return Object.fromEntries(o.Attribute.map((a) => [a.object_relation, a.value]));
  });
}

testModule({
  module: ransomcoindb,
  vendors: { 'ransomcoindb.concinnity-risks.com': RANSOMCOINDB },
  config: { 'api-key': KEY },
  rows: [
    {
      name: 'a btc address: one file object per sample paying to it',
      query: attribute('btc', BTC),
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`GET /api/v1/bin2btc/${BTC}`]),
      check: (answer) =>
        assert.deepEqual(
          files(answer),
          ROWS.map(({ md5, sha1, sha256 }) => ({ md5, sha1, sha256 })),
        ),
    },
    {
      name: 'a sha256: its btc addresses as btc attributes, each once',
      query: attribute('sha256', ROWS[0]!.sha256),
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), [`/api/v1/bin2btc/sha256/${ROWS[0]!.sha256}`]),
      check: (answer) => {
        const attributes = (answer['results'] as { Attribute: Array<{ type: string; value: string; category: string }> }).Attribute;
        assert.deepEqual(attributes.map((a) => [a.type, a.value, a.category]), [['btc', BTC, 'Financial fraud']]);
      },
    },
    { name: 'an md5 is asked at bin2btc/md5/', query: attribute('md5', ROWS[1]!.md5), requests: (r) => assert.equal(r[0]?.path, `/api/v1/bin2btc/md5/${ROWS[1]!.md5}`) },
    { name: 'an unknown address: an empty result, nothing invented', query: attribute('btc', '1BoatSLRHtKNngkdXEeobR76b53LETtpyT'), results: {} },
    { name: 'a 404 from the API is nothing known', query: attribute('sha1', ROWS[0]!.sha1), routes: { '* /*': { status: 404, json: { detail: 'Not found.' } } }, results: {} },
    // Upstream's own test sends `attributes` (not `attribute`) without config: the key is checked first.
    { name: "upstream's test query: no key gives the exact missing-key message", query: { attributes: { type: 'btc', value: BTC, uuid: UUID } }, config: null, error: 'Ransomcoindb API key is missing' },
    { name: 'an empty api-key', query: attribute('btc', BTC), config: { 'api-key': '' }, error: 'Ransomcoindb API key is missing', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute (with a key)', query: { attributes: { type: 'btc', value: BTC } }, messageId: 'noAttribute' },
    { name: 'an attribute without a value', query: { attribute: { type: 'btc' } }, messageId: 'noAttribute' },
    { name: 'a type it does not take', query: attribute('xmr', '44AFFq5kSiGBoZ'), messageId: 'unsupported', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a wrong key (the fake checks x-api-key)', query: attribute('btc', BTC), config: { 'api-key': 'nope' }, error: 'ransomcoinDB refused the key (setting api-key, HTTP 401 Unauthorized).' },
    ...vendorFailureRows({ query: attribute('btc', BTC), vendorMessage: 'Database unavailable' }),
  ],
});
