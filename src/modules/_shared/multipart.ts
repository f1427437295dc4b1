/**
 * A `multipart/form-data` body (RFC 7578) as Python requests (urllib3) builds
 * it: the parts in the order given (requests sends `data=` fields, then
 * `files=`; a `files=` dict with `(None, text)` entries puts fields among the
 * files), each name and filename quoted, `"` CR LF percent-encoded as
 * urllib3 does. A file's Content-Type only when one is given: requests sends
 * none for a `(filename, data)` tuple.
 */
import { randomBytes } from 'node:crypto';

export interface MultipartField {
  name: string;
  value: string;
}

export interface MultipartFile {
  name: string;
  filename: string;
  content: Uint8Array;
  /** The part's Content-Type (`application/octet-stream` for a 3-tuple); omitted when not given. */
  contentType?: string;
}

export type MultipartPart = MultipartField | MultipartFile;

export interface MultipartBody {
  body: Buffer;
  /** The Content-Type header value, with the boundary. */
  contentType: string;
}

/** A quoted header parameter, as urllib3's format_multipart_header_param writes it. */
function quoted(value: string): string {
  return `"${value.replace(/["\r\n]/g, (c) => encodeURIComponent(c))}"`;
}

export function multipartBody(parts: readonly MultipartPart[]): MultipartBody {
  const boundary = randomBytes(16).toString('hex');
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (!('content' in part)) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}\r\n\r\n${part.value}\r\n`));
      continue;
    }
    const type = part.contentType ? `Content-Type: ${part.contentType}\r\n` : '';
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}; filename=${quoted(part.filename)}\r\n${type}\r\n`),
      Buffer.from(part.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
