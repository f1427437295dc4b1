/**
 * The text of a fetched page: the charset of the Content-Type header, else
 * a BOM, else a <meta charset> in the first 1024 bytes, else UTF-8 (and
 * windows-1252 when the bytes are not valid UTF-8, as browsers guess).
 */
import { TextDecoder } from 'node:util';

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, ''));
  } catch {
    return undefined;
  }
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function decodeHtml(bytes: Uint8Array, contentType: string | undefined): string {
  const header = /charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '')?.[2];
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  const chosen = decoderFor(bomEncoding(bytes)) ?? decoderFor(header) ?? decoderFor(meta);
  if (chosen) return chosen.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
