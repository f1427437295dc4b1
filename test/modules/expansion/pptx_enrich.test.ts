/** pptx_enrich as a table: presentations built per row (fixtures-docs/build.ts) and upstream's samples. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import pptx_enrich from '../../../src/modules/expansion/pptx_enrich.js';
import { testModule } from '../../support/module-tester.js';
import { attachment, freetextAndText, textOf } from './document-rows.js';
import { pptx, samples } from './fixtures-docs/build.js';

const query = (data: Parameters<typeof attachment>[1], name = 'deck.pptx') => attachment(name, data);

const shape = (...paragraphs: string[]) => `<p:sp><p:nvSpPr><p:cNvPr id="2" name="t"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>${paragraphs.map((x) => `<a:p>${x}</a:p>`).join('')}</p:txBody></p:sp>`;
const run = (text: string) => `<a:r><a:t>${text}</a:t></a:r>`;

const SLIDES = [
  shape(run('second slide')),
  shape(run('Title'), `${run('IP ')}<a:br/>${run('198.51.100.7')}<a:fld id="f" type="slidenum"><a:t>7</a:t></a:fld>`) +
    '<p:grpSp><p:nvGrpSpPr><p:cNvPr id="5" name="g"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>' + shape(run('grouped')) + '</p:grpSp>' +
    '<p:sp><p:nvSpPr><p:cNvPr id="6" name="no text body"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/></p:sp>',
];

testModule({
  module: pptx_enrich,
  rows: [
    {
      name: "upstream's test.pptx: each shape's text prefixed with a newline (the second shape is empty)",
      query: query(readFileSync(samples('test.pptx')), 'test.pptx'),
      results: freetextAndText('.pptx', 'test.pptx', '\npptx test\n'),
      check: (answer) => assert.deepEqual(Object.keys(answer), ['results']),
    },
    {
      name: 'slides in presentation order, paragraphs joined by newlines, line breaks as \\v; groups and tables skipped',
      query: query(() => pptx(SLIDES, [1, 0])),
      check: (answer) => assert.equal(textOf(answer), '\nTitle\nIP \v198.51.100.77\n\nsecond slide'),
    },
    {
      name: 'a foreign file (a PDF)',
      query: query(readFileSync(samples('test.pdf'))),
      error: "Couldn't analyze file as .pptx. Error was: the file is not a .pptx presentation: it is not a zip package.",
    },
    {
      name: 'another office document',
      query: query(readFileSync(samples('test.docx'))),
      error:
        "Couldn't analyze file as .pptx. Error was: the package is not a PowerPoint presentation (its main part is application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml).",
    },
  ],
});
