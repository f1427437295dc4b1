import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pdf_enrich from '../../../src/modules/expansion/pdf_enrich.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { pdf, samples } from './fixtures-docs/build.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [pdf_enrich] });
});
after(() => t.close());

const query = (data: Buffer, attachment = 'report.pdf') => t.query({ module: 'pdf_enrich', attachment, data: data.toString('base64') });

describe('pdf_enrich', () => {
  test("upstream's test.pdf: its text as one freetext value", async () => {
    const answer: any = await query(readFileSync(samples('test.pdf')), 'test.pdf');
    assertValidResults(answer);
    assert.match(answer.results[0].values, /^Pdf test/);
    assert.deepEqual(answer, { results: [{ types: ['freetext'], values: 'Pdf test\n', comment: 'PDF-to-text from file test.pdf' }] });
  });

  test('one line per line of text, pages joined by a blank line', async () => {
    const document = pdf([{ text: ['C2 server 198.51.100.7', 'Dropper evil.example'] }, { text: ['Page two'] }]);
    const answer: any = await query(document);
    assertValidResults(answer);
    assert.equal(answer.results[0].values, 'C2 server 198.51.100.7\nDropper evil.example\n\n\nPage two\n');
  });

  test('bytes that are not a PDF', async () => {
    assert.deepEqual(await query(readFileSync(samples('test.docx'))), {
      error: "Couldn't analyze file as PDF. Error was: the file is not a PDF (no %PDF- header).",
    });
  });

  test('a damaged PDF', async () => {
    const answer: any = await query(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> nothing else'));
    assert.match(answer.error, /^Couldn't analyze file as PDF\. Error was: the file is not a PDF or is damaged \(/);
  });

  test('empty data', async () => {
    assert.deepEqual(await query(Buffer.alloc(0)), {
      error: "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
    });
  });
});
