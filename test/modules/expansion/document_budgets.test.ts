/**
 * Issue 13, item 1: a 180 KB office file whose main part inflates to 90 MiB
 * of empty elements ended the whole server ("FATAL ERROR: Reached heap
 * limit"). Now each document module answers an error naming the budget, and
 * the same server keeps serving. Smaller inputs check the other budgets
 * (cells built from repeats and merges, text, rows, HTML elements).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import docx_enrich from '../../../src/modules/expansion/docx_enrich.js';
import html_to_markdown, { MAX_HTML_ELEMENTS } from '../../../src/modules/expansion/html_to_markdown.js';
import ods_enrich from '../../../src/modules/expansion/ods_enrich.js';
import odt_enrich from '../../../src/modules/expansion/odt_enrich.js';
import pdf_enrich from '../../../src/modules/expansion/pdf_enrich.js';
import { MAX_PDF_STREAM_BYTES } from '../../../src/modules/expansion/_documents/pdf-streams.js';
import pptx_enrich from '../../../src/modules/expansion/pptx_enrich.js';
import xlsx_enrich from '../../../src/modules/expansion/xlsx_enrich.js';
import { MAX_DOCUMENT_ELEMENTS, MAX_DOCUMENT_TEXT, MAX_SHEET_CELLS } from '../../../src/modules/expansion/_documents/budgets.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { officeBomb, pdfBomb, type OfficeFormat } from '../../support/hostile-inputs.js';
import { docx, ods, odt, zipParts } from './fixtures-docs/build.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [docx_enrich, odt_enrich, ods_enrich, xlsx_enrich, pptx_enrich, html_to_markdown, pdf_enrich] });
});
after(() => t.close());

const query = (format: OfficeFormat, data: Buffer) => t.query({ module: `${format}_enrich`, attachment: `x.${format}`, data: data.toString('base64') });
const n = (value: number) => value.toLocaleString('en-US');

/** The server answers /healthcheck and a real document, as before the hostile one. */
async function stillServing(): Promise<void> {
  assert.equal((await t.get('/healthcheck')).text, '{"status":true}');
  const answer: any = await query('docx', await docx('<w:p><w:r><w:t>still here</w:t></w:r></w:p>'));
  assert.equal(answer.results?.[0]?.values, '\nstill here');
}

const MAIN_PART: Record<OfficeFormat, string> = {
  docx: 'word/document.xml',
  xlsx: 'xl/workbook.xml',
  pptx: 'ppt/presentation.xml',
  odt: 'content.xml',
  ods: 'content.xml',
};

describe('document budgets', () => {
  for (const format of ['docx', 'odt', 'xlsx', 'pptx', 'ods'] as const) {
    test(`a .${format} whose main part inflates to 90 MiB of empty elements: an error naming the budget, the server still serving`, async () => {
      const bomb = await officeBomb(format);
      assert.ok(bomb.length < 300_000, `the bomb is ${bomb.length} bytes`);
      const started = performance.now();
      assert.deepEqual(await query(format, bomb), {
        error: `The part "${MAIN_PART[format]}" holds more than ${n(MAX_DOCUMENT_ELEMENTS)} XML elements, the resource budget for one document on this server.`,
      });
      assert.ok(performance.now() - started < 20_000);
      await stillServing();
    });
  }

  test('a .docx table cell spanning a billion grid columns stops at the cell budget', async () => {
    const answer = await query('docx', await docx('<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'));
    assert.deepEqual(answer, { error: `A table of the document holds more than ${n(MAX_SHEET_CELLS)} cells, the resource budget for one spreadsheet on this server.` });
    await stillServing();
  });

  test('.odt spaces repeated past the text budget', async () => {
    const paragraph = `<text:p>${'<text:s text:c="10000"/>'.repeat(2000)}</text:p>`;
    const answer = await query('odt', await odt(paragraph));
    assert.deepEqual(answer, { error: `The text extracted from the document holds more than ${n(MAX_DOCUMENT_TEXT)} characters, the resource budget for one document on this server.` });
    await stillServing();
  });

  test('.ods rows and cells repeated 31 times each, padded to the widest row, stop at the cell budget', async () => {
    const wide = `<table:table-row>${'<table:table-cell table:number-columns-repeated="31" office:value-type="float" office:value="1"/>'.repeat(1000)}</table:table-row>`;
    const rows = '<table:table-row table:number-rows-repeated="31"><table:table-cell/></table:table-row>'.repeat(100);
    const answer = await query('ods', await ods(`<table:table table:name="S">${wide}${rows}</table:table>`));
    assert.deepEqual(answer, { error: `The sheet "S" holds more than ${n(MAX_SHEET_CELLS)} cells, the resource budget for one spreadsheet on this server.` });
    await stillServing();
  });

  test('an .xlsx row numbered a billion stops at the cell budget', async () => {
    const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const book = await zipParts({
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${S}" xmlns:r="${R}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${S}"><sheetData><row r="1"><c r="XFD1"><v>1</v></c></row><row r="1000000000"><c r="A1000000000"><v>2</v></c></row></sheetData></worksheet>`,
    });
    const answer = await query('xlsx', book);
    assert.deepEqual(answer, { error: `The first worksheet holds more than ${n(MAX_SHEET_CELLS)} cells, the resource budget for one spreadsheet on this server.` });
    await stillServing();
  });

  test('html_to_markdown: a page of more elements than the budget is refused before any DOM is built', async () => {
    const html = `<html><body>${'<b></b>'.repeat(MAX_HTML_ELEMENTS)}</body></html>`;
    assert.deepEqual(await t.query({ module: 'html_to_markdown', raw_html: html }), {
      error: `The page holds more than ${n(MAX_HTML_ELEMENTS)} HTML elements, the resource budget for one page on this server.`,
    });
    await stillServing();
  });

  test('pdf_enrich: a 200 KB PDF whose content stream inflates to 200 MiB is refused before pdf.js reads it', async () => {
    const bomb = pdfBomb(200);
    assert.ok(bomb.length < 300_000);
    assert.deepEqual(await t.query({ module: 'pdf_enrich', attachment: 'x.pdf', data: bomb.toString('base64') }), {
      error: `A stream of the PDF inflates to more than ${MAX_PDF_STREAM_BYTES / 1024 / 1024} MiB, the resource budget for one document on this server.`,
    });
    await stillServing();
    // Under the budget, the same PDF is read.
    const small: any = await t.query({ module: 'pdf_enrich', attachment: 'x.pdf', data: pdfBomb(1).toString('base64') });
    assert.equal(small.error, undefined, small.error);
  });
});
