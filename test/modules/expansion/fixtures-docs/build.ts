/**
 * Builds small office documents and PDFs for the document-module tests,
 * from XML written in the tests (zip packages with @zip.js/zip.js).
 */
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';

export const samples = (name: string): URL => new URL(`../../../../../shared/samples/test_files/${name}`, import.meta.url);

export async function zipParts(parts: Record<string, string | Uint8Array>): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const [name, content] of Object.entries(parts)) {
    await writer.add(name, typeof content === 'string' ? new TextReader(content) : new Uint8ArrayReader(content), { level: name === 'mimetype' ? 0 : 6 });
  }
  return Buffer.from(await writer.close());
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

function contentTypes(overrides: Record<string, string>): string {
  const entries = Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`)
    .join('');
  return `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${entries}</Types>`;
}

/** A .docx whose main part (at `part`, word/document.xml by default) has this w:body content. */
export function docx(body: string, part = 'word/document.xml'): Promise<Buffer> {
  return zipParts({
    '[Content_Types].xml': contentTypes({ [part]: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' }),
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_DOC}" Target="${part}"/></Relationships>`,
    [part]: `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
  });
}

/** A .pptx with these slides (p:spTree content), listed in presentation.xml in `order` (file indexes). */
export function pptx(slides: string[], order = slides.map((_, i) => i)): Promise<Buffer> {
  const P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const parts: Record<string, string> = {
    '[Content_Types].xml': contentTypes({ 'ppt/presentation.xml': 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml' }),
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_DOC}" Target="ppt/presentation.xml"/></Relationships>`,
    'ppt/presentation.xml': `<?xml version="1.0"?><p:presentation ${P}><p:sldIdLst>${order.map((i) => `<p:sldId id="${256 + i}" r:id="rIdS${i}"/>`).join('')}</p:sldIdLst></p:presentation>`,
    'ppt/_rels/presentation.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${RELS}">${slides
      .map((_, i) => `<Relationship Id="rIdS${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide${i + 1}.xml"/>`)
      .join('')}</Relationships>`,
  };
  slides.forEach((tree, i) => {
    parts[`ppt/slides/slide${i + 1}.xml`] = `<?xml version="1.0"?><p:sld ${P}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>${tree}</p:spTree></p:cSld></p:sld>`;
  });
  return zipParts(parts);
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"';

function odf(mimetype: string, body: string): Promise<Buffer> {
  return zipParts({
    mimetype,
    'content.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODF_NS} office:version="1.2"><office:body>${body}</office:body></office:document-content>`,
  });
}

export const odt = (text: string): Promise<Buffer> => odf('application/vnd.oasis.opendocument.text', `<office:text>${text}</office:text>`);
export const ods = (sheets: string): Promise<Buffer> => odf('application/vnd.oasis.opendocument.spreadsheet', `<office:spreadsheet>${sheets}</office:spreadsheet>`);

/** A PDF from page content streams; `images` are JPEGs drawn full page by `/ImN Do`. */
export function pdf(pages: Array<{ text?: string[]; jpeg?: { bytes: Buffer; width: number; height: number } }>): Buffer {
  const objects: Buffer[] = [];
  const add = (body: string | Buffer): number => {
    objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
    return objects.length;
  };
  const stream = (dict: string, data: Buffer): Buffer =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const kids: number[] = [];
  for (const page of pages) {
    let content = '';
    let resources = `/Font << /F1 ${font} 0 R >>`;
    if (page.jpeg) {
      const image = add(stream(`/Type /XObject /Subtype /Image /Width ${page.jpeg.width} /Height ${page.jpeg.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`, page.jpeg.bytes));
      resources += ` /XObject << /Im1 ${image} 0 R >>`;
      content += `q 500 0 0 ${Math.round((500 * page.jpeg.height) / page.jpeg.width)} 50 300 cm /Im1 Do Q\n`;
    }
    (page.text ?? []).forEach((line, i) => {
      content += `BT /F1 18 Tf 72 ${720 - i * 30} Td (${line}) Tj ET\n`;
    });
    const contents = add(stream('', Buffer.from(content, 'latin1')));
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << ${resources} >> /Contents ${contents} 0 R >>`));
  }
  objects[1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`, 'latin1');
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  const offsets: number[] = [];
  let length = chunks[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

/** A picture as a JPEG (on white), for PDFs that embed a scan. */
export async function jpegOf(png: Buffer): Promise<{ bytes: Buffer; width: number; height: number }> {
  const { PNG } = await import('pngjs');
  const jpeg = await import('jpeg-js');
  const image = PNG.sync.read(png);
  for (let i = 0; i < image.data.length; i += 4) {
    const alpha = image.data[i + 3] ?? 255;
    for (let c = 0; c < 3; c += 1) image.data[i + c] = Math.round(((image.data[i + c] ?? 0) * alpha + 255 * (255 - alpha)) / 255);
    image.data[i + 3] = 255;
  }
  const encoded = (jpeg.encode ?? jpeg.default.encode)({ data: image.data, width: image.width, height: image.height }, 95);
  return { bytes: Buffer.from(encoded.data), width: image.width, height: image.height };
}
