import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pdfexport from '../../../src/modules/export/pdfexport.js';
import { pdfOptions } from '../../../src/modules/export/_pdf/model.js';
import { chunkText, renderReport } from '../../../src/modules/export/_pdf/render.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, object, rawEvent, toRaw, type Json } from './helpers-a.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const MODULE = 'pdfexport';
const SETTINGS = [
  'MISP_base_url_for_dynamic_link',
  'MISP_name_for_metadata',
  'Activate_textual_description',
  'Activate_galaxy_description',
  'Activate_related_events',
  'Activate_internationalization_fonts',
  'Custom_fonts_path',
];

interface PdfContent {
  pages: number;
  text: string;
  info: Record<string, unknown>;
  links: string[];
}

/** The text of every page (pdf.js's text layer), the document info and the link targets. */
async function readPdf(pdf: Buffer): Promise<PdfContent> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as PdfJs;
  const dir = createRequire(import.meta.url).resolve('pdfjs-dist/package.json').replace(/package\.json$/, '');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: `${dir}standard_fonts/`, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  let text = '';
  const links: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    text += '\n';
    for (const annotation of (await page.getAnnotations()) as Json[]) if (typeof annotation.url === 'string') links.push(annotation.url);
  }
  const info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>;
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text, info, links };
}

/** Whitespace removed: table cells wrap values anywhere. */
const squash = (s: string) => s.replace(/\s+/g, '');
const contains = (content: PdfContent, needle: string) => squash(content.text).includes(squash(needle));
/** A long value is printed in page-sized pieces (other cells, headers and footers come between them): all must be there. */
const printedWhole = (content: PdfContent, value: string) => chunkText(value.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')).every((piece) => contains(content, piece));

const SAMPLES = new URL('../../../../shared/samples/misp-events/', import.meta.url);
const sample = (name: string): Json => JSON.parse(readFileSync(new URL(name, SAMPLES), 'utf8')) as Json;

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [pdfexport] });
});
after(() => t.close());

async function exportPdf(data: unknown, config: Json = {}): Promise<PdfContent> {
  const answer = await t.query({ module: MODULE, config, data });
  assert.equal(answer.error, undefined, `unexpected error: ${String(answer.error)}`);
  assert.deepEqual(answer.response, []);
  const pdf = Buffer.from(answer.data as string, 'base64');
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF\s*$/);
  return readPdf(pdf);
}

