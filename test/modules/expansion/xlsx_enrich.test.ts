/** xlsx_enrich as a table: workbooks generated with pandas' expected prints (fixtures-docs/xlsx/) and upstream's samples. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import xlsx_enrich from '../../../src/modules/expansion/xlsx_enrich.js';
import { testModule, type ModuleTestRow } from '../../support/module-tester.js';
import { attachment, freetextAndText, textOf } from './document-rows.js';
import { samples } from './fixtures-docs/build.js';

const query = (data: Parameters<typeof attachment>[1], name = 'book.xlsx') => attachment(name, data);
const fixture = (name: string) => readFileSync(new URL(`./fixtures-docs/xlsx/${name}`, import.meta.url));

/** What pandas.read_excel(path).to_string() printed for each fixture (fixtures-docs/xlsx/generate.py). */
const PANDAS: Record<string, string> = JSON.parse(fixture('pandas-expected.json').toString('utf8'));

const pandasRows: ModuleTestRow[] = Object.keys(PANDAS).map((name) => ({
  name: `${name}.xlsx prints as pandas prints it`,
  query: query(fixture(`${name}.xlsx`)),
  check: (answer) => assert.equal(textOf(answer), PANDAS[name]),
}));

const NUMS = fixture('nums.xlsx');

testModule({
  module: xlsx_enrich,
  rows: [
    {
      name: "upstream's test.xlsx: the first row is the header (upstream's expected text)",
      query: query(readFileSync(samples('test.xlsx')), 'test.xlsx'),
      results: freetextAndText('.xlsx', 'test.xlsx', '      header\n0  xlsx test'),
      check: (answer) => assert.deepEqual(Object.keys(answer), ['results']),
    },
    ...pandasRows,
    {
      name: 'a foreign file (CSV)',
      query: query(Buffer.from('id,value\n1,2\n')),
      error: "Couldn't analyze file as .xlsx. Error was: the file is not an .xlsx workbook: it is not a zip package.",
    },
    {
      name: 'another office document',
      query: query(readFileSync(samples('test.pptx'))),
      error:
        "Couldn't analyze file as .xlsx. Error was: the package is not an Excel workbook (its main part is application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml).",
    },
    {
      name: 'a truncated workbook',
      query: query(NUMS.subarray(0, NUMS.length - 100)),
      error: /^Couldn't analyze file as \.xlsx\. Error was: The document package cannot be read/,
    },
  ],
});
