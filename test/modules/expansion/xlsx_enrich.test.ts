import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import xlsx_enrich from '../../../src/modules/expansion/xlsx_enrich.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { samples } from './fixtures-docs/build.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [xlsx_enrich] });
});
after(() => t.close());

const query = (data: Buffer, attachment = 'book.xlsx') => t.query({ module: 'xlsx_enrich', attachment, data: data.toString('base64') });
const fixture = (name: string) => readFileSync(new URL(`./fixtures-docs/xlsx/${name}`, import.meta.url));

/** What pandas.read_excel(path).to_string() printed for each fixture (fixtures-docs/xlsx/generate.py). */
const PANDAS: Record<string, string> = JSON.parse(fixture('pandas-expected.json').toString('utf8'));

describe('xlsx_enrich', () => {
  test("upstream's test.xlsx: the first row is the header (upstream's expected text)", async () => {
    const answer: any = await query(readFileSync(samples('test.xlsx')), 'test.xlsx');
    assertValidResults(answer);
    const expected = '      header\n0  xlsx test';
    assert.deepEqual(answer, {
      results: [
        { types: ['freetext'], values: expected, comment: '.xlsx-to-text from file test.xlsx' },
        { types: ['text'], values: expected, comment: '.xlsx-to-text from file test.xlsx' },
      ],
    });
  });

  for (const name of Object.keys(PANDAS)) {
    test(`${name}.xlsx prints as pandas prints it`, async () => {
      const answer: any = await query(fixture(`${name}.xlsx`));
      assertValidResults(answer);
      assert.equal(answer.results[0].values, PANDAS[name]);
    });
  }

  test('corrupt and foreign files', async () => {
    assert.deepEqual(await query(Buffer.from('id,value\n1,2\n')), {
      error: "Couldn't analyze file as .xlsx. Error was: the file is not an .xlsx workbook: it is not a zip package.",
    });
    assert.deepEqual(await query(readFileSync(samples('test.pptx'))), {
      error:
        "Couldn't analyze file as .xlsx. Error was: the package is not an Excel workbook (its main part is application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml).",
    });
    const bytes = fixture('nums.xlsx');
    const answer: any = await query(bytes.subarray(0, bytes.length - 100));
    assert.match(answer.error, /^Couldn't analyze file as \.xlsx\. Error was: The document package cannot be read/);
  });
});
