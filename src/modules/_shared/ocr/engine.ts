/**
 * Tesseract (tesseract.js: the engine compiled to WebAssembly) with the
 * English LSTM model of @tesseract.js-data/eng, read from the installed
 * package. Nothing is downloaded: tesseract.js only goes to its CDN when no
 * langPath is given, and here it is always a local folder that exists;
 * the model cache (which would read and write eng.traineddata in the
 * working directory) is off.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { ModuleError } from '../../../base/errors.js';

/** The model flavour: integer LSTM weights, the one tesseract.js uses by default. */
const MODEL_DIR = '4.0.0_best_int';
const LANGUAGE = 'eng';
/** OEM.LSTM_ONLY. */
const LSTM_ONLY = 1;

/** The local folder holding eng.traineddata.gz. */
export function languageDataPath(): string {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json'));
  } catch {
    throw new ModuleError('The OCR language data (npm package @tesseract.js-data/eng) is not installed.');
  }
  const path = join(packageDir, MODEL_DIR);
  if (!isAbsolute(path) || !existsSync(join(path, `${LANGUAGE}.traineddata.gz`))) {
    throw new ModuleError(`The OCR language data is missing from ${path}.`);
  }
  return path;
}

export interface Recognizer {
  /** The text of one image (PNG, JPEG…). */
  recognize(image: Buffer): Promise<string>;
}

type TesseractWorker = Awaited<ReturnType<typeof import('tesseract.js')['createWorker']>>;

async function startWorker(): Promise<TesseractWorker> {
  const langPath = languageDataPath();
  const tesseract = await import('tesseract.js');
  const createWorker = tesseract.createWorker ?? tesseract.default.createWorker;
  return createWorker(LANGUAGE, LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
    // Without an errorHandler tesseract.js rethrows job errors from an event handler, crashing the thread.
    errorHandler: () => undefined,
    logger: () => undefined,
  });
}

/**
 * Runs `work` with a recognizer whose Tesseract worker starts on the first
 * image (a PDF with a text layer never needs one) and is terminated after
 * `work`, whatever happens.
 */
export async function withTesseract<T>(work: (ocr: Recognizer) => Promise<T>): Promise<T> {
  let worker: Promise<TesseractWorker> | undefined;
  try {
    return await work({
      recognize: async (image) => {
        worker ??= startWorker();
        try {
          return (await (await worker).recognize(image)).data.text;
        } catch (error) {
          if (error instanceof ModuleError) throw error;
          throw new ModuleError(`Tesseract could not read the image: ${String(error).replace(/^Error: /, '')}`);
        }
      },
    });
  } finally {
    if (worker) await (await worker.catch(() => undefined))?.terminate();
  }
}
