/**
 * Reads a `multipart/form-data` request body in a fake vendor, so a fake can
 * check the file and the fields a submit module sent; and makes the
 * password-protected zip MISP stores a malware-sample in.
 */
import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import type { RecordedRequest } from './fake-http.js';

export interface MultipartPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  content: Buffer;
}

/** The parts of a multipart body; throws when the request is not multipart/form-data. */
export function parseMultipart(request: Pick<RecordedRequest, 'headers' | 'rawBody'>): MultipartPart[] {
  const type = String(request.headers['content-type'] ?? '');
  const boundary = /^multipart\/form-data;\s*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) throw new Error(`not multipart/form-data: ${type}`);
  const body = request.rawBody;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', afterDelimiter);
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd);
    if (headerEnd === -1 || next === -1) throw new Error('truncated multipart body');
    const headers = body.subarray(afterDelimiter + 2, headerEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    parts.push({
      name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
      filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
      content: body.subarray(headerEnd + 4, next),
    });
    start = next + 2;
  }
  return parts;
}

/** The plain fields (no filename) of a multipart body, as name → text. */
export function multipartFields(parts: MultipartPart[]): Record<string, string> {
  return Object.fromEntries(parts.filter((p) => p.filename === undefined).map((p) => [p.name, p.content.toString('utf8')]));
}

/** A zip holding one file encrypted with `password` (MISP's malware-sample: "infected"), as base64. */
export async function encryptedZipBase64(filename: string, content: Buffer, password = 'infected'): Promise<string> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { password, zipCrypto: true });
  await writer.add(filename, new Uint8ArrayReader(content));
  return Buffer.from(await writer.close()).toString('base64');
}
