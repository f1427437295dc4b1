/**
 * rst_cs_beacon against a loopback RST Scan API
 * (`GET /v1/scan/cs-beacon?target=…`, key in X-Api-Key). RST always answers
 * an `x86` and an `x64` probe block; a beacon block carries its parsed
 * `config` (1768.py-style keys), `sha256`, `md5` and `size`, an empty probe
 * `config: {}` and `size: 0`.
 */
import assert from 'node:assert/strict';
import rst_cs_beacon from '../../../src/modules/expansion/rst_cs_beacon.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { assertEchoed, assertOneGet, assertTextOnly, attribute, CONFIG, KEY, NO_KEY, results, RST_HOST, tagNames, UUID, withKey } from './rstcloud-fake.js';

const SHA_X86 = '4f3b8a4c2e0b5c1d9e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d';
const SHA_X64 = '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b';
const CONFIG_X86 = { BeaconType: ['HTTPS'], Port: 443, SleepTime: 60000, C2Server: '45.61.136.10,/jquery-3.3.1.min.js', Watermark: 305419896 };
const EMPTY_PROBE = { config: {}, size: 0, sha256: '', md5: '' };

const BEACON = {
  target: '45.61.136.10:443',
  x86: { config: CONFIG_X86, sha256: SHA_X86, md5: '1f2e3d4c5b6a79881f2e3d4c5b6a7988', size: 261120 },
  x64: { config: { ...CONFIG_X86, BeaconType: ['HTTPS'], Watermark: 305419896 }, sha256: SHA_X64, md5: '', size: 289792 },
};

const RST = {
  'GET /v1/scan/cs-beacon': withKey((req) => ({ json: req.query['target']?.startsWith('45.61.136.10') ? BEACON : { target: req.query['target'], x86: EMPTY_PROBE, x64: EMPTY_PROBE } })),
};

type File = { Attribute: Array<{ object_relation?: string; value: string; Tag?: Array<{ name: string }> }>; name: string; ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }> };

const objectValues = (object: File) => Object.fromEntries(object.Attribute.map((a) => [a.object_relation!, a.value]));
const targetSent = (target: string) => (requests: VendorRequest[]) => assertOneGet(requests, '/v1/scan/cs-beacon', { target });

testModule({
  module: rst_cs_beacon,
  vendors: { [RST_HOST]: RST },
  config: CONFIG,
  rows: [
    {
      name: 'a beacon on both architectures: two file objects, sha256 tagged Cobalt Strike, the config as Python JSON',
      query: attribute('ip-dst', '45.61.136.10'),
      inputUuids: [UUID],
      requests: targetSent('45.61.136.10:443'),
      check: (answer) => {
        assertEchoed(answer, '45.61.136.10');
        const objects = results(answer).Object as File[];
        assert.deepEqual(objects.map((o) => [o.name, o.ObjectReference?.map((r) => [r.relationship_type, r.referenced_uuid])]), [
          ['file', [['characterizes', UUID]]],
          ['file', [['characterizes', UUID]]],
        ]);
        assert.deepEqual(objectValues(objects[0]!), {
          sha256: SHA_X86,
          md5: '1f2e3d4c5b6a79881f2e3d4c5b6a7988',
          'size-in-bytes': '261120',
          text:
            'Cobalt Strike beacon (x86) on 45.61.136.10:443; config: {"BeaconType": ["HTTPS"], "Port": 443, "SleepTime": 60000, ' +
            '"C2Server": "45.61.136.10,/jquery-3.3.1.min.js", "Watermark": 305419896}',
        });
        assert.deepEqual(tagNames(objects[0]!.Attribute[0] as never), ['misp-galaxy:tool="Cobalt Strike"']);
        assert.deepEqual(Object.keys(objectValues(objects[1]!)), ['sha256', 'size-in-bytes', 'text']);
        assert.equal(objectValues(objects[1]!)['sha256'], SHA_X64);
      },
    },
    {
      name: 'the same payload on both probes is one object; the config text stops at 400 characters',
      query: attribute('ip-dst|port', '45.61.136.10|8443'),
      routes: { 'GET /v1/scan/cs-beacon': { json: { x86: { ...BEACON.x86, config: { PublicKey: 'A'.repeat(600) } }, x64: { ...BEACON.x86 } } } },
      inputUuids: [UUID],
      requests: targetSent('45.61.136.10:8443'),
      check: (answer) => {
        const objects = results(answer).Object as File[];
        assert.equal(objects.length, 1);
        const text = objectValues(objects[0]!)['text']!;
        assert.equal(text, `Cobalt Strike beacon (x86) on 45.61.136.10:8443; config: {"PublicKey": "${'A'.repeat(600)}`.slice(0, 'Cobalt Strike beacon (x86) on 45.61.136.10:8443; config: '.length + 400));
      },
    },
    {
      name: 'a URL is sent as is',
      query: attribute('url', 'https://45.61.136.10/jquery-3.3.1.min.js'),
      inputUuids: [UUID],
      requests: targetSent('https://45.61.136.10/jquery-3.3.1.min.js'),
    },
    {
      name: 'a beacon block without hashes or size is an annotation with the config, tagged',
      query: attribute('hostname', 'cdn.example.net'),
      routes: { 'GET /v1/scan/cs-beacon': { json: { x86: { config: { Port: 80 } }, x64: EMPTY_PROBE } } },
      inputUuids: [UUID],
      check: (answer) => {
        const [object] = results(answer).Object as File[];
        assert.equal(object!.name, 'annotation');
        assert.deepEqual(objectValues(object!), { type: 'RST CS Beacon', text: 'Cobalt Strike beacon (x86) on cdn.example.net:443; config: {"Port": 80}' });
        assert.deepEqual(tagNames(object!.Attribute[1] as never), ['misp-galaxy:tool="Cobalt Strike"']);
      },
    },
    { name: 'probes without a beacon: "no Cobalt Strike beacon detected"', query: attribute('domain', 'example.com'), check: (answer) => assertTextOnly(answer, 'example.com:443: no Cobalt Strike beacon detected', 'RST CS Beacon') },
    { name: 'an empty answer: "no Cobalt Strike beacon found"', query: attribute('domain', 'example.com'), routes: { 'GET /v1/scan/cs-beacon': { json: {} } }, check: (answer) => assertTextOnly(answer, 'example.com:443: no Cobalt Strike beacon found', 'RST CS Beacon') },
    { name: "no api_key: upstream's exact message, nothing sent", query: attribute('ip-dst', '45.61.136.10'), config: { api_key: null }, error: NO_KEY, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty value', query: attribute('ip-dst', ' '), messageId: 'noTarget' },
    { name: 'a wrong key: the gateway says Forbidden', query: attribute('ip-dst', '45.61.136.10'), config: { api_key: `${KEY}x` }, error: 'RST Cloud refused the key (setting api_key, HTTP 403 Forbidden).' },
    { name: 'a 404 is a vendor error', query: attribute('ip-dst', '45.61.136.10'), routes: { 'GET /v1/scan/cs-beacon': { status: 404, json: { message: 'Not Found' } } }, error: 'RST Cloud answered HTTP 404 Not Found.' },
    ...vendorFailureRows({ query: attribute('ip-dst', '45.61.136.10'), route: 'GET /v1/scan/cs-beacon' }),
  ],
});
