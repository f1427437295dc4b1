import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pptx_enrich from '../../../src/modules/expansion/pptx_enrich.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { pptx, samples } from './fixtures-docs/build.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [pptx_enrich] });
});
after(() => t.close());

const query = (data: Buffer, attachment = 'deck.pptx') => t.query({ module: 'pptx_enrich', attachment, data: data.toString('base64') });

const shape = (...paragraphs: string[]) => `<p:sp><p:nvSpPr><p:cNvPr id="2" name="t"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>${paragraphs.map((x) => `<a:p>${x}</a:p>`).join('')}</p:txBody></p:sp>`;
const run = (text: string) => `<a:r><a:t>${text}</a:t></a:r>`;

describe('pptx_enrich', () => {
  test("upstream's test.pptx: each shape's text prefixed with a newline (the second shape is empty)", async () => {
    const answer: any = await query(readFileSync(samples('test.pptx')), 'test.pptx');
    assertValidResults(answer);
    assert.deepEqual(answer, {
      results: [
        { types: ['freetext'], values: '\npptx test\n', comment: '.pptx-to-text from file test.pptx' },
        { types: ['text'], values: '\npptx test\n', comment: '.pptx-to-text from file test.pptx' },
      ],
    });
  });

  test('slides in presentation order, paragraphs joined by newlines, line breaks as \\v; groups and tables skipped', async () => {
    const slides = [
      shape(run('second slide')),
      shape(run('Title'), `${run('IP ')}<a:br/>${run('198.51.100.7')}<a:fld id="f" type="slidenum"><a:t>7</a:t></a:fld>`) +
        '<p:grpSp><p:nvGrpSpPr><p:cNvPr id="5" name="g"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>' + shape(run('grouped')) + '</p:grpSp>' +
        '<p:sp><p:nvSpPr><p:cNvPr id="6" name="no text body"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/></p:sp>',
    ];
    const answer: any = await query(await pptx(slides, [1, 0]));
    assertValidResults(answer);
    assert.equal(answer.results[0].values, '\nTitle\nIP \v198.51.100.77\n\nsecond slide');
  });

  test('corrupt and foreign files', async () => {
    assert.deepEqual(await query(readFileSync(samples('test.pdf'))), {
      error: "Couldn't analyze file as .pptx. Error was: the file is not a .pptx presentation: it is not a zip package.",
    });
    assert.deepEqual(await query(readFileSync(samples('test.docx'))), {
      error:
        "Couldn't analyze file as .pptx. Error was: the package is not a PowerPoint presentation (its main part is application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml).",
    });
  });
});
