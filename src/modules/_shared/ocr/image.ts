/**
 * Checks and decodes untrusted pictures. The header is read first, so a
 * small file declaring a huge picture (a decompression bomb) is refused
 * before anything is decoded; PNG and JPEG are then decoded in JavaScript
 * (pngjs, jpeg-js), where a malformed file is an exception, not a crash of
 * the process (a native decoder segfaulted on truncated JPEGs).
 */
import { ModuleError } from '../../../base/errors.js';
import { BudgetExceededError } from '../budget.js';
import { imageInfo, type ImageFormat, type ImageInfo } from './image-info.js';

/**
 * Largest picture decoded in JavaScript (25 megapixels: 100 MB of RGBA,
 * outside the heap cap; a blank 49-megapixel PNG of 160 KB took the server
 * to 600 MB under the former 50-megapixel cap).
 */
export const MAX_PIXELS = 25_000_000;
/**
 * Largest picture given to Tesseract: it keeps ~30 bytes a pixel in its
 * WebAssembly memory (outside any heap limit), so a blank 49-megapixel PNG
 * of 50 KB took 1.6 GB. 16 megapixels holds an A4 page scanned at 400 dpi.
 */
export const MAX_OCR_PIXELS = 16_000_000;

/** The header of a picture in one of `formats`, at most `maxPixels`; a ModuleError with `notImage`'s text otherwise. */
export function checkImage(bytes: Uint8Array, notImage: string, formats: readonly ImageFormat[], maxPixels = MAX_PIXELS): ImageInfo {
  const info = imageInfo(bytes);
  if (!info || !formats.includes(info.format)) throw new ModuleError(notImage);
  if (info.width * info.height > maxPixels) {
    throw new BudgetExceededError(`The image is ${info.width}×${info.height} pixels, more than the ${maxPixels / 1_000_000} megapixels this server decodes${maxPixels === MAX_OCR_PIXELS ? ' for OCR' : ''}.`);
  }
  return info;
}

/** What OCR reads (Tesseract decodes these itself). */
export const SUPPORTED_IMAGES = 'PNG, JPEG, GIF, BMP or WebP';
export const OCR_FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'gif', 'bmp', 'webp'];

export interface Rgba {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Lays transparent pixels on white, in place. */
function onWhite(data: Uint8ClampedArray): void {
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3] ?? 255;
    if (alpha === 255) continue;
    for (let c = 0; c < 3; c += 1) data[i + c] = Math.round(((data[i + c] ?? 0) * alpha + 255 * (255 - alpha)) / 255);
    data[i + 3] = 255;
  }
}

/** A PNG or JPEG as RGBA pixels on white. */
export async function decodeRgba(bytes: Uint8Array, notImage: string): Promise<Rgba> {
  const info = checkImage(bytes, notImage, ['png', 'jpeg']);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    if (info.format === 'png') {
      const { PNG } = await import('pngjs');
      decoded = PNG.sync.read(buffer);
    } else {
      const jpeg = await import('jpeg-js');
      decoded = (jpeg.decode ?? jpeg.default.decode)(buffer, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: MAX_PIXELS / 1_000_000,
        maxMemoryUsageInMB: 512,
      });
    }
  } catch (error) {
    throw new ModuleError(notImage, { cause: error });
  }
  const data = new Uint8ClampedArray(decoded.data.buffer, decoded.data.byteOffset, decoded.width * decoded.height * 4);
  onWhite(data);
  return { width: decoded.width, height: decoded.height, data };
}

/** Nearest-neighbour downscale by `scale` (≤ 1). */
export function downscale(image: Rgba, scale: number): Rgba {
  if (scale >= 1) return image;
  const width = Math.max(1, Math.floor(image.width * scale));
  const height = Math.max(1, Math.floor(image.height * scale));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    const sy = Math.min(image.height - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x += 1) {
      const sx = Math.min(image.width - 1, Math.floor(x / scale));
      data.set(image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data };
}
