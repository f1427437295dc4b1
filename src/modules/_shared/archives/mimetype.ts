/**
 * A small magic-number sniffer standing in for libmagic (PyMISP's file
 * objects carry libmagic's MIME type). It knows the formats analysts meet in
 * mail attachments and sandbox drops; anything else is text/plain when it
 * reads as text, application/octet-stream otherwise.
 */
const startsWith = (bytes: Uint8Array, magic: string, offset = 0): boolean =>
  bytes.length >= offset + magic.length && Buffer.from(bytes.subarray(offset, offset + magic.length)).toString('latin1') === magic;

const OOXML: ReadonlyArray<readonly [string, string]> = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

function zipType(bytes: Uint8Array): string {
  // OpenDocument: an uncompressed "mimetype" first entry holds the type.
  if (startsWith(bytes, 'mimetype', 30)) {
    const nameLength = bytes[26]! | (bytes[27]! << 8);
    const extraLength = bytes[28]! | (bytes[29]! << 8);
    const size = bytes[18]! | (bytes[19]! << 8);
    const start = 30 + nameLength + extraLength;
    const declared = Buffer.from(bytes.subarray(start, start + Math.min(size, 100))).toString('latin1');
    if (/^application\/vnd\.oasis\.opendocument\.[a-z.-]+$/.test(declared)) return declared;
  }
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 8192))).toString('latin1');
  if (head.includes('[Content_Types].xml') || head.includes('_rels/.rels')) {
    for (const [folder, type] of OOXML) if (head.includes(folder)) return type;
  }
  if (head.includes('META-INF/MANIFEST.MF')) return 'application/java-archive';
  return 'application/zip';
}

function executableType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, 'MZ') && bytes.length >= 64) {
    const peOffset = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).readUInt32LE(60);
    if (peOffset + 4 <= bytes.length && startsWith(bytes, 'PE\0\0', peOffset)) return 'application/vnd.microsoft.portable-executable';
    return 'application/x-dosexec';
  }
  if (startsWith(bytes, '\x7fELF')) {
    const type = bytes.length > 17 ? bytes[16]! | (bytes[17]! << 8) : 0;
    if (type === 1) return 'application/x-object';
    if (type === 3) return 'application/x-sharedlib';
    if (type === 4) return 'application/x-coredump';
    return 'application/x-executable';
  }
  const magic = bytes.length >= 4 ? Buffer.from(bytes.subarray(0, 4)).toString('hex') : '';
  if (['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe'].includes(magic)) return 'application/x-mach-binary';
  return undefined;
}

const SIGNATURES: ReadonlyArray<readonly [string, string, number?]> = [
  ['%PDF-', 'application/pdf'],
  ['\x89PNG\r\n\x1a\n', 'image/png'],
  ['\xff\xd8\xff', 'image/jpeg'],
  ['GIF87a', 'image/gif'],
  ['GIF89a', 'image/gif'],
  ['BM', 'image/bmp'],
  ['\x1f\x8b', 'application/gzip'],
  ['BZh', 'application/x-bzip2'],
  ['7z\xbc\xaf\x27\x1c', 'application/x-7z-compressed'],
  ['Rar!\x1a\x07', 'application/x-rar'],
  ['\xfd7zXZ\0', 'application/x-xz'],
  ['ustar', 'application/x-tar', 257],
  ['{\\rtf', 'text/rtf'],
  ['\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'application/CDFV2'],
  ['MSCF', 'application/vnd.ms-cab-compressed'],
  ['dex\n', 'application/vnd.android.dex'],
  ['\xca\xfe\xba\xbe', 'application/x-java-applet'],
];

function textType(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 65536));
  if (sample.includes(0)) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? sample.subarray(0, sample.length - 4) : sample);
  } catch {
    // Latin-1 and other 8-bit text: no control characters besides whitespace.
    if (sample.some((b) => b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27)) return undefined;
    decoded = Buffer.from(sample).toString('latin1');
  }
  for (const char of decoded) {
    const code = char.charCodeAt(0);
    // control characters other than whitespace and escape mean binary data
    if (code < 0x20 && !(code >= 0x09 && code <= 0x0d) && code !== 0x1b) return undefined;
  }
  const head = decoded.trimStart().slice(0, 512).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|script|iframe)[\s>]/.test(head)) return 'text/html';
  if (head.startsWith('<?xml')) return 'text/xml';
  if (/^(return-path|received|from|to|subject|message-id|mime-version|date|delivered-to):/im.test(decoded.slice(0, 2048))) return 'message/rfc822';
  return 'text/plain';
}

/** The MIME type of some bytes (libmagic's name where it has one). */
export function sniffMimeType(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'application/x-empty';
  if (startsWith(bytes, 'PK\x03\x04')) return zipType(bytes);
  const executable = executableType(bytes);
  if (executable) return executable;
  for (const [magic, type, offset] of SIGNATURES) if (startsWith(bytes, magic, offset ?? 0)) return type;
  return textType(bytes) ?? 'application/octet-stream';
}
