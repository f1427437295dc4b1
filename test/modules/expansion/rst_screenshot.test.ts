/**
 * rst_screenshot against a loopback RST Scan API
 * (`GET /v1/scan/html/screenshot/{first|full|last}?target=…`, key in
 * X-Api-Key), answering `{url, image_base64}` as rstapi reads it.
 */
import assert from 'node:assert/strict';
import rst_screenshot from '../../../src/modules/expansion/rst_screenshot.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { assertEchoed, assertOneGet, assertTextOnly, attribute, CONFIG, KEY, NO_KEY, onlyObject, results, RST_HOST, UUID, withKey } from './rstcloud-fake.js';

/** A 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf000001010100189dd8e00000000049454e44ae426082', 'hex');

const shot = withKey((req) => ({ json: { url: `https://${req.query['target']}`, image_base64: PNG.toString('base64') } }));
const RST = { 'GET /v1/scan/html/screenshot/:frame': shot };

const sent = (frame: string, target: string) => (requests: VendorRequest[]) => assertOneGet(requests, `/v1/scan/html/screenshot/${frame}`, { target });

testModule({
  module: rst_screenshot,
  vendors: { [RST_HOST]: RST },
  config: CONFIG,
  rows: [
    {
      name: 'the full frame by default: an image object with the PNG, the page as a link',
      query: attribute('domain', 'example.com'),
      inputUuids: [UUID],
      requests: sent('full', 'example.com:443'),
      check: (answer) => {
        assertEchoed(answer, 'example.com');
        const { object, values } = onlyObject(answer, 'image', 'screenshot-of');
        assert.equal(object.comment, 'RST Screenshot (GetHtmlScreenshotFull)');
        assert.deepEqual(values, { attachment: ['screenshot.png'] });
        assert.deepEqual(Buffer.from(object.Attribute[0]!.data!, 'base64'), PNG);
        const link = results(answer).Attribute.filter((a) => a.type === 'link');
        assert.deepEqual(link.map((a) => [a.value, a.comment, a.to_ids]), [['https://example.com:443', 'RST Screenshot source (GetHtmlScreenshotFull)', false]]);
      },
    },
    { name: 'frame "first"', query: attribute('url', 'https://example.com/login'), config: { frame: 'First' }, inputUuids: [UUID], requests: sent('first', 'https://example.com/login') },
    {
      name: 'frame "last" with the port setting',
      query: attribute('ip-dst', '203.0.113.7'),
      config: { frame: 'last', port: '8080' },
      inputUuids: [UUID],
      requests: sent('last', '203.0.113.7:8080'),
      check: (answer) => assert.equal(onlyObject(answer, 'image', 'screenshot-of').object.comment, 'RST Screenshot (GetHtmlScreenshotLast)'),
    },
    { name: 'an unknown frame is the full one', query: attribute('hostname', 'www.example.com'), config: { frame: 'middle' }, inputUuids: [UUID], requests: sent('full', 'www.example.com:443') },
    {
      name: 'no image: "no screenshot returned", naming the method',
      query: attribute('domain', 'example.com'),
      routes: { 'GET /v1/scan/html/screenshot/:frame': { json: { url: 'https://example.com:443', image_base64: '' } } },
      check: (answer) => assertTextOnly(answer, 'example.com:443: no screenshot returned (GetHtmlScreenshotFull)', 'RST Screenshot'),
    },
    {
      name: 'an image that is not base64 is no image',
      query: attribute('domain', 'example.com'),
      routes: { 'GET /v1/scan/html/screenshot/:frame': { json: { image_base64: 'abc' } } },
      check: (answer) => assertTextOnly(answer, 'example.com:443: no screenshot returned (GetHtmlScreenshotFull)', 'RST Screenshot'),
    },
    { name: "no api_key: upstream's exact message, nothing sent", query: attribute('domain', 'example.com'), config: { api_key: null }, error: NO_KEY, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty value', query: attribute('domain', ''), messageId: 'noTarget' },
    { name: 'a wrong key: the gateway says Forbidden', query: attribute('domain', 'example.com'), config: { api_key: `${KEY}x` }, error: 'RST Cloud refused the key (setting api_key, HTTP 403 Forbidden).' },
    { name: 'a 404 is a vendor error', query: attribute('domain', 'example.com'), routes: { 'GET /v1/scan/html/screenshot/:frame': { status: 404, json: { message: 'Not Found' } } }, error: 'RST Cloud answered HTTP 404 Not Found.' },
    ...vendorFailureRows({ query: attribute('domain', 'example.com'), route: 'GET /v1/scan/html/screenshot/:frame' }),
  ],
});
