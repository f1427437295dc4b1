/**
 * A `multipart/form-data` body, as Python requests builds it for
 * `requests.post(url, data={...}, files={...})`: the plain fields first,
 * then the files, each part with its name (and filename) quoted.
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
  /** Omitted like requests does when none is given (the server reads it as application/octet-stream). */
  contentType?: string;
}

export interface MultipartBody {
  body: Buffer;
  /** The Content-Type header value, with the boundary. */
  contentType: string;
}

/** Quotes a header parameter; CR, LF and `"` cannot end the header or the value. */
function quoted(value: string): string {
  return `"${value.replace(/[\r\n]/g, ' ').replace(/"/g, '%22')}"`;
}

export function multipartBody(fields: readonly MultipartField[], files: readonly MultipartFile[] = []): MultipartBody {
  return multipartInOrder([...fields, ...files]);
}

/** The parts in the order given (requests' `files={...}` with a `(None, text)` entry sends a field among files). */
export function multipartInOrder(parts: ReadonlyArray<MultipartField | MultipartFile>): MultipartBody {
  const boundary = randomBytes(16).toString('hex');
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (!('content' in part)) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}\r\n\r\n${part.value}\r\n`));
      continue;
    }
    const file = part;
    const type = file.contentType ? `Content-Type: ${file.contentType}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.name)}; filename=${quoted(file.filename)}\r\n${type}\r\n`));
    chunks.push(Buffer.from(file.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
