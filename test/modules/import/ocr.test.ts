import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import ocr from '../../../src/modules/import/ocr.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { jpegOf, pdf, samples } from '../expansion/fixtures-docs/build.js';

const LOGO = readFileSync(samples('misp-logo.png'));

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [ocr] });
});
after(() => t.close());

const importFile = (data: Buffer, filename = 'upload.bin') => t.query({ module: 'ocr', data: data.toString('base64'), filename, config: {} });

async function imported(data: Buffer, filename?: string): Promise<string> {
  const answer: any = await importFile(data, filename);
  assert.equal(answer.error, undefined, answer.error);
  assertValidResults(answer);
  assert.equal(answer.results.length, 1);
  assert.deepEqual(answer.results[0].types, ['freetext']);
  return answer.results[0].values;
}

describe('ocr (import)', () => {
  test('is listed as an import of files, with no form', async () => {
    const modules = (await t.get('/modules')).json() as Array<{ name: string; type: string; mispattributes: object; meta: { 'module-type': string[] } }>;
    const entry = modules.find((m) => m.name === 'ocr');
    assert.equal(entry?.type, 'import_mod');
    assert.deepEqual(entry?.mispattributes, { userConfig: {}, inputSource: ['file'] });
    assert.deepEqual(entry?.meta['module-type'], ['import']);
  });

  test('a picture: the text read, as one freetext value', async () => {
    const answer: any = await importFile(LOGO, 'misp-logo.png');
    assertValidResults(answer);
    assert.deepEqual(answer, { results: [{ types: ['freetext'], values: 'MISP\nThreat Sharing\n' }] });
  });

  test('a JPEG picture', async () => {
    assert.match(await imported((await jpegOf(LOGO)).bytes, 'logo.jpeg'), /Threat Sharing/);
  });

  test('a PDF with a text layer: the text of its pages', async () => {
    assert.equal(await imported(readFileSync(samples('test.pdf')), 'test.pdf'), 'Pdf test\n');
  });

  test('a scanned PDF: pages without text are rendered and OCRed; pages are joined by a blank line', async () => {
    const scan = await jpegOf(LOGO);
    const text = await imported(pdf([{ text: ['Incident 42 at 198.51.100.7'] }, { jpeg: scan }]), 'scan.pdf');
    assert.equal(text, 'Incident 42 at 198.51.100.7\n\n\nMISP\nThreat Sharing\n');
  });

  test('corrupt or foreign files', async () => {
    assert.deepEqual(await importFile(Buffer.from('hello, this is text'), 'notes.txt'), {
      error: 'Corrupt or not an image file (expected PNG, JPEG, GIF, BMP or WebP, or a PDF).',
    });
    const damaged: any = await importFile(Buffer.from('%PDF-1.5\ntruncated'), 'bad.pdf');
    assert.match(damaged.error, /^Couldn't analyze file as PDF\. Error was: the file is not a PDF or is damaged/);
    const truncated: any = await importFile(LOGO.subarray(0, 120), 'cut.png');
    assert.match(truncated.error, /^Tesseract could not read the image: /);
  });

  test('an empty upload', async () => {
    assert.deepEqual(await importFile(Buffer.alloc(0)), { error: 'The uploaded file is empty: expected an image or a PDF.' });
  });
});
