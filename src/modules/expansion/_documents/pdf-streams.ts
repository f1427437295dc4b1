/**
 * A budget on what a PDF's compressed streams inflate to, checked before
 * pdf.js reads the file: pdf.js inflates a stream whole, into memory
 * outside the heap cap, however large (a 200 KB PDF whose one content
 * stream inflates to 200 MiB took 240 MiB; the 64 MiB request limit allows
 * far more). Each FlateDecode stream is inflated here, its output counted
 * and dropped: none may exceed MAX_PDF_STREAM_BYTES, all together
 * MAX_PDF_INFLATED_BYTES. Streams this cannot read (encrypted, other
 * filters, damaged) are left to pdf.js.
 */
import { constants, inflateSync } from 'node:zlib';
import { BudgetExceededError } from '../../_shared/budget.js';
import { formatBytes } from '../../_shared/archives/limits.js';
import { SCOPE } from './budgets.js';

/** One stream, inflated (a content stream or a raw page image: 64 MiB is a 21-megapixel RGB scan). */
export const MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024;
/** All the streams of one PDF, inflated. */
export const MAX_PDF_INFLATED_BYTES = 512 * 1024 * 1024;

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');

function tooMuch(what: string, limit: number): BudgetExceededError {
  return new BudgetExceededError(`${what} inflates to more than ${formatBytes(limit)}, the resource budget for ${SCOPE} on this server.`);
}

/** Bytes `data` inflates to, at most `limit` (then the limit + 1); undefined when it is not a readable zlib stream. */
function inflatedSize(data: Buffer, limit: number): number | undefined {
  try {
    return inflateSync(data, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return limit + 1;
    return undefined;
  }
}

/** Throws a BudgetExceededError when a FlateDecode stream of the PDF, or all of them, inflate past the budget. */
export function checkPdfStreams(bytes: Uint8Array): void {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  for (let at = pdf.indexOf(STREAM); at >= 0; at = pdf.indexOf(STREAM, at + 1)) {
    // "endstream" contains "stream"; the keyword opens a stream only after a dictionary.
    if (at >= 3 && pdf.subarray(at - 3, at).toString('latin1') === 'end') continue;
    let start = at + STREAM.length;
    if (pdf[start] === 0x0d) start++;
    if (pdf[start] !== 0x0a) continue;
    start++;
    const end = pdf.indexOf(END_STREAM, start);
    if (end < 0) break;
    const dictStart = pdf.lastIndexOf('<<', at);
    const dict = dictStart >= 0 ? pdf.subarray(dictStart, at).toString('latin1') : '';
    if (/\/Filter\s*(\[\s*)?\/(FlateDecode|Fl)\b/.test(dict)) {
      const size = inflatedSize(pdf.subarray(start, end), Math.min(MAX_PDF_STREAM_BYTES, MAX_PDF_INFLATED_BYTES - total));
      if (size !== undefined) {
        if (size > MAX_PDF_STREAM_BYTES) throw tooMuch('A stream of the PDF', MAX_PDF_STREAM_BYTES);
        total += size;
        if (total > MAX_PDF_INFLATED_BYTES) throw tooMuch("The PDF's streams", MAX_PDF_INFLATED_BYTES);
      }
    }
    at = end + END_STREAM.length - 1;
  }
}
