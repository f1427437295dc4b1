/** ods_enrich as a table: spreadsheets built per row (fixtures-docs/build.ts) and upstream's samples. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ods_enrich from '../../../src/modules/expansion/ods_enrich.js';
import { testModule } from '../../support/module-tester.js';
import { NO_DATA, attachment, freetextAndText, textOf } from './document-rows.js';
import { ods, odt, samples } from './fixtures-docs/build.js';

const query = (data: Parameters<typeof attachment>[1], name = 'sheet.ods') => attachment(name, data);

const cell = (type: string, attrs: string, content = '') => `<table:table-cell office:value-type="${type}" ${attrs}>${content}</table:table-cell>`;
const str = (text: string, attrs = '') => cell('string', attrs, `<text:p>${text}</text:p>`);
const empty = (repeat = 1) => `<table:table-cell${repeat > 1 ? ` table:number-columns-repeated="${repeat}"` : ''}/>`;
const row = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;

const SHEET_1 = [
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
const THREE_SHEETS = `<table:table table:name="IOCs">${SHEET_1}</table:table><table:table table:name="Empty"/><table:table table:name="Last">${row(cell('float', 'office:value="1"'))}</table:table>`;

testModule({
  module: ods_enrich,
  rows: [
    {
      name: "upstream's test.ods: each sheet printed as pandas prints the DataFrame",
      query: query(readFileSync(samples('test.ods')), 'test.ods'),
      results: freetextAndText('.ods', 'test.ods', '\n   column.0\n0  ods test'),
      check: (answer) => assert.deepEqual(Object.keys(answer), ['results']),
    },
    {
      name: 'typed cells, repeats, trailing empty rows, several sheets (checked against pandas 1.5.3)',
      query: query(() => ods(THREE_SHEETS)),
      check: (answer) =>
        assert.equal(
          textOf(answer),
          '\n       column.0     column.1  column.2 column.3 column.4    column.5 column.6' +
            '\n0            ip         seen       3.0     True      dup         dup      dup' +
            '\n1  198.51.100.7   2024-01-02       2.5    False     None        None     None' +
            '\n2          None         None       NaN     None     None        None     None' +
            '\n3        a  bcd  PT12H00M00S       0.5     None        x  two\\nlines     None' +
            '\nEmpty DataFrame\nColumns: []\nIndex: []' +
            '\n   column.0\n0       1.0',
        ),
    },
    {
      name: 'a text document is not a spreadsheet',
      query: query(() => odt('<text:p>hello</text:p>')),
      error: "Couldn't analyze file as .ods. Error was: the package is application/vnd.oasis.opendocument.text, not an .ods spreadsheet.",
    },
    {
      name: 'a foreign file',
      query: query(Buffer.from('garbage bytes')),
      error: "Couldn't analyze file as .ods. Error was: the file is not an .ods spreadsheet: it is not a zip package.",
    },
    {
      name: 'a corrupt file',
      query: query(readFileSync(samples('test.ods')).subarray(0, 3000)),
      error: /^Couldn't analyze file as \.ods\. Error was: The document package cannot be read/,
    },
    { name: 'empty data', query: query(Buffer.alloc(0)), error: NO_DATA },
  ],
});
