/** gzip decompression (node:zlib) under a byte budget. */
import { gunzipSync } from 'node:zlib';
import { ArchiveError, ArchiveLimitError } from './errors.js';
import { ByteBudget, formatBytes } from './limits.js';

export function decompressGzip(bytes: Uint8Array, budget = new ByteBudget(), label = 'The gzip data'): Uint8Array {
  const room = budget.limit - budget.used;
  let out: Buffer;
  try {
    out = gunzipSync(bytes, { maxOutputLength: Math.max(1, room) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || (error instanceof RangeError && /maxOutputLength|too large/i.test(error.message))) {
      throw new ArchiveLimitError(`${label} decodes to more than the ${formatBytes(budget.limit)} this server accepts from one upload.`);
    }
    if (code === 'Z_BUF_ERROR') throw new ArchiveError(`${label} is truncated (the gzip stream ends early).`);
    throw new ArchiveError(`${label} is not valid gzip data (${error instanceof Error ? error.message : String(error)}).`);
  }
  budget.take(out.length, label);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
