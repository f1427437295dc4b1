/** Recognises archive and compression formats by their magic bytes. */

export type ArchiveKind = 'zip' | 'bzip2' | 'gzip' | 'tar';

export function sniffArchive(bytes: Uint8Array): ArchiveKind | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // local file header, empty archive (end of central directory), spanned archive marker
    const sig = (bytes[2]! << 8) | bytes[3]!;
    if (sig === 0x0304 || sig === 0x0506 || sig === 0x0708) return 'zip';
  }
  if (bytes.length >= 4 && bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68 && bytes[3]! >= 0x31 && bytes[3]! <= 0x39) {
    return 'bzip2';
  }
  if (bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) return 'gzip';
  if (bytes.length >= 262 && Buffer.from(bytes.subarray(257, 262)).toString('latin1') === 'ustar') return 'tar';
  return undefined;
}

/** True when the bytes start like a zip archive. */
export function isZip(bytes: Uint8Array): boolean {
  return sniffArchive(bytes) === 'zip';
}
