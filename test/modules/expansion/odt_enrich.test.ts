import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import odt_enrich from '../../../src/modules/expansion/odt_enrich.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { ods, odt, samples } from './fixtures-docs/build.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [odt_enrich] });
});
after(() => t.close());

const query = (data: Buffer, attachment = 'notes.odt') => t.query({ module: 'odt_enrich', attachment, data: data.toString('base64') });

describe('odt_enrich', () => {
  test("upstream's test.odt", async () => {
    const answer: any = await query(readFileSync(samples('test.odt')), 'test.odt');
    assertValidResults(answer);
    assert.deepEqual(answer, {
      results: [
        { types: ['freetext'], values: 'odt test', comment: '.odt-to-text from file test.odt' },
        { types: ['text'], values: 'odt test', comment: '.odt-to-text from file test.odt' },
      ],
    });
  });

  test('headings, lists, tables and frames, with spans, spaces, tabs and line breaks; deleted text left out', async () => {
    const document = await odt(
      [
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>deleted 203.0.113.9</text:p></text:deletion></text:changed-region></text:tracked-changes>',
        '<text:h text:outline-level="1">Campaign</text:h>',
        '<text:p>C2 at <text:span>evil.example</text:span> seen<text:s text:c="3"/>twice<text:tab/>then<text:line-break/>gone &amp; <text:a xlink:href="x" xmlns:xlink="http://www.w3.org/1999/xlink">back</text:a></text:p>',
        '<text:list><text:list-item><text:p>item one</text:p></text:list-item><text:list-item><text:p>item two</text:p></text:list-item></text:list>',
        '<table:table><table:table-row><table:table-cell><text:p>cell 198.51.100.7</text:p></table:table-cell></table:table-row></table:table>',
        '<text:p>outer<draw:frame><draw:text-box><text:p>in a frame</text:p></draw:text-box></draw:frame></text:p>',
        '<text:p/>',
      ].join(''),
    );
    const answer: any = await query(document);
    assertValidResults(answer);
    assert.equal(answer.results[0].values, 'Campaign\nC2 at evil.example seen   twice\tthen\ngone & back\nitem one\nitem two\ncell 198.51.100.7\nouter\nin a frame\n');
  });

  test('a spreadsheet is not a text document', async () => {
    assert.deepEqual(await query(await ods('<table:table/>')), {
      error: "Couldn't analyze file as .odt. Error was: the package is application/vnd.oasis.opendocument.spreadsheet, not an .odt document.",
    });
  });

  test('corrupt and foreign files', async () => {
    assert.deepEqual(await query(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])), {
      error: "Couldn't analyze file as .odt. Error was: The document package cannot be read: it is not a zip archive.",
    });
    assert.deepEqual(await query(readFileSync(samples('test.docx'))), {
      error: "Couldn't analyze file as .odt. Error was: the package has no content.xml (not an OpenDocument file).",
    });
  });
});
