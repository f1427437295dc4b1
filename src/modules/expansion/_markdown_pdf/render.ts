/**
 * Lays out GFM markdown (marked's block tokens) on A4 pages with pdfkit:
 * headings, paragraphs, nested and task lists, fenced code, block quotes,
 * tables, rules. Raw HTML blocks print literally as code, as upstream's
 * sanitiser turns them into code blocks. Mermaid blocks cannot be drawn
 * without a browser: they print as code under a "Mermaid diagram" caption.
 */
import PDFDocument from 'pdfkit';
import { Lexer, type Token, type Tokens } from 'marked';
import { latin1, resolveFonts, type FontSet } from '../../_shared/pdf-fonts.js';
import { inlineRuns, plainText, type Run } from './inline.js';

const MARGIN = 56;
const BODY = 11;
const CODE = 9.5;
const HEADING_SIZES = [22, 18, 15, 13, 12, 11];
const INDENT = 18;
const TEXT_COLOUR = '#1f2328';
const MUTED = '#59636e';
const LINK = '#0969da';
const CODE_BG = '#f3f4f6';
const RULE = '#d1d9e0';

interface Box {
  x: number;
  width: number;
  colour: string;
}

/** A task item's checkbox joins the text that follows it on the same line. */
function withCheckbox(item: Tokens.ListItem): Token[] {
  const [first, second, ...rest] = item.tokens;
  if (first?.type !== 'checkbox') return item.tokens;
  if (second && (second.type === 'text' || second.type === 'paragraph') && Array.isArray((second as Tokens.Text).tokens)) {
    return [{ ...second, tokens: [first, ...((second as Tokens.Text).tokens ?? [])] } as Token, ...rest];
  }
  return [{ type: 'paragraph', raw: first.raw, text: first.raw, tokens: [first] } as Tokens.Paragraph, ...item.tokens.slice(1)];
}

class MarkdownPdf {
  readonly doc: PDFKit.PDFDocument;
  private pages = 1;

