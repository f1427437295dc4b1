/**
 * What virustotal_upload sends: the sample's bytes (a malware-sample is
 * MISP's zip, password `infected`, whose first entry is the sample, as
 * upstream reads it) in a `multipart/form-data` body with one part `file`,
 * the way Python requests encodes `files={"file": (filename, data)}`.
 */
import { randomBytes } from 'node:crypto';

export const SAMPLE_PASSWORD = 'infected';

/** The sample inside a malware-sample zip; throws the archive error as is. */
export async function unzipMalwareSample(zip: Uint8Array): Promise<Uint8Array> {
  // zip.js is loaded on the first malware sample, not at server start.
  const { ZipArchive } = await import('../../_shared/archives/index.js');
  const archive = await ZipArchive.open(zip, {}, 'The malware-sample zip');
  const first = archive.entries[0];
  if (!first || first.directory) return Promise.reject(new Error('the archive holds no file'));
  return archive.read(first.name, { password: SAMPLE_PASSWORD });
}

/** A filename as a multipart header value (HTML5 form encoding, as urllib3 writes it). */
function quoteFilename(name: string): string {
  return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** `multipart/form-data` with one file part: the body and its Content-Type. */
export function multipartFile(field: string, filename: string, data: Uint8Array): { body: Buffer; contentType: string } {
  const boundary = randomBytes(16).toString('hex');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${quoteFilename(filename)}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
