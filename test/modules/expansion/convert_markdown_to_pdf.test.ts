import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import convert_markdown_to_pdf from '../../../src/modules/expansion/convert_markdown_to_pdf.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const REPORT = `# Incident report: Phishing wave

A **phishing** campaign targeted *finance* staff; see [the advisory](https://example.org/advisory) and \`rule-42\`.
Strike ~~old text~~ here.

## Indicators

- Domain evil.example
- IP 198.51.100.7
  1. first nested step
  2. second nested step
- [x] blocked at the proxy
- [ ] reported to CERT

> Quoted analyst note about the sender.

\`\`\`python
def detect(mail):
    return "invoice" in mail.subject
\`\`\`

| Type | Value | Comment |
|------|:-----:|--------:|
| ip-dst | 198.51.100.7 | C2 server |
| domain | evil.example | landing page |

---

\`\`\`mermaid
graph TD; A-->B;
\`\`\`

<div onclick="alert(1)">raw html block</div>

Unicode: Ünïcødé café, Привет, αβγ.
`;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** The text of every page, pdf.js's text layer, lines joined with "\n". */
async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as PdfJs;
  const dir = createRequire(import.meta.url).resolve('pdfjs-dist/package.json').replace(/package\.json$/, '');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: `${dir}standard_fonts/`, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    text += '\n';
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text };
}

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [convert_markdown_to_pdf] });
});
after(() => t.close());

async function convert(markdown: string): Promise<Buffer> {
  const answer = await t.query({ module: 'convert_markdown_to_pdf', text: JSON.stringify({ markdown }) });
  assert.equal(answer['error'], undefined, String(answer['error']));
  assertValidResults(answer);
  const results = answer['results'] as Array<{ types: string[]; values: string[] }>;
  assert.deepEqual(results[0]!.types, ['text']);
  const pdf = Buffer.from(results[0]!.values[0]!, 'base64');
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  return pdf;
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('convert_markdown_to_pdf', () => {
  test('headings, paragraphs, lists, code, quotes and tables come out as text', async () => {
    const { text } = await pdfText(await convert(REPORT));
    const flat = squash(text);
    for (const expected of [
      'Incident report: Phishing wave',
      'Indicators',
      'A phishing campaign targeted finance staff; see the advisory and rule-42.',
      'Strike old text here.',
      'Domain evil.example',
      '1. first nested step',
      '2. second nested step',
      '[x] blocked at the proxy',
      '[ ] reported to CERT',
      'Quoted analyst note about the sender.',
      'def detect(mail):',
      'return "invoice" in mail.subject',
      'Type Value Comment',
      'ip-dst 198.51.100.7 C2 server',
      'domain evil.example landing page',
      'Mermaid diagram (source shown; diagrams are not drawn)',
      'graph TD; A-->B;',
      '<div onclick="alert(1)">raw html block</div>',
      'Unicode: Ünïcødé café, Привет, αβγ.',
    ]) {
      assert.ok(flat.includes(expected), `the PDF text holds ${JSON.stringify(expected)}:\n${text}`);
    }
    assert.ok(flat.indexOf('Incident report') < flat.indexOf('Indicators') && flat.indexOf('Indicators') < flat.indexOf('def detect'), 'in document order');
  });

  test('links are live PDF links; images are not fetched', async () => {
    const pdf = await convert('See [MISP](https://www.misp-project.org/) and ![logo](http://127.0.0.1:9/logo.png).');
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/URI \(https:\/\/www\.misp-project\.org\/\)/);
    assert.doesNotMatch(raw, /127\.0\.0\.1:9/);
    assert.match(squash((await pdfText(pdf)).text), /See MISP and \[image: logo\]\./);
  });

  test('a long document flows onto several pages', async () => {
    const markdown = Array.from({ length: 120 }, (_, i) => `Paragraph number ${i + 1} of the long report.`).join('\n\n');
    const { pages, text } = await pdfText(await convert(markdown));
    assert.ok(pages >= 3, `${pages} pages`);
    assert.ok(text.includes('Paragraph number 1 of') && text.includes('Paragraph number 120 of'));
  });

  test('empty markdown gives a valid one-page PDF', async () => {
    assert.equal((await pdfText(await convert(''))).pages, 1);
  });

  test('a text that is not the JSON payload', async () => {
    const answer = await t.query({ module: 'convert_markdown_to_pdf', text: '# not json' });
    assert.match(String(answer['error']), /^The "text" field must be a JSON object \{"markdown": "…"\}: /);
    const noMarkdown = await t.query({ module: 'convert_markdown_to_pdf', text: JSON.stringify({ md: '# x' }) });
    assert.match(String(noMarkdown['error']), /with the markdown as a string/);
  });
});