  constructor(
    private readonly fonts: FontSet,
    title: string,
  ) {
    this.doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Creator: 'misp-modules convert_markdown_to_pdf' } });
    // Register faces once; TrueType files are embedded (subset) only when used.
    const faces: Array<[string, string]> = [
      ['regular', fonts.regular],
      ['bold', fonts.bold],
      ['italic', fonts.italic],
      ['boldItalic', fonts.boldItalic],
      ['mono', fonts.mono],
      ['monoBold', fonts.monoBold],
    ];
    for (const [name, source] of faces) this.doc.registerFont(name, source);
    this.doc.on('pageAdded', () => this.pages++);
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private face(run: Omit<Run, 'text'>): string {
    if (run.code) return run.bold ? 'monoBold' : 'mono';
    if (run.bold && run.italic) return 'boldItalic';
    return run.bold ? 'bold' : run.italic ? 'italic' : 'regular';
  }

  private clean(text: string, code: boolean): string {
    return (code ? this.fonts.unicodeMono : this.fonts.unicodeText) ? text : latin1(text);
  }

  /** A paragraph of styled runs in a box. */
  private runs(runs: Run[], box: Box, size: number, base: Omit<Run, 'text'> = {}): void {
    if (runs.length === 0) return;
    const { doc } = this;
    this.ensureSpace(size * 1.4);
    const x = box.x;
    runs.forEach((run, i) => {
      const style = { ...base, ...run };
      doc
        .font(this.face(style))
        .fontSize(style.code ? size * 0.9 : size)
        .fillColor(style.link ? LINK : box.colour);
      const options: PDFKit.Mixins.TextOptions = {
        continued: i < runs.length - 1,
        underline: Boolean(style.link),
        strike: Boolean(style.strike),
        link: style.link ?? null,
        lineGap: 2,
      };
      const text = this.clean(run.text, Boolean(style.code));
      if (i === 0) doc.text(text, x, doc.y, { ...options, width: box.width });
      else doc.text(text, options);
    });
    doc.x = box.x;
  }

  private gap(points: number): void {
    this.doc.y += points;
  }

  blocks(tokens: readonly Token[], box: Box): void {
    for (const token of tokens) this.block(token, box);
  }

  private block(token: Token, box: Box): void {
    switch (token.type) {
      case 'heading': {
        const heading = token as Tokens.Heading;
        const size = HEADING_SIZES[Math.min(heading.depth, 6) - 1]!;
        this.gap(size * 0.5);
        this.ensureSpace(size * 2.5);
        this.runs(inlineRuns(heading.tokens), box, size, { bold: true });
        if (heading.depth <= 2) {
          this.gap(3);
          this.rule(box);
        }
        this.gap(size * 0.35);
        return;
      }
      case 'paragraph':
        this.runs(inlineRuns((token as Tokens.Paragraph).tokens), box, BODY);
        this.gap(BODY * 0.6);
        return;
      case 'text': {
        const text = token as Tokens.Text;
        this.runs(text.tokens ? inlineRuns(text.tokens) : [{ text: text.text }], box, BODY);
        return;
      }
      case 'list':
        this.list(token as Tokens.List, box);
        this.gap(BODY * 0.4);
        return;
      case 'code':
        this.code(token as Tokens.Code, box);
        return;
      case 'blockquote':
        this.quote(token as Tokens.Blockquote, box);
        return;
      case 'table':
        this.table(token as Tokens.Table, box);
        return;
      case 'hr':
        this.gap(6);
        this.rule(box);
        this.gap(10);
        return;
      case 'html':
        this.code({ type: 'code', raw: token.raw, text: (token as Tokens.HTML).text.replace(/\n+$/, ''), lang: 'html' }, box);
        return;
      case 'space':
      case 'def':
        return;
      default: {
        const generic = token as Tokens.Generic;
        if (typeof generic['text'] === 'string') this.runs([{ text: generic['text'] }], box, BODY);
      }
    }
  }

  private rule(box: Box): void {
    this.ensureSpace(4);
    this.doc.save().moveTo(box.x, this.doc.y).lineTo(box.x + box.width, this.doc.y).lineWidth(0.8).strokeColor(RULE).stroke().restore();
  }

  private list(list: Tokens.List, box: Box): void {
    const { doc } = this;
    const start = typeof list.start === 'number' ? list.start : 1;
    list.items.forEach((item, i) => {
      const marker = list.ordered ? `${start + i}.` : this.fonts.unicodeText ? '•' : '-';
      this.ensureSpace(BODY * 1.5);
      const y = doc.y;
      doc.font('regular').fontSize(BODY).fillColor(box.colour).text(marker, box.x, y, { width: INDENT, lineBreak: false });
      doc.y = y;
      const inner: Box = { ...box, x: box.x + INDENT, width: box.width - INDENT };
      this.blocks(withCheckbox(item), inner);
      if (item.loose) this.gap(BODY * 0.3);
    });
  }

  private code(code: Tokens.Code, box: Box): void {
    const { doc } = this;
    const pad = 6;
    const mermaid = code.lang?.trim().toLowerCase() === 'mermaid';
    if (mermaid) {
      this.ensureSpace(BODY * 3);
      this.runs([{ text: 'Mermaid diagram (source shown; diagrams are not drawn)', italic: true }], { ...box, colour: MUTED }, BODY - 1);
      this.gap(2);
    }
    this.gap(2);
    doc.font('mono').fontSize(CODE);
    const width = box.width - 2 * pad;
    const lines = code.text.replace(/\t/g, '    ').split('\n');
    lines.forEach((line, i) => {
      const text = this.clean(line === '' ? ' ' : line, true);
      const height = doc.heightOfString(text, { width, lineGap: 1 }) + (i === 0 ? pad : 0) + (i === lines.length - 1 ? pad : 0);
      this.ensureSpace(height);
      const top = doc.y;
      doc.save().rect(box.x, top, box.width, height).fill(CODE_BG).restore();
      doc.font('mono').fontSize(CODE).fillColor(TEXT_COLOUR).text(text, box.x + pad, top + (i === 0 ? pad : 0), { width, lineGap: 1 });
      doc.y = top + height;
    });
    doc.x = box.x;
    this.gap(BODY * 0.8);
  }

  private quote(quote: Tokens.Blockquote, box: Box): void {
    const { doc } = this;
    const startPage = this.pages;
    const top = doc.y;
    this.blocks(quote.tokens, { x: box.x + 14, width: box.width - 14, colour: MUTED });
    // The bar spans the quote on its last page (from the top margin when it broke across pages).
    const barTop = this.pages === startPage ? top : doc.page.margins.top;
    doc.save().rect(box.x + 2, barTop, 3, Math.max(0, doc.y - barTop - BODY * 0.4)).fill(RULE).restore();
  }

  private table(table: Tokens.Table, box: Box): void {
    const { doc } = this;
    const columns = table.header.length;
    const width = box.width / columns;
    const pad = 4;
    const row = (cells: Tokens.TableCell[], header: boolean) => {
      const texts = cells.map((cell) => this.clean(plainText(cell.tokens), false));
      doc.font(header ? 'bold' : 'regular').fontSize(BODY - 1);
      const height = Math.max(...texts.map((t) => doc.heightOfString(t || ' ', { width: width - 2 * pad }))) + 2 * pad;
      this.ensureSpace(height);
      const top = doc.y;
      if (header) doc.save().rect(box.x, top, box.width, height).fill(CODE_BG).restore();
      texts.forEach((text, i) => {
        const align = table.align[i] ?? 'left';
        doc
          .font(header ? 'bold' : 'regular')
          .fontSize(BODY - 1)
          .fillColor(box.colour)
          .text(text, box.x + i * width + pad, top + pad, { width: width - 2 * pad, align });
        doc.save().rect(box.x + i * width, top, width, height).lineWidth(0.5).strokeColor(RULE).stroke().restore();
      });
      doc.y = top + height;
    };
    this.gap(2);
    row(table.header, true);
    for (const cells of table.rows) row(cells, false);
    doc.x = box.x;
    this.gap(BODY * 0.8);
  }
}

/** The PDF bytes of `markdown` (GitHub-flavoured). */
export function markdownToPdf(markdown: string): Promise<Buffer> {
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  const firstHeading = tokens.find((t): t is Tokens.Heading => t.type === 'heading');
  const renderer = new MarkdownPdf(resolveFonts(), firstHeading ? plainText(firstHeading.tokens) : 'Markdown document');
  const { doc } = renderer;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fillColor(TEXT_COLOUR);
  renderer.blocks(tokens, { x: MARGIN, width: doc.page.width - 2 * MARGIN, colour: TEXT_COLOUR });
  doc.end();
  return done;
}
