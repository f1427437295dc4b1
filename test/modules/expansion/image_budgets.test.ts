/**
 * Issue 13, item 7 (pictures): a small PNG declaring tens of megapixels of
 * real, complete image data made Tesseract (WebAssembly, outside any heap
 * cap) and the JavaScript decoders take hundreds of MB to GB. OCR now reads
 * up to 16 megapixels, QR decoding up to 25; past that the answer names the
 * budget, and the same server keeps serving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ocr_enrich from '../../../src/modules/expansion/ocr_enrich.js';
import qrcode from '../../../src/modules/expansion/qrcode.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { largePng } from '../../support/hostile-inputs.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [ocr_enrich, qrcode] });
});
after(() => t.close());

const send = (module: string, png: Buffer) => t.query({ module, attachment: 'big.png', data: png.toString('base64') });

async function stillServing(): Promise<void> {
  assert.equal((await t.get('/healthcheck')).text, '{"status":true}');
  assert.deepEqual(await send('qrcode', largePng(64, 64, 'blank')), { error: 'No QR code found in image.' });
}

describe('picture budgets', () => {
  test('OCR of a complete 49-megapixel PNG: refused before Tesseract sees it, the server still serving', async () => {
    const png = largePng(7000, 7000);
    assert.ok(png.length < 1_000_000);
    assert.deepEqual(await send('ocr_enrich', png), { error: 'The image is 7000×7000 pixels, more than the 16 megapixels this server decodes for OCR.' });
    await stillServing();
  });

  test('QR decoding of a complete 36-megapixel PNG: refused before decoding, the server still serving', async () => {
    assert.deepEqual(await send('qrcode', largePng(6000, 6000, 'blank')), { error: 'The image is 6000×6000 pixels, more than the 25 megapixels this server decodes.' });
    await stillServing();
  });
});
