import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import docx_enrich from '../../../src/modules/expansion/docx_enrich.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { docx, samples } from './fixtures-docs/build.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [docx_enrich] });
});
after(() => t.close());

const query = (data: Buffer | string, attachment = 'report.docx') =>
  t.query({ module: 'docx_enrich', event_id: '3', attachment, data: typeof data === 'string' ? data : data.toString('base64') });

async function text(data: Buffer): Promise<string> {
  const answer: any = await query(data);
  assert.equal(answer.error, undefined, answer.error);
  assertValidResults(answer);
  return answer.results[0].values;
}

const p = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (content: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${content}</w:tc>`;

describe('docx_enrich', () => {
  test("upstream's test.docx: the paragraph prefixed with a newline, as freetext and text", async () => {
    const answer: any = await query(readFileSync(samples('test.docx')), 'test.docx');
    assertValidResults(answer);
    const expected = '\nThis is an basic test docx file. ';
    assert.deepEqual(answer, {
      results: [
        { types: ['freetext'], values: expected, comment: '.docx-to-text from file test.docx' },
        { types: ['text'], values: expected, comment: '.docx-to-text from file test.docx' },
      ],
    });
  });

  test('paragraphs, then table cells row by row; merged cells repeat as python-docx lists them', async () => {
    const body = [
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
    assert.equal(
      await text(await docx(body)),
      '\nReport on evil.example & friends\na\tb\nc-\n\nafter the table\nkept' +
        '\nH1\nH1\nH3' +
        '\ntop\nx\ny\n198.51.100.7' +
        '\ntop\nz\n\u2764',
    );
  });

  test('the main part is found through the package relationships', async () => {
    assert.equal(await text(await docx(p(r('elsewhere')), 'word/document2.xml')), '\nelsewhere');
  });

  test('a document with no text gives an empty value', async () => {
    assert.equal(await text(await docx('')), '');
  });

  test('bytes that are not a zip package', async () => {
    assert.deepEqual(await query(Buffer.from('MZ\x90\x00 definitely not a document')), {
      error: "Couldn't analyze file as .docx. Error was: the file is not a .docx document: it is not a zip package.",
    });
  });

  test('a truncated document', async () => {
    const bytes = readFileSync(samples('test.docx'));
    const answer: any = await query(bytes.subarray(0, bytes.length - 400));
    assert.match(answer.error, /^Couldn't analyze file as \.docx\. Error was: The document package cannot be read: it is truncated or corrupt/);
  });

  test('another office document', async () => {
    assert.deepEqual(await query(readFileSync(samples('test.xlsx'))), {
      error:
        "Couldn't analyze file as .docx. Error was: the package is not a Word document (its main part is application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml).",
    });
  });

  test('a zip that is not an office package', async () => {
    const { zipParts } = await import('./fixtures-docs/build.js');
    assert.deepEqual(await query(await zipParts({ 'readme.txt': 'hello' })), {
      error: "Couldn't analyze file as .docx. Error was: the package has no main document (no officeDocument relationship in _rels/.rels).",
    });
  });

  test('malformed XML in the main part', async () => {
    const { zipParts } = await import('./fixtures-docs/build.js');
    const good = await docx(p(r('x')));
    const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js');
    const entries = await new ZipReader(new Uint8ArrayReader(good)).getEntries();
    const parts: Record<string, Uint8Array | string> = {};
    for (const entry of entries) if (!entry.directory) parts[entry.filename] = await entry.getData(new Uint8ArrayWriter());
    parts['word/document.xml'] = '<w:document xmlns:w="x"><w:body><w:p></w:body>';
    const answer: any = await query(await zipParts(parts));
    assert.match(answer.error, /^Couldn't analyze file as \.docx\. Error was: The part "word\/document\.xml" is not well-formed XML: /);
  });

  test('no data, empty data, data that is not base64', async () => {
    const noData = "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?";
    assert.deepEqual(await t.query({ module: 'docx_enrich', attachment: 'a.docx' }), { error: noData });
    assert.deepEqual(await query(''), { error: noData });
    assert.deepEqual(await query('***'), { error: 'The "data" field is not valid base64.' });
  });

  test('a query without an attachment', async () => {
    assert.deepEqual(await t.query({ module: 'docx_enrich', data: 'AAAA' }), {
      error: "Module 'docx_enrich' needs one of these attribute types in the request: attachment.",
    });
  });
});
