/** docx_enrich as a table: documents built per row (fixtures-docs/build.ts) and upstream's samples. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import docx_enrich from '../../../src/modules/expansion/docx_enrich.js';
import { testModule } from '../../support/module-tester.js';
import { NO_DATA, attachment, freetextAndText, textOf } from './document-rows.js';
import { docx, samples, zipParts } from './fixtures-docs/build.js';

/** MISP's enrichment query for an attachment of an event. */
const query = (data: Parameters<typeof attachment>[1], name = 'report.docx') => attachment(name, data, { event_id: '3' });

const p = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (content: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${content}</w:tc>`;

const MIXED_BODY = [
  p(r('Report on '), '<w:hyperlink r:id="rId9" xmlns:r="x">', r('evil.example'), '</w:hyperlink>', r(' &amp; friends')),
  p(r('a'), '<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type="page"/><w:noBreakHyphen/><w:cr/></w:r>'),
  '<w:tbl>',
  `<w:tr>${tc(p(r('H1')), '<w:gridSpan w:val="2"/>')}${tc(p(r('H3')))}</w:tr>`,
  `<w:tr>${tc(p(r('top')), '<w:vMerge w:val="restart"/>')}${tc(p(r('x')) + p(r('y')))}${tc(p(r('198.51.100.7')))}</w:tr>`,
  `<w:tr>${tc(p(''), '<w:vMerge/>')}${tc(p(r('z')))}${tc(p(r('&#x2764;')))}</w:tr>`,
  '</w:tbl>',
  p(r('after the table')),
  // Tracked insertions and content controls are not read, as in python-docx.
  p('<w:ins><w:r><w:t>inserted</w:t></w:r></w:ins>', r('kept')),
].join('');

/** A good document whose main part is replaced by XML that is not well-formed. */
async function malformedMainPart(): Promise<Uint8Array> {
  const good = await docx(p(r('x')));
  const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js');
  const entries = await new ZipReader(new Uint8ArrayReader(good)).getEntries();
  const parts: Record<string, Uint8Array | string> = {};
  for (const entry of entries) if (!entry.directory) parts[entry.filename] = await entry.getData(new Uint8ArrayWriter());
  parts['word/document.xml'] = '<w:document xmlns:w="x"><w:body><w:p></w:body>';
  return zipParts(parts);
}

const TEST_DOCX = readFileSync(samples('test.docx'));

testModule({
  module: docx_enrich,
  rows: [
    {
      name: "upstream's test.docx: the paragraph prefixed with a newline, as freetext and text",
      query: query(TEST_DOCX, 'test.docx'),
      results: freetextAndText('.docx', 'test.docx', '\nThis is an basic test docx file. '),
      check: (answer) => assert.deepEqual(Object.keys(answer), ['results']),
    },
    {
      name: 'paragraphs, then table cells row by row; merged cells repeat as python-docx lists them',
      query: query(() => docx(MIXED_BODY)),
      check: (answer) =>
        assert.equal(
          textOf(answer),
          '\nReport on evil.example & friends\na\tb\nc-\n\nafter the table\nkept' +
            '\nH1\nH1\nH3' +
            '\ntop\nx\ny\n198.51.100.7' +
            '\ntop\nz\n\u2764',
        ),
    },
    {
      name: 'the main part is found through the package relationships',
      query: query(() => docx(p(r('elsewhere')), 'word/document2.xml')),
      check: (answer) => assert.equal(textOf(answer), '\nelsewhere'),
    },
    { name: 'a document with no text gives an empty value', query: query(() => docx('')), check: (answer) => assert.equal(textOf(answer), '') },
    {
      name: 'bytes that are not a zip package',
      query: query(Buffer.from('MZ\x90\x00 definitely not a document')),
      error: "Couldn't analyze file as .docx. Error was: the file is not a .docx document: it is not a zip package.",
    },
    {
      name: 'a truncated document',
      query: query(TEST_DOCX.subarray(0, TEST_DOCX.length - 400)),
      error: /^Couldn't analyze file as \.docx\. Error was: The document package cannot be read: it is truncated or corrupt/,
    },
    {
      name: 'another office document',
      query: query(readFileSync(samples('test.xlsx'))),
      error:
        "Couldn't analyze file as .docx. Error was: the package is not a Word document (its main part is application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml).",
    },
    {
      name: 'a zip that is not an office package',
      query: query(() => zipParts({ 'readme.txt': 'hello' })),
      error: "Couldn't analyze file as .docx. Error was: the package has no main document (no officeDocument relationship in _rels/.rels).",
    },
    {
      name: 'malformed XML in the main part',
      query: query(malformedMainPart),
      error: /^Couldn't analyze file as \.docx\. Error was: The part "word\/document\.xml" is not well-formed XML: /,
    },
    { name: 'no data', query: { attachment: 'a.docx' }, error: NO_DATA },
    { name: 'empty data', query: query(''), error: NO_DATA },
    { name: 'data that is not base64', query: query('***'), error: 'The "data" field is not valid base64.' },
    {
      name: 'a query without an attachment',
      query: { data: 'AAAA' },
      error: "Module 'docx_enrich' needs one of these attribute types in the request: attachment.",
    },
  ],
});
