/**
 * Lays the report out with pdfkit on A4 pages: title, metadata table, tags,
 * attribute tables per category, object tables, galaxies, related events,
 * and "Page n / N" footers. Under each attribute's row, a line across the
 * table gives what PyMISP's report lists per attribute: its uuid, tags,
 * sightings and galaxies. Table cells wrap; a value too long for one page
 * continues on the next rows; tables repeat their header on each page.
 *
 * Pages are not kept in memory (no `bufferPages`): each footer is written
 * when its page is added, and pages stream out as they are finished. The
 * total N comes from a first layout pass whose output is thrown away; for
 * very large reports that pass is skipped and footers read "Page n".
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { latin1, resolveFonts } from '../../_shared/pdf-fonts.js';
import type { PdfEvent, PdfReport } from './model.js';

const MARGIN = 48;
const TEXT = '#1f2328';
const MUTED = '#59636e';
const ACCENT = '#1a4e8a';
const HEADER_BG = '#dfe7f1';
const STRIPE_BG = '#f5f7fa';
const BORDER = '#c4ccd6';
const CELL_SIZE = 8.5;
const DETAIL_SIZE = 7.5;
const PAD = 3;
/** A cell's text is split into pieces of at most this many characters / lines, so a row never outgrows a page. */
const CHUNK_CHARS = 1200;
const CHUNK_LINES = 30;

interface Column {
  header: string;
  /** Share of the table width. */
  share: number;
}

/** Splits long text into pieces that each fit on a page. */
export function chunkText(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let lines = 0;
  for (const line of text.split('\n')) {
    let rest = line;
    do {
      const room = CHUNK_CHARS - current.length;
      if (room <= 0 || lines >= CHUNK_LINES) {
        pieces.push(current);
        current = '';
        lines = 0;
        continue;
      }
      current += (current === '' && lines === 0 ? '' : '\n') + rest.slice(0, room);
      rest = rest.slice(room);
      lines++;
    } while (rest.length > 0);
  }
  pieces.push(current);
  return pieces;
}

class ReportPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly unicode: boolean;

  /** Pages added so far. */
  pages = 0;

  constructor(
    report: PdfReport,
    private readonly totalPages?: number,
  ) {
    const title = report.events.map((e) => e.title).join(' / ');
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      info: { Title: title, Creator: 'misp-modules pdfexport', ...(report.options.author ? { Author: report.options.author } : {}) },
    });
    const custom = report.options.customFont;
    if (custom && existsSync(custom)) {
      for (const face of ['regular', 'bold', 'italic']) this.doc.registerFont(face, custom);
      this.unicode = true;
    } else {
      const fonts = resolveFonts();
      this.doc.registerFont('regular', fonts.regular);
      this.doc.registerFont('bold', fonts.bold);
      this.doc.registerFont('italic', fonts.italic);
      this.unicode = fonts.unicodeText;
    }
    this.doc.font('regular').fillColor(TEXT);
    this.footer();
    this.doc.on('pageAdded', () => this.footer());
  }

  /** Writes the current page's footer, leaving position, font and colour as they were (a table may be mid-row). */
  private footer(): void {
    const { doc } = this;
    this.pages++;
    const state = doc as unknown as { _font: unknown; _fontSize: number; _fillColor: unknown };
    const [font, size, fill, x, y] = [state._font, state._fontSize, state._fillColor, doc.x, doc.y];
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not add a page
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`Page ${this.pages}${this.totalPages ? ` / ${this.totalPages}` : ''}`, MARGIN, doc.page.height - MARGIN / 2 - 4, { width: this.width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
    state._font = font;
    state._fontSize = size;
    state._fillColor = fill;
    doc.x = x;
    doc.y = y;
  }

  private clean(text: string): string {
    // Control characters other than newlines print as boxes or break the layout.
    // Tabs have no glyph in the fonts: they become four spaces.
    const printable = text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(/[^\n\x20-\x7e\xa0-\u{10ffff}]/gu, '');
    return this.unicode ? printable : latin1(printable);
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private heading(text: string, size: number, colour = ACCENT): void {
    this.ensureSpace(size * 3);
    this.doc.moveDown(0.6);
    this.doc.font('bold').fontSize(size).fillColor(colour).text(this.clean(text), MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.25);
    this.doc.font('regular').fillColor(TEXT);
  }

  private paragraph(text: string, options: { size?: number; colour?: string; font?: string; indent?: number } = {}): void {
    const indent = options.indent ?? 0;
    this.doc
      .font(options.font ?? 'regular')
      .fontSize(options.size ?? 10)
      .fillColor(options.colour ?? TEXT)
      .text(this.clean(text), MARGIN + indent, this.doc.y, { width: this.width - indent });
    this.doc.font('regular').fillColor(TEXT);
  }

  private rowHeight(cells: string[], widths: number[], font: string, size = CELL_SIZE): number {
    this.doc.font(font).fontSize(size);
    let height = 0;
    cells.forEach((cell, i) => {
      height = Math.max(height, this.doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * PAD }));
    });
    return height + 2 * PAD;
  }

  private drawRow(cells: string[], widths: number[], height: number, font: string, background?: string, size = CELL_SIZE, colour = TEXT): void {
    const { doc } = this;
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (background) doc.rect(x, y, w, height).fill(background);
      doc.lineWidth(0.5).rect(x, y, w, height).stroke(BORDER);
      doc.font(font).fontSize(size).fillColor(colour).text(cell, x + PAD, y + PAD, { width: w - 2 * PAD });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + height;
  }

  table(columns: Column[] | null, rows: string[][], shares?: number[], details?: string[]): void {
    const total = (shares ?? columns!.map((c) => c.share)).reduce((a, b) => a + b, 0);
    const widths = (shares ?? columns!.map((c) => c.share)).map((s) => (s / total) * this.width);
    const headerCells = columns?.map((c) => this.clean(c.header));
    const headerHeight = headerCells ? this.rowHeight(headerCells, widths, 'bold') : 0;
    const header = () => {
      if (headerCells) this.drawRow(headerCells, widths, headerHeight, 'bold', HEADER_BG);
    };
    this.ensureSpace(headerHeight + 20);
    header();
    rows.forEach((row, index) => {
      const chunks = row.map((cell) => chunkText(this.clean(cell)));
      const count = Math.max(...chunks.map((c) => c.length));
      for (let part = 0; part < count; part++) {
        const cells = chunks.map((c) => c[part] ?? '');
        const height = this.rowHeight(cells, widths, 'regular');
        if (this.doc.y + height > this.bottom) {
          this.doc.addPage();
          header();
        }
        this.drawRow(cells, widths, height, 'regular', index % 2 === 1 ? STRIPE_BG : undefined);
      }
      const detail = details?.[index];
      if (detail) {
        for (const piece of chunkText(this.clean(detail))) {
          const height = this.rowHeight([piece], [this.width], 'regular', DETAIL_SIZE);
          if (this.doc.y + height > this.bottom) {
            this.doc.addPage();
            header();
          }
          this.drawRow([piece], [this.width], height, 'regular', index % 2 === 1 ? STRIPE_BG : undefined, DETAIL_SIZE, MUTED);
        }
      }
    });
    this.doc.moveDown(0.5);
  }

  event(event: PdfEvent, first: boolean): void {
    const { doc } = this;
    if (!first) doc.addPage();
    doc
      .font('bold')
      .fontSize(18)
      .fillColor(ACCENT)
      .text(this.clean(event.title), MARGIN, doc.y, { width: this.width, ...(event.link ? { link: event.link, underline: true } : {}) });
    doc.moveDown(0.5);
    this.table(null, event.metadata, [1, 3]);
    if (event.description) this.paragraph(event.description);

    this.heading('Tags', 14);
    if (event.tags.length === 0) this.paragraph('No tags.', { colour: MUTED, font: 'italic' });
    for (const tag of event.tags) this.paragraph(`• ${tag}`, { size: 9.5 });

    this.heading('Attributes', 14);
    if (event.categories.length === 0) this.paragraph('No standalone attributes.', { colour: MUTED, font: 'italic' });
    const attributeColumns = [
      { header: 'Type', share: 2 },
      { header: 'Value', share: 5 },
      { header: 'Comment', share: 3 },
      { header: 'to_ids', share: 1 },
    ];
    for (const category of event.categories) {
      this.heading(`${category.title} (${category.rows.length})`, 11.5, TEXT);
      this.table(attributeColumns, category.rows, undefined, category.details);
    }

    this.heading('Objects', 14);
    if (event.objects.length === 0) this.paragraph('No objects.', { colour: MUTED, font: 'italic' });
    const objectColumns = [
      { header: 'Relation', share: 2 },
      { header: 'Type', share: 2 },
      { header: 'Value', share: 6 },
      { header: 'to_ids', share: 1 },
    ];
    event.objects.forEach((object, i) => {
      this.heading(`Object ${i + 1}: ${object.title}`, 11.5, TEXT);
      if (object.subtitle) this.paragraph(object.subtitle, { size: 8.5, colour: MUTED });
      this.doc.moveDown(0.2);
      this.table(objectColumns, object.rows, undefined, object.details);
    });

    this.heading('Galaxies', 14);
    if (event.galaxies.length === 0) this.paragraph('No galaxies.', { colour: MUTED, font: 'italic' });
    for (const galaxy of event.galaxies) {
      this.heading(galaxy.name, 11.5, TEXT);
      if (galaxy.description) this.paragraph(galaxy.description, { size: 9, colour: MUTED });
      for (const cluster of galaxy.clusters) {
        this.paragraph(`• ${cluster.value}`, { size: 9.5, font: 'bold', indent: 8 });
        if (cluster.description) this.paragraph(cluster.description, { size: 8.5, colour: MUTED, indent: 18 });
      }
    }

    if (event.related.length > 0) {
      this.heading('Related events', 14);
      for (const related of event.related) this.paragraph(`• ${related}`, { size: 9.5 });
    }
  }
}

/** Beyond this many table rows, the page-counting pass (about as long as the real one) is skipped. */
const COUNTED_ROWS_LIMIT = 10_000;

function rowCount(report: PdfReport): number {
  let rows = 0;
  for (const event of report.events) for (const table of [...event.categories, ...event.objects]) rows += table.rows.length + (table.details?.length ?? 0);
  return rows;
}

/** Lays the report out; keeps the bytes only when asked (the counting pass throws them away). */
function layout(report: PdfReport, totalPages: number | undefined, keep: boolean): Promise<{ pages: number; bytes: Buffer }> {
  const pdf = new ReportPdf(report, totalPages);
  const { doc } = pdf;
  const chunks: Buffer[] = [];
  const done = new Promise<{ pages: number; bytes: Buffer }>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => {
      if (keep) chunks.push(chunk);
    });
    doc.on('end', () => resolve({ pages: pdf.pages, bytes: Buffer.concat(chunks) }));
    doc.on('error', reject);
  });
  report.events.forEach((event, i) => pdf.event(event, i === 0));
  doc.end();
  return done;
}

export async function renderReport(report: PdfReport, countedRowsLimit = COUNTED_ROWS_LIMIT): Promise<Buffer> {
  const total = rowCount(report) <= countedRowsLimit ? (await layout(report, undefined, false)).pages : undefined;
  return (await layout(report, total, true)).bytes;
}
