import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import ods_enrich from '../../../src/modules/expansion/ods_enrich.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { ods, odt, samples } from './fixtures-docs/build.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [ods_enrich] });
});
after(() => t.close());

const query = (data: Buffer, attachment = 'sheet.ods') => t.query({ module: 'ods_enrich', attachment, data: data.toString('base64') });

const cell = (type: string, attrs: string, content = '') => `<table:table-cell office:value-type="${type}" ${attrs}>${content}</table:table-cell>`;
const str = (text: string, attrs = '') => cell('string', attrs, `<text:p>${text}</text:p>`);
const empty = (repeat = 1) => `<table:table-cell${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''}/>`;
const row = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;

describe('ods_enrich', () => {
  test("upstream's test.ods: each sheet printed as pandas prints the DataFrame", async () => {
    const answer: any = await query(readFileSync(samples('test.ods')), 'test.ods');
    assertValidResults(answer);
    const expected = '\n   column.0\n0  ods test';
    assert.deepEqual(answer, {
      results: [
        { types: ['freetext'], values: expected, comment: '.ods-to-text from file test.ods' },
        { types: ['text'], values: expected, comment: '.ods-to-text from file test.ods' },
      ],
    });
  });

  test('typed cells, repeats, trailing empty rows, several sheets (checked against pandas 1.5.3)', async () => {
    const sheet1 = [
      row(str('ip'), str('seen'), cell('float', 'office:value="3"', '<text:p>3</text:p>'), cell('boolean', 'office:boolean-value="true"'), str('dup', 'table:number-columns-repeated="3"')),
      row(str('198.51.100.7'), cell('date', 'office:date-value="2024-01-02"'), cell('float', 'office:value="2.5"'), cell('boolean', 'office:boolean-value="false"'), empty(3)),
      row(empty(7)),
      row(
        cell('string', '', '<text:p>a<text:s text:c="2"/>b<text:span>c</text:span>d</text:p>'),
        cell('time', 'office:time-value="PT12H00M00S"'),
        cell('percentage', 'office:value="0.5"'),
        empty(),
        str('x'),
        cell('string', '', '<text:p>two</text:p><text:p>lines</text:p>'),
      ),
      // What office suites write for the empty rest of a sheet: counted once, then dropped.
      `<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`,
    ].join('');
    const document = await ods(
      `<table:table table:name="IOCs">${sheet1}</table:table><table:table table:name="Empty"/><table:table table:name="Last">${row(cell('float', 'office:value="1"'))}</table:table>`,
    );
    const answer: any = await query(document);
    assertValidResults(answer);
    assert.equal(
      answer.results[0].values,
      '\n       column.0     column.1  column.2 column.3 column.4    column.5 column.6' +
        '\n0            ip         seen       3.0     True      dup         dup      dup' +
        '\n1  198.51.100.7   2024-01-02       2.5    False     None        None     None' +
        '\n2          None         None       NaN     None     None        None     None' +
        '\n3        a  bcd  PT12H00M00S       0.5     None        x  two\\nlines     None' +
        '\nEmpty DataFrame\nColumns: []\nIndex: []' +
        '\n   column.0\n0       1.0',
    );
  });

  test('a text document is not a spreadsheet', async () => {
    assert.deepEqual(await query(await odt('<text:p>hello</text:p>')), {
      error: "Couldn't analyze file as .ods. Error was: the package is application/vnd.oasis.opendocument.text, not an .ods spreadsheet.",
    });
  });

  test('corrupt and foreign files', async () => {
    assert.deepEqual(await query(Buffer.from('garbage bytes')), {
      error: "Couldn't analyze file as .ods. Error was: the file is not an .ods spreadsheet: it is not a zip package.",
    });
    const answer: any = await query(readFileSync(samples('test.ods')).subarray(0, 3000));
    assert.match(answer.error, /^Couldn't analyze file as \.ods\. Error was: The document package cannot be read/);
  });

  test('empty data', async () => {
    assert.deepEqual(await query(Buffer.alloc(0)), {
      error: "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
    });
  });
});
