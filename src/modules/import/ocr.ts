/**
 * ocr (import): the text of an uploaded picture or PDF, offered as one
 * freetext value (MISP's freetext import then finds the indicators).
 * Pictures are OCRed by Tesseract (tesseract.js, English model, offline).
 * A PDF page with a text layer gives that text; a page without one (a scan)
 * is rendered at 200 dpi and OCRed. Pages are joined by a blank line.
 * Upstream rasterised every page with ImageMagick and OCRed them as one
 * tall picture. Runs on a worker thread, stopped when the query times out.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { decodeBase64Field } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import { PDF_MESSAGES } from '../_shared/pdf-messages.js';
import { SUPPORTED_IMAGES } from '../_shared/ocr/image.js';
import type { OcrTaskInput, OcrTaskOutput } from '../_shared/ocr/task.js';

const TASK = new URL('../_shared/ocr/task.js', import.meta.url);

/** Its own messages, and the PDF reader's (a PDF's pages are read with it). */
const MESSAGES = defineMessages({
  ...PDF_MESSAGES.templates,
  empty: 'The uploaded file is empty: expected an image or a PDF.',
  notSupported: `Corrupt or not an image file (expected ${SUPPORTED_IMAGES}, or a PDF).`,
});

export default defineModule({
  name: 'ocr',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.2',
    author: 'Alexandre Dulaunoy',
    description: 'Optical Character Recognition (OCR) module for MISP.',
    name: 'OCR Import',
    logo: '',
    requirements: ['None: OCR runs in the server (tesseract.js, English model; pdf.js for PDFs).'],
    features:
      'The module tries to recognize some text from an image and import the result as a freetext attribute, there is then no special feature asked to users to make it work. PDFs are read from their text layer, or rendered and OCRed page by page when they have none.',
    references: [],
    input: 'Image',
    output: 'freetext MISP attribute',
  },
  attributes: { userConfig: {}, inputSource: ['file'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const data = decodeBase64Field(query);
    if (data.length === 0) throw MESSAGES.error('empty');
    const { pages } = await runOffloaded<OcrTaskInput, OcrTaskOutput>(ctx, TASK, { data, notSupported: MESSAGES.format('notSupported') });
    return { ...legacyResults([{ types: ['freetext'], values: pages.join('\n\n') }]) };
  },
});
