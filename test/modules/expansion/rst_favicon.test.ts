/**
 * rst_favicon against a loopback RST Scan API
 * (`GET /v1/scan/favicon?target=…&base64=true`, key in X-Api-Key), answering
 * the request and resolved favicon URLs, its content type, the Murmur3
 * favicon hash, md5/sha1/sha256 of the image and the image in base64.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import rst_favicon from '../../../src/modules/expansion/rst_favicon.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { assertEchoed, assertOneGet, assertTextOnly, attribute, CONFIG, KEY, NO_KEY, onlyObject, results, RST_HOST, tagNames, UUID, withKey } from './rstcloud-fake.js';

/** A 1×1 PNG. */
const IMAGE = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf000001010100189dd8e00000000049454e44ae426082', 'hex');
const digest = (algorithm: string) => createHash(algorithm).update(IMAGE).digest('hex');

const FAVICON = {
  req_url: 'https://drive.google.com/',
  req_location: 'https://ssl.gstatic.com/images/branding/product/1x/drive_2026_32dp.ico?v=3',
  req_content_type: 'image/png',
  favicon_hash: '-1437287698',
  md5: digest('md5'),
  sha1: digest('sha1'),
  sha256: digest('sha256'),
  base64_image: IMAGE.toString('base64'),
};

const RST = {
  'GET /v1/scan/favicon': withKey((req) => ({ json: req.query['target']?.includes('drive.google.com') ? FAVICON : { req_url: `https://${req.query['target']}/`, favicon_hash: '' } })),
};

const sent = (target: string) => (requests: VendorRequest[]) => assertOneGet(requests, '/v1/scan/favicon', { target, base64: 'true' });

testModule({
  module: rst_favicon,
  vendors: { [RST_HOST]: RST },
  config: CONFIG,
  rows: [
    {
      name: 'a favicon: a file object with its hashes and the image, the resolved URL, the tagged Murmur3 hash',
      query: attribute('domain', 'drive.google.com'),
      inputUuids: [UUID],
      requests: sent('drive.google.com'),
      check: (answer) => {
        assertEchoed(answer, 'drive.google.com');
        const { object, values } = onlyObject(answer, 'file', 'identifies');
        assert.equal(object.comment, 'RST Favicon');
        assert.deepEqual(values, {
          filename: ['drive_2026_32dp.ico'],
          mimetype: ['image/png'],
          md5: [FAVICON.md5],
          sha1: [FAVICON.sha1],
          sha256: [FAVICON.sha256],
          attachment: ['drive_2026_32dp.ico'],
        });
        const attachment = object.Attribute.find((a) => a.object_relation === 'attachment')!;
        assert.deepEqual(Buffer.from(attachment.data!, 'base64'), IMAGE);
        const others = results(answer).Attribute.filter((a) => a.value !== 'drive.google.com');
        assert.deepEqual(others.map((a) => [a.type, a.value, a.comment, a.to_ids]), [
          ['link', FAVICON.req_location, 'RST Favicon resolved URL', false],
          ['other', '-1437287698', 'Murmur3 favicon hash for drive.google.com (Shodan/FOFA pivot)', false],
        ]);
        assert.deepEqual(tagNames(others[1]), ['rstcloud:favicon:hash="-1437287698"']);
      },
    },
    { name: 'a URL is sent as is', query: attribute('url', 'https://drive.google.com/drive/my-drive'), inputUuids: [UUID], requests: sent('https://drive.google.com/drive/my-drive') },
    { name: "a composite is sent as the bare host (the endpoint refuses host:port)", query: attribute('hostname|port', 'drive.google.com|443'), inputUuids: [UUID], requests: sent('drive.google.com') },
    {
      name: 'no resolved URL, no type, an image that is not base64: favicon.ico, image/x-icon, no attachment, no link',
      query: attribute('domain', 'drive.google.com'),
      routes: { 'GET /v1/scan/favicon': { json: { favicon_hash: 708578229, md5: FAVICON.md5, base64_image: 'not*base64' } } },
      inputUuids: [UUID],
      check: (answer) => {
        assert.deepEqual(onlyObject(answer, 'file', 'identifies').values, { filename: ['favicon.ico'], mimetype: ['image/x-icon'], md5: [FAVICON.md5] });
        assert.deepEqual(results(answer).Attribute.map((a) => a.type), ['domain', 'other']);
      },
    },
    { name: 'no favicon hash: "no favicon returned"', query: attribute('ip-dst', '203.0.113.7'), check: (answer) => assertTextOnly(answer, '203.0.113.7: no favicon returned', 'RST Favicon') },
    { name: "no api_key: upstream's exact message, nothing sent", query: attribute('domain', 'drive.google.com'), config: { api_key: '' }, error: NO_KEY, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty value', query: attribute('domain', ''), messageId: 'noTarget' },
    { name: 'a wrong key: the gateway says Forbidden', query: attribute('domain', 'drive.google.com'), config: { api_key: `${KEY}x` }, error: 'RST Cloud refused the key (setting api_key, HTTP 403 Forbidden).' },
    { name: 'a 404 is a vendor error', query: attribute('domain', 'drive.google.com'), routes: { 'GET /v1/scan/favicon': { status: 404, json: { message: 'Not Found' } } }, error: 'RST Cloud answered HTTP 404 Not Found.' },
    ...vendorFailureRows({ query: attribute('domain', 'drive.google.com'), route: 'GET /v1/scan/favicon' }),
  ],
});
