/**
 * stairwell against a loopback Stairwell API (`GET /v1/objects/{hash}/metadata`,
 * the key in `Authorization`): the object metadata as Stairwell documents it
 * (trimmed), and its gRPC-style errors `{"code": 16|5|2, "message": …}`.
 */
import assert from 'node:assert/strict';
import stairwell from '../../../src/modules/expansion/stairwell.js';
import type { FakeRequest, FakeResponse } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'SW-4C2F8A1B9D3E7F6A5B4C3D2E1F0A9B8C7D6E5F4A';
const UUID = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
const SHA256 = 'e3b1a8f4c7d2b6a9e0f1c2d3b4a5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b';

const METADATA = {
  md5: '5d41402abc4b2a76b9719d911017c592',
  sha1: 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d',
  sha256: SHA256,
  size: '73802',
  tlsh: 'T1A9E3F5A7E25B60B8C3A4C13C9BC3A5CEB3217AA5D7226D9C0E4CE4B6B4E38D1C2C5F90',
  imphash: 'f34d5f2d4577ed6d9ceec516c1f5a744',
  magic: 'PE32 executable (GUI) Intel 80386, for MS Windows',
  mimeType: 'application/x-dosexec',
  shannonEntropy: 6.71,
  stairwellFirstSeenTime: '2023-11-02T08:15:30.123Z',
  environments: ['D4447Q-WJJL6P-W7ME89-WHXJK8TW', 'ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZZZ'],
  yaraRuleMatches: ['environments/GEG6FU-MRARGF-TLTM6X-H6MGDT5E/yaraRules/Emotet_Loader_2023', 'yaraRules/Orphan_Rule'],
  malEval: { labels: ['malicious', 'trojan'], probabilityBucket: 'PROBABILITY_VERY_HIGH', severity: 'HIGH' },
};

const STAIRWELL = {
  'GET /v1/objects/:hash/metadata': (req: FakeRequest): FakeResponse => {
    if (req.headers['authorization'] !== KEY) return { status: 401, json: { code: 16, message: 'Unauthenticated.', details: [] } };
    if (!/^[0-9a-fA-F]+$/.test(req.params['hash']!)) return { status: 400, json: { code: 2, message: 'encoding/hex: invalid byte: U+0067 \'g\'', details: [] } };
    return req.params['hash'] === SHA256 ? { json: METADATA } : { status: 404, json: { code: 5, message: 'object not found', details: [] } };
  },
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID } });

interface Obj {
  name: string;
  distribution: string;
  Attribute: Array<{ object_relation: string; type: string; value: string; comment?: string; distribution: string; Tag?: Array<{ name: string }> }>;
}

testModule({
  module: stairwell,
  vendors: { 'app.stairwell.com': STAIRWELL },
  config: { apikey: KEY },
  rows: [
    {
      name: 'a known sha256 gives the stairwell object, hashes tagged with the MalEval labels',
      query: attribute('sha256', SHA256),
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`GET /v1/objects/${SHA256}/metadata`]);
        assert.equal(requests[0]!.headers['authorization'], KEY);
      },
      check: (answer: Answer) => {
        const [object] = (answer['results'] as { Object: Obj[] }).Object;
        assert.equal(object!.name, 'stairwell');
        assert.deepEqual(object!.Attribute.map((a) => [a.object_relation, a.type, String(a.value), a.comment]), [
          ['environment', 'comment', 'Malware Bazaar', 'Hash observed in'],
          ['environment', 'comment', 'Unknown Environment: ZZZZZZ-ZZZZZZ-ZZZZZZ-ZZZZZZZZ', 'Hash observed in'],
          ['imphash', 'imphash', 'f34d5f2d4577ed6d9ceec516c1f5a744', undefined],
          ['magic', 'comment', METADATA.magic, undefined],
          ['malEval-probability', 'comment', 'PROBABILITY_VERY_HIGH', undefined],
          ['malEval-severity', 'comment', 'HIGH', undefined],
          ['md5', 'md5', METADATA.md5, undefined],
          ['mime-type', 'mime-type', 'application/x-dosexec', undefined],
          ['sha1', 'sha1', METADATA.sha1, undefined],
          ['sha256', 'sha256', SHA256, undefined],
          ['entropy', 'float', '6.71', undefined],
          ['size-in-bytes', 'size-in-bytes', '73802', undefined],
          ['stairwell-first-seen', 'datetime', object!.Attribute.find((a) => a.object_relation === 'stairwell-first-seen')!.value, undefined],
          ['tlsh', 'tlsh', METADATA.tlsh, undefined],
          ['yara-rule-match', 'comment', 'Emotet_Loader_2023', 'Rule from: Stairwell Methodology Rules'],
          ['yara-rule-match', 'comment', 'Orphan_Rule', 'Rule from: Unknown UUID!'],
        ]);
        assert.match(object!.Attribute.find((a) => a.object_relation === 'stairwell-first-seen')!.value, /^2023-11-02T08:15:30/);
        assert.ok(object!.Attribute.every((a) => a.distribution === '5'));
        for (const relation of ['md5', 'sha1', 'sha256']) {
          assert.deepEqual(object!.Attribute.find((a) => a.object_relation === relation)!.Tag!.map((t) => t.name), ['malicious', 'trojan']);
        }
      },
    },
    {
      name: 'an answer without malEval or YARA matches: what there is, no crash',
      query: attribute('md5', METADATA.md5),
      routes: { 'GET /v1/objects/:hash/metadata': { json: { md5: METADATA.md5, size: '10' } } },
      check: (answer) => {
        const [object] = (answer['results'] as { Object: Obj[] }).Object;
        assert.deepEqual(object!.Attribute.map((a) => [a.object_relation, String(a.value), a.Tag]), [['md5', METADATA.md5, undefined], ['size-in-bytes', '10', undefined]]);
      },
    },
    { name: 'an unknown hash: Stairwell\'s "not found" (code 5), nothing invented', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), error: 'md5:d41d8cd98f00b204e9800998ecf8427e object not found' },
    { name: 'a value that is not hex (code 2)', query: attribute('sha1', 'ghijkl'), error: "encoding/hex: invalid byte: U+0067 'g'" },
    { name: 'a wrong key (code 16; the fake checks it)', query: attribute('sha256', SHA256), config: { apikey: 'wrong' }, error: 'Unauthenticated. Is api key valid?' },
    { name: 'no key, checked before the attribute as upstream', query: {}, config: { apikey: '' }, messageId: 'noKey' },
    { name: 'no attribute', query: { sha256: SHA256 }, messageId: 'noAttribute' },
    { name: 'an attribute without value', query: { attribute: { type: 'sha256' } }, messageId: 'noAttribute' },
    { name: 'a type it does not take', query: attribute('sha512', 'ab'.repeat(64)), messageId: 'unsupported', requests: (r) => assert.equal(r.length, 0) },
    { name: 'another Stairwell error code: named with the status', query: attribute('sha256', SHA256), routes: { 'GET /v1/objects/:hash/metadata': { status: 403, json: { code: 7, message: 'permission denied' } } }, error: 'Stairwell refused the key (setting apikey, HTTP 403 Forbidden): permission denied.' },
    ...vendorFailureRows({ query: attribute('sha256', SHA256), vendorMessage: 'Service unavailable' }),
  ],
});
