/**
 * rst_noise_control against a loopback RST Noise Control
 * (`GET /v1/benign/lookup?value=…`, key in X-Api-Key), answering
 * `{value, type, benign, reason}` as RST does, always HTTP 200. The payloads
 * are upstream's mocks (tests/test_rst_noise_control.py) and the
 * "Change Score" reason from upstream's own documentation of the API.
 */
import assert from 'node:assert/strict';
import rst_noise_control from '../../../src/modules/expansion/rst_noise_control.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';
import { assertEchoed, assertOneGet, assertTextOnly, attribute, CONFIG, KEY, NO_KEY, onlyObject, RST_HOST, tagNames, UUID, withKey } from './rstcloud-fake.js';

const MD5 = '2b3c4d5e6f708192a3b4c5d6e7f80912';
const MD5_DEEP = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';

const ANSWERS: Record<string, { benign: string; reason: string; type: string }> = {
  '8.8.8.8': { benign: 'true', reason: 'Drop Public DNS/Services/Google', type: 'ipv4' },
  [MD5]: { benign: 'true', reason: 'Drop Ubuntu Server 26.04 LTS/pam_sepermit.so/', type: 'md5' },
  [MD5_DEEP]: { benign: 'true', reason: 'Drop NSRL 2025.03.1_modern/726.LibOVRPlatform64_1.dll/Meta - Oculus Platform SDK', type: 'md5' },
  '198.20.69.74': { benign: 'true', reason: 'Change Score Shodan/Scanners/Shodan', type: 'ipv4' },
};

const RST = {
  'GET /v1/benign/lookup': withKey((req) => {
    const value = req.query['value'] ?? '';
    return { json: { value, ...(ANSWERS[value] ?? { benign: 'false', reason: 'Not Found in our database', type: 'ipv4' }) } };
  }),
};

/** The verdict attribute's value and tags, and the object's values. */
function verdict(answer: Answer): { values: Record<string, string[]>; tags: string[] } {
  const { object, values } = onlyObject(answer, 'rst-noise', 'related-to');
  assert.equal(object.comment, 'RST Noise Control');
  const verdictAttribute = object.Attribute.find((a) => a.object_relation === 'verdict');
  assert.ok(object.Attribute.every((a) => a === verdictAttribute || tagNames(a).length === 0), 'only the verdict carries tags');
  return { values, tags: tagNames(verdictAttribute) };
}

testModule({
  module: rst_noise_control,
  vendors: { [RST_HOST]: RST },
  config: CONFIG,
  rows: [
    {
      name: "upstream's drop verdict: BENIGN, risk high, drop, the category's first segment",
      query: attribute('ip-dst', '8.8.8.8'),
      inputUuids: [UUID],
      requests: (requests) => assertOneGet(requests, '/v1/benign/lookup', { value: '8.8.8.8' }),
      check: (answer) => {
        assertEchoed(answer, '8.8.8.8');
        const { values, tags } = verdict(answer);
        assert.deepEqual(values, { verdict: ['BENIGN - known-good'], category: ['Public DNS/Services/Google'], 'ioc-type': ['ipv4'], benign: ['true'] });
        assert.deepEqual(tags, ['false-positive:risk="high"', 'rstcloud:noise-control="drop"', 'rstcloud:noise-category="Public DNS"']);
      },
    },
    {
      name: "upstream's Ubuntu hash: the whole category on the object, its first segment in the tag",
      query: attribute('md5', MD5, { category: 'Payload delivery' }),
      inputUuids: [UUID],
      check: (answer) => {
        const { values, tags } = verdict(answer);
        assert.deepEqual(values['category'], ['Ubuntu Server 26.04 LTS/pam_sepermit.so/']);
        assert.deepEqual(tags, ['false-positive:risk="high"', 'rstcloud:noise-control="drop"', 'rstcloud:noise-category="Ubuntu Server 26.04 LTS"']);
      },
    },
    {
      name: "upstream's deep category",
      query: attribute('md5', MD5_DEEP, { category: 'Payload delivery' }),
      inputUuids: [UUID],
      check: (answer) => assert.ok(verdict(answer).tags.includes('rstcloud:noise-category="NSRL 2025.03.1_modern"')),
    },
    {
      name: 'a Change Score reason is NOISY, risk medium (the composite is looked up without its port)',
      query: attribute('ip-src|port', '198.20.69.74|443'),
      inputUuids: [UUID],
      requests: (requests) => assertOneGet(requests, '/v1/benign/lookup', { value: '198.20.69.74' }),
      check: (answer) => {
        const { values, tags } = verdict(answer);
        assert.deepEqual(values['verdict'], ['NOISY - reduce score']);
        assert.deepEqual(values['category'], ['Shodan/Scanners/Shodan']);
        assert.deepEqual(tags, ['false-positive:risk="medium"', 'rstcloud:noise-control="change-score"', 'rstcloud:noise-category="Shodan"']);
      },
    },
    {
      name: "upstream's not-in-database: Not flagged, no category, no tags",
      query: attribute('ip-dst', '1.2.3.4'),
      inputUuids: [UUID],
      check: (answer) => {
        const { values, tags } = verdict(answer);
        assert.deepEqual(values, { verdict: ['Not flagged'], 'ioc-type': ['ipv4'], benign: ['false'] });
        assert.deepEqual(tags, []);
      },
    },
    {
      name: 'a boolean benign and a missing reason are read, not a crash',
      query: attribute('domain', 'google.com'),
      routes: { 'GET /v1/benign/lookup': { json: { value: 'google.com', type: 'domain', benign: true, reason: null } } },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(verdict(answer).values['verdict'], ['BENIGN - known-good']),
    },
    {
      name: "an answer that is not an object is upstream's text",
      query: attribute('ip-dst', '8.8.8.8'),
      routes: { 'GET /v1/benign/lookup': { json: 'maintenance' } },
      check: (answer) => assertTextOnly(answer, '8.8.8.8: unexpected response from RST Noise Control', 'RST Noise Control'),
    },
    { name: "no api_key: upstream's exact message, nothing sent", query: attribute('ip-dst', '8.8.8.8'), config: { api_key: '' }, error: NO_KEY, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty value', query: attribute('ip-dst', ''), messageId: 'noValue' },
    {
      name: 'a wrong key: the gateway says Forbidden',
      query: attribute('ip-dst', '8.8.8.8'),
      config: { api_key: `${KEY}x` },
      error: 'RST Cloud refused the key (setting api_key, HTTP 403 Forbidden).',
    },
    {
      name: 'a 404 (the lookup always answers 200) is a vendor error',
      query: attribute('ip-dst', '8.8.8.8'),
      routes: { 'GET /v1/benign/lookup': { status: 404, json: { message: 'Missing Authentication Token' } } },
      error: /^RST Cloud .*404.*Missing Authentication Token/,
    },
    ...vendorFailureRows({ query: attribute('ip-dst', '8.8.8.8'), route: 'GET /v1/benign/lookup' }),
  ],
});
