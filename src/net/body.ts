/**
 * Reads a response body into memory under a size cap. Going over the cap
 * destroys the stream, which makes undici close the connection: an endless
 * answer costs at most `maxBytes` of memory.
 */
import type { Readable } from 'node:stream';

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';

  constructor(readonly limit: number) {
    super(`The answer is larger than ${limit} bytes.`);
  }
}

export async function readCapped(body: Readable, maxBytes: number, declaredLength: string | undefined): Promise<Buffer> {
  if (declaredLength !== undefined && /^\d+$/.test(declaredLength) && Number(declaredLength) > maxBytes) {
    body.on('error', () => {}); // destroying an unread undici body emits an abort error
    body.destroy();
    throw new BodyTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > maxBytes) {
      body.destroy();
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}
