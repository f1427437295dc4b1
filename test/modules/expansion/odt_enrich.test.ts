/** odt_enrich as a table: documents built per row (fixtures-docs/build.ts) and upstream's samples. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import odt_enrich from '../../../src/modules/expansion/odt_enrich.js';
import { testModule } from '../../support/module-tester.js';
import { attachment, freetextAndText, textOf } from './document-rows.js';
import { ods, odt, samples } from './fixtures-docs/build.js';

const query = (data: Parameters<typeof attachment>[1], name = 'notes.odt') => attachment(name, data);

const MIXED_CONTENT = [
  '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>deleted 203.0.113.9</text:p></text:deletion></text:changed-region></text:tracked-changes>',
  '<text:h text:outline-level="1">Campaign</text:h>',
  '<text:p>C2 at <text:span>evil.example</text:span> seen<text:s text:c="3"/>twice<text:tab/>then<text:line-break/>gone &amp; <text:a xlink:href="x" xmlns:xlink="http://www.w3.org/1999/xlink">back</text:a></text:p>',
  '<text:list><text:list-item><text:p>item one</text:p></text:list-item><text:list-item><text:p>item two</text:p></text:list-item></text:list>',
  '<table:table><table:table-row><table:table-cell><text:p>cell 198.51.100.7</text:p></table:table-cell></table:table-row></table:table>',
  '<text:p>outer<draw:frame><draw:text-box><text:p>in a frame</text:p></draw:text-box></draw:frame></text:p>',
  '<text:p/>',
].join('');

testModule({
  module: odt_enrich,
  rows: [
    {
      name: "upstream's test.odt",
      query: query(readFileSync(samples('test.odt')), 'test.odt'),
      results: freetextAndText('.odt', 'test.odt', 'odt test'),
      check: (answer) => assert.deepEqual(Object.keys(answer), ['results']),
    },
    {
      name: 'headings, lists, tables and frames, with spans, spaces, tabs and line breaks; deleted text left out',
      query: query(() => odt(MIXED_CONTENT)),
      check: (answer) =>
        assert.equal(textOf(answer), 'Campaign\nC2 at evil.example seen   twice\tthen\ngone & back\nitem one\nitem two\ncell 198.51.100.7\nouter\nin a frame\n'),
    },
    {
      name: 'a spreadsheet is not a text document',
      query: query(() => ods('<table:table/>')),
      error: "Couldn't analyze file as .odt. Error was: the package is application/vnd.oasis.opendocument.spreadsheet, not an .odt document.",
    },
    {
      name: 'a corrupt file',
      query: query(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])),
      error: "Couldn't analyze file as .odt. Error was: The document package cannot be read: it is not a zip archive.",
    },
    {
      name: 'a foreign file (a .docx)',
      query: query(readFileSync(samples('test.docx'))),
      error: "Couldn't analyze file as .odt. Error was: the package has no content.xml (not an OpenDocument file).",
    },
  ],
});
