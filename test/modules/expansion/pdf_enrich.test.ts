/** pdf_enrich as a table: PDFs built per row (fixtures-docs/build.ts) and upstream's samples. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import pdf_enrich from '../../../src/modules/expansion/pdf_enrich.js';
import { testModule } from '../../support/module-tester.js';
import { NO_DATA, attachment, textOf } from './document-rows.js';
import { pdf, samples } from './fixtures-docs/build.js';

const query = (data: Parameters<typeof attachment>[1], name = 'report.pdf') => attachment(name, data);

testModule({
  module: pdf_enrich,
  rows: [
    {
      name: "upstream's test.pdf: its text as one freetext value",
      query: query(readFileSync(samples('test.pdf')), 'test.pdf'),
      results: [{ types: ['freetext'], values: 'Pdf test\n', comment: 'PDF-to-text from file test.pdf' }],
      check: (answer) => {
        assert.match(textOf(answer), /^Pdf test/);
        assert.deepEqual(Object.keys(answer), ['results']);
      },
    },
    {
      name: 'one line per line of text, pages joined by a blank line',
      query: query(() => pdf([{ text: ['C2 server 198.51.100.7', 'Dropper evil.example'] }, { text: ['Page two'] }])),
      check: (answer) => assert.equal(textOf(answer), 'C2 server 198.51.100.7\nDropper evil.example\n\n\nPage two\n'),
    },
    {
      name: 'bytes that are not a PDF',
      query: query(readFileSync(samples('test.docx'))),
      error: "Couldn't analyze file as PDF. Error was: the file is not a PDF (no %PDF- header).",
    },
    {
      name: 'a damaged PDF',
      query: query(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> nothing else')),
      error: /^Couldn't analyze file as PDF\. Error was: the file is not a PDF or is damaged \(/,
    },
    { name: 'empty data', query: query(Buffer.alloc(0)), error: NO_DATA },
  ],
});
