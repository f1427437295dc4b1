/**
 * Small files that decode into something huge, built on the fly: the
 * hostile inputs of issue 13 (items 1 and 7), shared by the tests, the
 * memory measurements (bench/hostile.ts) and the soak (bench/soak.ts).
 * Each one is a few hundred KB on the wire and costs gigabytes to a parser
 * without budgets on what it builds.
 */
import { deflateSync } from 'node:zlib';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';

const MIB = 1024 * 1024;

/** `unit` repeated until `bytes`, between `head` and `tail`, without building the whole text at once in a string. */
function repeatedBytes(head: string, unit: string, bytes: number, tail: string): ReadableStream<Uint8Array> {
  const chunk = Buffer.from(unit.repeat(Math.max(1, Math.floor(MIB / unit.length))));
  let left = Math.floor(bytes / chunk.length);
  let stage: 'head' | 'body' | 'tail' | 'done' = 'head';
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === 'head') {
        controller.enqueue(Buffer.from(head));
        stage = 'body';
      } else if (stage === 'body') {
        if (left-- > 0) controller.enqueue(new Uint8Array(chunk));
        else stage = 'tail';
      } else if (stage === 'tail') {
        controller.enqueue(Buffer.from(tail));
        stage = 'done';
      } else controller.close();
    },
  });
}

type Part = string | ReadableStream<Uint8Array>;

async function zipOf(parts: Record<string, Part>): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const [name, content] of Object.entries(parts)) {
    const reader = typeof content === 'string' ? new Uint8ArrayReader(Buffer.from(content)) : content;
    await writer.add(name, reader, { level: name === 'mimetype' ? 0 : 9 });
  }
  return Buffer.from(await writer.close());
}

const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

function ooxml(main: string, contentType: string, content: ReadableStream<Uint8Array>, extra: Record<string, string> = {}): Promise<Buffer> {
  return zipOf({
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="${contentType}"/></Types>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_DOC}" Target="${main}"/></Relationships>`,
    ...extra,
    [main]: content,
  });
}

export type OfficeFormat = 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods';

/**
 * An office document whose main XML part inflates to `mib` MiB (90 by
 * default: about 180 KB zipped) of empty elements: `<w:p/>` for .docx, rows
 * for .xlsx, shapes for .pptx, paragraphs for .odt, rows for .ods.
 */
export function officeBomb(format: OfficeFormat, mib = 90): Promise<Buffer> {
  const bytes = mib * MIB;
  switch (format) {
    case 'docx':
      return ooxml(
        'word/document.xml',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        repeatedBytes('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>', '<w:p/>', bytes, '</w:body></w:document>'),
      );
    case 'xlsx':
      return ooxml(
        'xl/workbook.xml',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        repeatedBytes('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>', '<sheet/>', bytes, '</sheets></workbook>'),
      );
    case 'pptx':
      return ooxml(
        'ppt/presentation.xml',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
        repeatedBytes('<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:sldIdLst>', '<p:sldId/>', bytes, '</p:sldIdLst></p:presentation>'),
      );
    case 'odt':
    case 'ods': {
      const ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"';
      const [body, unit] = format === 'odt' ? ['office:text', '<text:p/>'] : ['office:spreadsheet', '<table:table-row/>'];
      const open = format === 'odt' ? `<${body}>` : `<${body}><table:table table:name="S">`;
      const close = format === 'odt' ? `</${body}>` : `</table:table></${body}>`;
      return zipOf({
        mimetype: `application/vnd.oasis.opendocument.${format === 'odt' ? 'text' : 'spreadsheet'}`,
        'content.xml': repeatedBytes(`<?xml version="1.0"?><office:document-content ${ns}><office:body>${open}`, unit, bytes, `${close}</office:body></office:document-content>`),
      });
    }
  }
}

/** An e-mail of `depth` multiparts, each the only part of its parent (210 KB at depth 3,000). */
export function deeplyNestedEmail(depth = 3000): Buffer {
  const lines = ['From: a@example.org', 'To: b@example.org', 'Subject: nested', 'MIME-Version: 1.0'];
  for (let i = 0; i < depth; i++) lines.push(`Content-Type: multipart/mixed; boundary="b${i}"`, '', `--b${i}`);
  lines.push('Content-Type: text/plain', '', 'deepest');
  for (let i = depth - 1; i >= 0; i--) lines.push(`--b${i}--`);
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

/** An e-mail with `parts` small attachments (9.6 MB at 50,000). */
export function wideEmail(parts = 50_000): Buffer {
  const lines = ['From: a@example.org', 'To: b@example.org', 'Subject: wide', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"', ''];
  for (let i = 0; i < parts; i++) {
    lines.push('--b', 'Content-Type: application/octet-stream', `Content-Disposition: attachment; filename="f${i}.bin"`, 'Content-Transfer-Encoding: base64', '', Buffer.from(`attachment number ${i} `.repeat(3)).toString('base64'));
  }
  lines.push('--b--');
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid, complete RGB PNG of `width`×`height` pixels: white, or a
 * checkerboard of 32-pixel squares (thousands of shapes for OCR's layout
 * analysis). At 7000² (49 megapixels, under the 50-megapixel decoding cap)
 * it is 50 to 200 KB; its decoded forms take hundreds of MB.
 */
export function largePng(width = 7000, height = 7000, pattern: 'blank' | 'checkerboard' = 'checkerboard'): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = [0, 1].map((phase) => {
    const row = Buffer.alloc(1 + width * 3, 0xff);
    row[0] = 0; // filter: none
    if (pattern === 'checkerboard') {
      for (let x = 0; x < width; x++) if (((x >> 5) + phase) % 2 === 0) row.fill(0, 1 + x * 3, 4 + x * 3);
    }
    return row;
  });
  const stride = rows[0]!.length;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) rows[(y >> 5) % 2]!.copy(raw, y * stride);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', new Uint8Array())]);
}

/** A one-page PDF whose content stream (FlateDecode) inflates to `mib` MiB of spaces (200 KB at 200 MiB). */
export function pdfBomb(mib = 200): Buffer {
  const content = deflateSync(Buffer.alloc(mib * MIB, 0x20), { level: 9 });
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), object, Buffer.from('\nendobj\n')]);
    parts.push(part);
    length += part.length;
  });
  const xref = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}
