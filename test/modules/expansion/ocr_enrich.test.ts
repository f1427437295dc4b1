import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import ocr_enrich from '../../../src/modules/expansion/ocr_enrich.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { samples } from './fixtures-docs/build.js';

const LOGO = readFileSync(samples('misp-logo.png'));

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [ocr_enrich] });
});
after(() => t.close());

const query = (data: Buffer | string, attachment = 'misp-logo.png', extra: object = {}) =>
  t.query({ module: 'ocr_enrich', attachment, data: typeof data === 'string' ? data : data.toString('base64'), ...extra });

/** A bigger picture (the sample scaled up three times), for OCR that takes a while. */
async function bigPicture(): Promise<Buffer> {
  const jpeg = await import('jpeg-js');
  const source = (jpeg.decode ?? jpeg.default.decode)(readFileSync(samples('qrcode.jpeg')), { useTArray: true, formatAsRGBA: true });
  const scale = 3;
  const width = source.width * scale;
  const height = source.height * scale;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const from = (Math.floor(y / scale) * source.width + Math.floor(x / scale)) * 4;
      source.data.subarray(from, from + 4).forEach((v, c) => (data[(y * width + x) * 4 + c] = v));
    }
  }
  return Buffer.from((jpeg.encode ?? jpeg.default.encode)({ data, width, height }, 90).data);
}

describe('ocr_enrich', () => {
  test("upstream's misp-logo.png: the lines read, as one freetext entry", async () => {
    const answer: any = await query(LOGO);
    assertValidResults(answer);
    assert.ok(answer.results[0].values.includes('Threat Sharing'));
    assert.deepEqual(answer, { results: [{ types: ['freetext'], values: ['MISP', 'Threat Sharing'], comment: 'OCR from file misp-logo.png' }] });
  });

  test('a PDF is read from its text layer', async () => {
    const answer: any = await query(readFileSync(samples('test.pdf')), 'test.pdf');
    assertValidResults(answer);
    assert.deepEqual(answer.results[0].values, ['Pdf test']);
  });

  test('OCR runs offline: no network access from the process or its threads (language data from the npm package)', () => {
    const fixtures = new URL('./fixtures-docs/', import.meta.url);
    const run = spawnSync(
      process.execPath,
      ['--import', fileURLToPath(new URL('no-network.mjs', fixtures)), '--import', 'tsx', fileURLToPath(new URL('ocr-offline.ts', fixtures))],
      { encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(run.status, 0, run.stderr);
    const { probeExit, outcome } = JSON.parse(run.stdout) as { probeExit: number; outcome: { ok: boolean; value: { pages: string[] } } };
    // The probe thread's connection was stopped by the guard: the guard works in worker threads.
    assert.equal(probeExit, 7);
    assert.deepEqual(outcome, { ok: true, value: { pages: ['MISP\nThreat Sharing\n'] } });
    const attempts = run.stderr.split('\n').filter((line) => line.startsWith('NETWORK ATTEMPT'));
    assert.equal(attempts.length, 1, run.stderr);
    assert.match(attempts[0] ?? '', /connect 127\.0\.0\.1:65000$/);
  });

  test('the OCR stops when the query times out, and the next query is served', async () => {
    const big = await bigPicture();
    assert.deepEqual(await query(big, 'big.jpeg', { timeout: 1 }), { error: 'Timeout.' });
    const answer: any = await query(LOGO);
    assert.deepEqual(answer.results[0].values, ['MISP', 'Threat Sharing']);
  });

  test('a file that is not a picture, a truncated picture, a decompression bomb', async () => {
    assert.deepEqual(await query(readFileSync(samples('test.docx')), 'test.docx'), {
      error: "Couldn't analyze file type. Only images (PNG, JPEG, GIF, BMP or WebP) and PDFs are supported.",
    });
    assert.deepEqual(await query(readFileSync(samples('qrcode.jpeg')).subarray(0, 300), 'cut.jpeg'), {
      error: 'Tesseract could not read the image: Error attempting to read image.',
    });
    const header = Buffer.from(LOGO.subarray(0, 33));
    header.writeUInt32BE(60_000, 16);
    header.writeUInt32BE(60_000, 20);
    assert.deepEqual(await query(header, 'bomb.png'), { error: 'The image is 60000×60000 pixels, more than the 16 megapixels this server decodes for OCR.' });
  });

  test('no data', async () => {
    const noData = "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?";
    assert.deepEqual(await query(''), { error: noData });
    assert.deepEqual(await t.query({ module: 'ocr_enrich', attachment: 'x.png' }), { error: noData });
  });
});
