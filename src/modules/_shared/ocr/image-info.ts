/**
 * The format and pixel size of an image, read from its header only, so that
 * a small file declaring a huge picture (a decompression bomb) is refused
 * before anything is decoded.
 */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';

export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
}

const u16le = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u16be = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u24le = (b: Uint8Array, i: number): number => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number): number => (u16be(b, i) * 65536) + u16be(b, i + 2);
const i32le = (b: Uint8Array, i: number): number => u16le(b, i) | (u16le(b, i + 2) << 16);
const ascii = (b: Uint8Array, start: number, end: number): string => String.fromCharCode(...b.subarray(start, end));

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    // Start-of-frame markers carry the size (C4 DHT, C8 JPG and CC DAC do not).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    i += 2 + u16be(b, i + 2);
  }
  return undefined;
}

function webpSize(b: Uint8Array): { width: number; height: number } | undefined {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const b1 = b[22] ?? 0;
    return { width: 1 + (((b1 & 0x3f) << 8) | (b[21] ?? 0)), height: 1 + ((((b[24] ?? 0) & 0x0f) << 10) | ((b[23] ?? 0) << 2) | ((b1 & 0xc0) >> 6)) };
  }
  if (chunk === 'VP8X' && b.length >= 30) return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return undefined;
}

/** The image's format and size, or undefined when the bytes are not a supported image. */
export function imageInfo(b: Uint8Array): ImageInfo | undefined {
  let size: { width: number; height: number } | undefined;
  let format: ImageFormat | undefined;
  if (b.length >= 24 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && ascii(b, 12, 16) === 'IHDR') {
    format = 'png';
    size = { width: u32be(b, 16), height: u32be(b, 20) };
  } else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    format = 'jpeg';
    size = jpegSize(b);
  } else if (b.length >= 10 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) {
    format = 'gif';
    size = { width: u16le(b, 6), height: u16le(b, 8) };
  } else if (b.length >= 26 && ascii(b, 0, 2) === 'BM') {
    format = 'bmp';
    size = { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
  } else if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') {
    format = 'webp';
    size = webpSize(b);
  }
  if (!format || !size || size.width <= 0 || size.height <= 0) return undefined;
  return { format, ...size };
}
