/**
 * A `multipart/form-data` body (RFC 7578) of text fields and files, as
 * python-requests builds it for `files=` / `data=`: the body bytes and the
 * Content-Type header with its boundary.
 */
import { randomBytes } from 'node:crypto';

export interface MultipartFile {
  filename: string;
  content: Uint8Array;
  contentType?: string;
}

export interface MultipartBody {
  body: Buffer;
  contentType: string;
}

/** Quotes a parameter value of Content-Disposition (no CR/LF, quotes escaped). */
function quoted(value: string): string {
  return `"${value.replace(/[\r\n]/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

export function multipartBody(fields: Readonly<Record<string, string>>, files: Readonly<Record<string, MultipartFile>>): MultipartBody {
  const boundary = randomBytes(16).toString('hex');
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`));
  }
  for (const [name, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}; filename=${quoted(file.filename)}\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