describe('pdfexport', () => {
  test('/modules shows the settings, the file type and require_standard_format', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/pdf', outputFileExtension: 'pdf' }, SETTINGS);
    const list = (await t.get('/modules')).json() as Json[];
    assert.equal(list.find((m) => m.name === MODULE)!.meta.require_standard_format, true);
  });

  test('very_long_event.json: title, metadata, tags, attribute values and objects, over several pages', async () => {
    const event = sample('very_long_event.json');
    const e = event.Event as Json;
    const pdf = await exportPdf([event]);
    assert.ok(pdf.pages > 2, `several pages (${pdf.pages})`);
    assert.ok(contains(pdf, e.info as string), 'title');
    assert.ok(contains(pdf, e.uuid as string), 'uuid in the metadata');
    assert.ok(contains(pdf, 'tlp:white'), 'a tag');
    assert.ok(contains(pdf, 'misp-galaxy:rat="jRAT"'), 'another tag');
    const attributes = e.Attribute as Json[];
    for (const a of attributes.slice(0, 4)) assert.ok(contains(pdf, a.value as string), `attribute ${a.value as string}`);
    const longest = attributes.reduce((best, a) => ((a.value as string).length > (best.value as string).length ? a : best));
    assert.ok((longest.value as string).length > 5000);
    assert.ok(printedWhole(pdf, longest.value as string), 'the longest value (9k characters) is printed whole');
    assert.ok(contains(pdf, 'virustotal-report'), 'an object name');
    const objects = e.Object as Json[];
    const fileValue = ((objects[0]!.Attribute as Json[])[0]!.value as string);
    assert.ok(contains(pdf, fileValue), 'an object attribute value');
    assert.ok(contains(pdf, `Page 1 / ${pdf.pages}`), 'page footer');
    assert.equal(pdf.info.Title, e.info);
  });

  test('galaxy_1.json: galaxies and clusters, in both shapes', async () => {
    const event = sample('galaxy_1.json');
    const e = event.Event as Json;
    for (const data of [[event], [toRaw(event)]]) {
      const pdf = await exportPdf(data);
      assert.ok(contains(pdf, e.info as string));
      assert.ok(contains(pdf, 'circl:incident-classification="malware"'));
      for (const galaxy of e.Galaxy as Json[]) {
        assert.ok(contains(pdf, galaxy.name as string), `galaxy ${galaxy.name as string}`);
        for (const cluster of galaxy.GalaxyCluster as Json[]) assert.ok(contains(pdf, cluster.value as string), `cluster ${cluster.value as string}`);
      }
      assert.ok(contains(pdf, (e.Attribute as Json[])[0]!.value as string));
      assert.ok(contains(pdf, 'file'));
    }
  });

  test('galaxy_1.json: each attribute\'s uuid, own tags and galaxies, each object\'s uuid, date and references, as PyMISP\'s report', async () => {
    const event = sample('galaxy_1.json');
    const e = event.Event as Json;
    for (const data of [[event], [toRaw(event)]]) {
      const pdf = await exportPdf(data);
      // the link attribute's own tag sits right under its uuid (the event's tags do not hold it)
      const link = (e.Attribute as Json[]).find((a) => a.type === 'link')!;
      assert.ok(!(e.Tag as Json[]).some((t) => t.name === 'osint:source-type="blog-post"'));
      assert.ok(contains(pdf, `UUID: ${link.uuid as string}\nTags: osint:source-type="blog-post"`), 'uuid and tag of the link');
      for (const a of e.Attribute as Json[]) assert.ok(contains(pdf, `UUID: ${a.uuid as string}`), `uuid of ${a.type as string}`);
      const [file, report] = e.Object as [Json, Json];
      for (const a of [...(file.Attribute as Json[]), ...(report.Attribute as Json[])]) assert.ok(contains(pdf, `UUID: ${a.uuid as string}`), `uuid of ${a.object_relation as string}`);
      const sha1 = (file.Attribute as Json[]).find((a) => a.type === 'sha1')!;
      assert.ok(
        contains(pdf, `UUID: ${sha1.uuid as string}\nCategory: ${sha1.category as string}\nTags: misp-galaxy:mitre-enterprise-attack-attack-pattern="Account Manipulation - T1098"\nGalaxy: Enterprise Attack - Attack Pattern (Account Manipulation - T1098)`),
        'an object attribute with its category, tag and galaxy',
      );
      assert.ok(contains(pdf, `UUID: ${file.uuid as string}`), 'object uuid');
      assert.ok(contains(pdf, 'Object date: 2018-04-10 20:13:12 UTC'), 'object date');
      assert.ok(contains(pdf, `Reference: analysed-with → virustotal-report ${report.uuid as string}`), 'object reference');
      assert.ok(contains(pdf, 'Last change 2019-02-28 08:22:18 UTC'), 'event timestamp');
    }
  });

  test('sighting_1.json and sighting_2.json: sightings counted per attribute as PyMISP\'s report counts them', async () => {
    const first = sample('sighting_1.json');
    const pdf = await exportPdf([first]);
    const counts: Record<string, string> = {
      'ooiasjdnqjwbeasdasd.com': 'Positive: 1 / Negative: 0 / Misc.: 0',
      'eqowiesajenqweasd.com': 'Positive: 0 / Negative: 1 / Misc.: 0',
      'diqjwhebseqhbasdh.com': 'Positive: 0 / Negative: 1 / Misc.: 1',
    };
    for (const a of (first.Event as Json).Attribute as Json[]) {
      if (counts[a.value as string]) assert.ok(contains(pdf, `UUID: ${a.uuid as string}\nSightings: ${counts[a.value as string]!}`), `sightings of ${a.value as string}`);
    }
    assert.ok(contains(pdf, 'Published Yes (2019-02-18 16:11:23 UTC)'));
    const second = sample('sighting_2.json');
    const withTag = ((second.Event as Json).Attribute as Json[])[0]!;
    const pdf2 = await exportPdf([toRaw(second)]);
    assert.ok(contains(pdf2, `UUID: ${withTag.uuid as string}\nTags: misp-galaxy:botnet="Asprox"\nSightings: Positive: 0 / Negative: 1 / Misc.: 0`));
  });

  test('galaxy_1.json with every setting: summary, descriptions, link, author', async () => {
    const event = sample('galaxy_1.json');
    const e = event.Event as Json;
    const galaxy = (e.Galaxy as Json[]).find((g) => (g.GalaxyCluster as Json[]).some((c) => c.description))!;
    const cluster = (galaxy.GalaxyCluster as Json[]).find((c) => c.description)!;
    const pdf = await exportPdf([event], {
      MISP_base_url_for_dynamic_link: 'https://misp.example/',
      MISP_name_for_metadata: 'CERT Example',
      Activate_textual_description: 'True',
      Activate_galaxy_description: 'True',
      Activate_related_events: 'True',
    });
    assert.ok(contains(pdf, 'This event was created by'));
    assert.ok(contains(pdf, (cluster.description as string).slice(0, 60)), 'cluster description');
    assert.ok(pdf.links.length >= 1, 'the title is a link');
    for (const link of pdf.links) assert.equal(link, `https://misp.example/events/view/${e.id as string}`);
    assert.equal(pdf.info.Author, 'CERT Example');
    const plain = await exportPdf([event]);
    assert.ok(!contains(plain, 'This event was created by'));
    assert.deepEqual(plain.links, []);
  });

  test('japanese_test.json: non-Latin text does not break the export', async () => {
    const event = sample('japanese_test.json');
    const pdf = await exportPdf([event]);
    assert.ok(contains(pdf, 'Japanese Lorem Ipsum'));
    assert.ok(contains(pdf, 'misp-galaxy:mitre-enterprise'));
    assert.ok(contains(pdf, 'Intrusion Set'));
    assert.ok(pdf.pages >= 1);
  });

  test('an event with nothing in it gives a valid PDF', async () => {
    const pdf = await exportPdf([{ Event: { uuid: '5d3c8a4e-0000-4000-8000-000000000000', info: 'Empty event' } }]);
    assert.equal(pdf.pages, 1);
    assert.ok(contains(pdf, 'Empty event'));
    assert.ok(contains(pdf, 'No standalone attributes.'));
    assert.ok(contains(pdf, 'No objects.'));
  });

  test('hand-made event: categories, comments, to_ids, control characters, several events', async () => {
    const first = rawEvent(
      [
        attr('ip-dst', '198.51.100.7', { comment: 'C2 server' }),
        attr('text', 'bell\x07 and\r\nCRLF', { category: 'Other', to_ids: false }),
        attr('url', 'http://example.org/' + 'a'.repeat(3000), { category: 'Payload delivery' }),
      ],
      [object('domain-ip', [attr('domain', 'evil.example', { object_relation: 'domain' })])],
      { info: 'First event' },
    );
    const second = rawEvent([attr('domain', 'second.example')], [], { id: '43', uuid: '5d3c8a4e-1111-4000-8000-000000000043', info: 'Second event' });
    const pdf = await exportPdf([first, second]);
    for (const text of ['First event', 'Second event', 'Network activity', 'Payload delivery', 'C2 server', '198.51.100.7', 'evil.example', 'domain-ip', 'second.example', 'bell and', 'CRLF']) {
      assert.ok(contains(pdf, text), text);
    }
    assert.ok(printedWhole(pdf, 'http://example.org/' + 'a'.repeat(3000)));
  });

  test('long text is cut into pieces that each fit a page, and nothing is lost', () => {
    const value = 'x'.repeat(5000) + '\n' + Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const pieces = chunkText(value);
    assert.ok(pieces.length > 4);
    for (const piece of pieces) {
      assert.ok(piece.length <= 1200 + 30);
      assert.ok(piece.split('\n').length <= 30);
    }
    assert.equal(squash(pieces.join('')), squash(value));
    assert.deepEqual(chunkText(''), ['']);
    assert.deepEqual(chunkText('short'), ['short']);
  });

  test('every page has its footer; past the counting limit the total is left out, and no row is lost', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => ['domain', `host${i}.example.org`, `row ${i}`, 'Yes']);
    const report = {
      options: pdfOptions({}),
      events: [{ title: 'Footers', metadata: [['Info', 'Footers']] as Array<[string, string]>, tags: [], categories: [{ title: 'Network activity', rows }], objects: [], galaxies: [], related: [] }],
    };
    const counted = await readPdf(await renderReport(report));
    assert.ok(counted.pages > 3);
    for (let page = 1; page <= counted.pages; page++) assert.ok(contains(counted, `Page ${page} / ${counted.pages}`), `footer of page ${page}`);
    const uncounted = await readPdf(await renderReport(report, 10));
    assert.equal(uncounted.pages, counted.pages, 'the same layout');
    for (let page = 1; page <= uncounted.pages; page++) assert.ok(contains(uncounted, `Page ${page}`), `footer of page ${page}`);
    assert.ok(!/Page\d+\//.test(squash(uncounted.text)), 'no total');
    for (const [, value] of rows) assert.ok(contains(uncounted, value!));
  });

  badInputTests(() => t, MODULE);
});
