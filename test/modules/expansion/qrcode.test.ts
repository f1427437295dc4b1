import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import qrcode from '../../../src/modules/expansion/qrcode.js';
import { qrResult } from '../../../src/modules/expansion/_qr/classify.js';
import { startFakeHttp, type FakeHttp } from '../../support/fake-http.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { samples } from './fixtures-docs/build.js';

const QR = readFileSync(samples('qrcode.jpeg'));
const LOGO = readFileSync(samples('misp-logo.png'));
const ADDRESS = '1GXZ6v7FZzYBEnoRaG77SJxhu7QkvQmFuh';

/** A valid PNG header declaring 40000×40000 pixels with almost no data: a decompression bomb. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(40_000, 0);
  header.writeUInt32BE(40_000, 4);
  header[8] = 8;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
}

let fake: FakeHttp;
let t: TestServer;
let guarded: TestServer;

before(async () => {
  fake = await startFakeHttp({
    'GET /qr.jpeg': { body: QR, headers: { 'content-type': 'image/jpeg' } },
    'GET /missing.png': { status: 404, body: 'no' },
    'GET /huge.png': { endless: true, headers: { 'content-type': 'image/png' } },
  });
  t = await startTestServer({ builtins: [qrcode], settings: { allowUrlRanges: ['127.0.0.0/8'] } });
  guarded = await startTestServer({ builtins: [qrcode] });
});
after(async () => {
  await t.close();
  await guarded.close();
  await fake.close();
});

const attachment = (data: Buffer | string, name = 'qrcode.jpeg') =>
  t.query({ module: 'qrcode', attachment: name, data: typeof data === 'string' ? data : data.toString('base64') });

describe('qrcode', () => {
  test("upstream's qrcode.jpeg: a bitcoin URI gives its address as btc", async () => {
    const answer: any = await attachment(QR);
    assertValidResults(answer);
    assert.deepEqual(answer, { results: [{ types: ['btc'], values: ADDRESS, comment: 'BTC found in qrcode.jpeg' }] });
  });

  test('url: the picture is fetched as a phone would (mobile User-Agent) and decoded', async () => {
    const url = `${fake.url}/qr.jpeg`;
    const answer: any = await t.query({ module: 'qrcode', url });
    assertValidResults(answer);
    assert.deepEqual(answer, { results: [{ types: ['btc'], values: ADDRESS, comment: `BTC found in ${url}` }] });
    const request = fake.requests.find((r) => r.path === '/qr.jpeg');
    assert.match(String(request?.headers['user-agent']), /iPhone/);
  });

  test('link attributes are fetched too', async () => {
    const answer: any = await t.query({ module: 'qrcode', link: `${fake.url}/qr.jpeg` });
    assert.equal(answer.results[0].values, ADDRESS);
  });

  test('what a decoded text becomes: btc, url or text', () => {
    assert.deepEqual(qrResult('bitcoin:1abc?amount=1', 'a.png'), { types: ['btc'], values: '1abc', comment: 'BTC found in a.png' });
    assert.deepEqual(qrResult('BITCOIN:1ABC', 'a.png'), { types: ['btc'], values: '1ABC', comment: 'BTC found in a.png' });
    assert.deepEqual(qrResult('scan https://evil.example/pay', 'a.png'), { types: ['url'], values: 'scan https://evil.example/pay', comment: 'Decoded from a.png' });
    assert.deepEqual(qrResult('ftp://198.51.100.7/x', 'a.png').types, ['url']);
    assert.deepEqual(qrResult('the bitcoin price', 'a.png'), { types: ['text'], values: 'the bitcoin price', comment: 'Decoded from a.png' });
  });

  test('an image with no QR code', async () => {
    assert.deepEqual(await attachment(LOGO, 'misp-logo.png'), { error: 'No QR code found in image.' });
  });

  test('bytes that are not an image, a truncated image, a decompression bomb', async () => {
    assert.deepEqual(await attachment(Buffer.from('%PDF-1.4 not a picture')), { error: 'Not a valid image file (expected PNG or JPEG).' });
    // Header and no picture data: once a native decoder crashed the whole server on this.
    assert.deepEqual(await attachment(QR.subarray(0, 200)), { error: 'Not a valid image file (expected PNG or JPEG).' });
    assert.deepEqual(await attachment(pngBomb()), { error: 'The image is 40000×40000 pixels, more than the 25 megapixels this server decodes.' });
  });

  test('empty or invalid attachment data, no input at all', async () => {
    assert.deepEqual(await attachment(''), { error: 'Attachment error: empty or invalid data.' });
    assert.deepEqual(await attachment('%%%'), { error: 'Attachment error: empty or invalid data.' });
    assert.deepEqual(await t.query({ module: 'qrcode', attachment: 'x.png' }), { error: 'Attachment error: empty or invalid data.' });
    assert.deepEqual(await t.query({ module: 'qrcode', 'ip-src': '198.51.100.7' }), { error: 'Unsupported input. Provide an attachment or a URL.' });
  });

  test('a URL refused by the guard is never fetched', async () => {
    const before = fake.requests.length;
    const answer: any = await guarded.query({ module: 'qrcode', url: `${fake.url}/qr.jpeg` });
    assert.match(answer.error, /^Security Block \(SSRF Protection\): Refusing to fetch http:\/\/127\.0\.0\.1:\d+\/qr\.jpeg: /);
    const metadata: any = await guarded.query({ module: 'qrcode', url: 'http://169.254.169.254/latest/' });
    assert.match(metadata.error, /^Security Block \(SSRF Protection\): Refusing to fetch /);
    assert.equal(fake.requests.length, before);
  });

  test('an upstream 404 and a picture over 10 MB', async () => {
    assert.deepEqual(await t.query({ module: 'qrcode', url: `${fake.url}/missing.png` }), {
      error: `Fetch Error: 127.0.0.1:${fake.port} answered HTTP 404.`,
    });
    const huge: any = await t.query({ module: 'qrcode', url: `${fake.url}/huge.png` });
    assert.match(huge.error, /^Fetch Error: .*10485760 bytes/);
  });
});
