/**
 * Worker task: OCR of an image, or of a PDF (text layer, or rendered pages
 * where there is none).
 */
import { ModuleError } from '../../../base/errors.js';
import { settle, type TaskOutcome } from '../archives/offload.js';
import { withTesseract, type Recognizer } from './engine.js';
import { BudgetExceededError } from '../budget.js';
import { checkImage, MAX_OCR_PIXELS, OCR_FORMATS } from './image.js';
import { pdfPagesText } from './pdf-pages.js';

export interface OcrTaskInput {
  data: Uint8Array;
  /** The message for bytes that are neither a supported image nor a PDF. */
  notSupported: string;
}

export interface OcrTaskOutput {
  /** One text per page (an image is one page). */
  pages: string[];
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-');
}

async function readPdf(data: Uint8Array, ocr: Recognizer): Promise<string[]> {
  try {
    return await pdfPagesText(data, ocr);
  } catch (error) {
    if (error instanceof ModuleError && !(error instanceof BudgetExceededError) && !error.message.startsWith('Tesseract')) {
      throw new ModuleError(`Couldn't analyze file as PDF. Error was: ${error.message.replace(/\.$/, '')}.`);
    }
    throw error;
  }
}

export default async function ocrTask({ data, notSupported }: OcrTaskInput): Promise<TaskOutcome<OcrTaskOutput>> {
  return settle(() =>
    withTesseract(async (ocr) => {
      if (isPdf(data)) return { pages: await readPdf(data, ocr) };
      // Tesseract's own decoders (WebAssembly) read the picture; only the header is checked here.
      checkImage(data, notSupported, OCR_FORMATS, MAX_OCR_PIXELS);
      return { pages: [await ocr.recognize(Buffer.from(data.buffer, data.byteOffset, data.byteLength))] };
    }),
  );
}
