/**
 * The waterfall (spectrogram) upstream draws with matplotlib: rows of
 * `10·log10(|fftshift(fft(block))|²)` over consecutive blocks of 1024 samples,
 * time downwards, frequency across (negative to positive), coloured with
 * viridis and scaled between the smallest and largest power. The image has
 * no axes or title (no font rendering here): the attribute's comment says
 * what it shows.
 */
import { PNG } from 'pngjs';
import { fft } from './fft.js';
import type { Samples } from './datatype.js';

const FFT_SIZE = 1024;
const MIN_FFT = 16;
const MIN_HEIGHT = 256;
const MAX_HEIGHT = 1024;
const MIN_WIDTH = 256;

// matplotlib's viridis at 9 evenly spaced stops.
const VIRIDIS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

function colour(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** The samples cannot make a spectrogram. */
export class RecordingError extends Error {
  override readonly name = 'RecordingError';
}

export interface Spectrogram {
  rows: number;
  fftSize: number;
  /** rows × fftSize powers in dB, row-major, DC in the middle. */
  power: Float64Array;
}

export function computeSpectrogram(samples: Samples): Spectrogram {
  const n = samples.re.length;
  let fftSize = FFT_SIZE;
  while (fftSize > n && fftSize > MIN_FFT) fftSize >>= 1;
  if (n < fftSize) throw new RecordingError(`the recording has ${n} samples, fewer than the ${MIN_FFT} a spectrogram needs`);
  const rows = Math.floor(n / fftSize);
  const power = new Float64Array(rows * fftSize);
  const re = new Float64Array(fftSize);
  const im = new Float64Array(fftSize);
  const half = fftSize / 2;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < fftSize; i++) {
      re[i] = samples.re[r * fftSize + i]!;
      im[i] = samples.im[r * fftSize + i]!;
    }
    fft(re, im);
    for (let k = 0; k < fftSize; k++) {
      // fftshift: bin k goes to column (k + half) mod size
      power[r * fftSize + ((k + half) % fftSize)] = 10 * Math.log10(re[k]! * re[k]! + im[k]! * im[k]!);
    }
  }
  return { rows, fftSize, power };
}

/** The spectrogram as a PNG: rows averaged or repeated to a readable height. */
export function renderSpectrogramPng(spec: Spectrogram): Buffer {
  const finite = spec.power.filter((v) => Number.isFinite(v));
  let low = Infinity;
  let high = -Infinity;
  for (const v of finite) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (!Number.isFinite(low)) [low, high] = [0, 1];
  const range = high - low || 1;
  const width = Math.max(spec.fftSize, MIN_WIDTH);
  const height = Math.min(MAX_HEIGHT, Math.max(spec.rows, MIN_HEIGHT));
  const png = new PNG({ width, height, colorType: 2, inputColorType: 6, inputHasAlpha: true });
  for (let y = 0; y < height; y++) {
    // The source rows this image row covers (averaged when there are more rows than pixels).
    const first = Math.floor((y * spec.rows) / height);
    const last = Math.max(first + 1, Math.floor(((y + 1) * spec.rows) / height));
    for (let x = 0; x < width; x++) {
      const column = Math.floor((x * spec.fftSize) / width);
      let sum = 0;
      for (let r = first; r < last; r++) {
        const v = spec.power[r * spec.fftSize + column]!;
        sum += Number.isFinite(v) ? v : low;
      }
      const [red, green, blue] = colour((sum / (last - first) - low) / range);
      const p = (y * width + x) * 4;
      png.data[p] = red;
      png.data[p + 1] = green;
      png.data[p + 2] = blue;
      png.data[p + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 2 });
}
