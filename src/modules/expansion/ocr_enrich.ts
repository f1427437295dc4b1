/**
 * ocr_enrich: the text in a picture (or in a PDF), as the non-empty lines
 * Tesseract reads, offered to MISP's freetext import. OCR runs offline
 * (tesseract.js with the model of @tesseract.js-data/eng) on a worker
 * thread, stopped when the query times out.
 *
 * Extensions over upstream: PDFs are read too (their text layer, or their
 * pages rendered and OCRed), and transparent pictures are laid on white.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { decodeBase64Field } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import { PDF_MESSAGES } from '../_shared/pdf-messages.js';
import { SUPPORTED_IMAGES } from '../_shared/ocr/image.js';
import { textLines } from '../_shared/ocr/lines.js';
import type { OcrTaskInput, OcrTaskOutput } from '../_shared/ocr/task.js';
import { DOCUMENT_MESSAGES } from './_documents/messages.js';

const TASK = new URL('../_shared/ocr/task.js', import.meta.url);

/** Its own messages, and the PDF reader's (a PDF's pages are read with it). */
const MESSAGES = defineMessages({
  ...PDF_MESSAGES.templates,
  noData: DOCUMENT_MESSAGES.templates.noData,
  notSupported: `Couldn't analyze file type. Only images (${SUPPORTED_IMAGES}) and PDFs are supported.`,
});

export default defineModule({
  name: 'ocr_enrich',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.2',
    author: 'Sascha Rommelfangen',
    description: 'Module to process some optical character recognition on pictures.',
    name: 'OCR Enrich',
    logo: '',
    requirements: ['None: OCR runs in the server (tesseract.js, English model).'],
    features:
      'The module takes an attachment attributes as input and process some optical character recognition on it. The text found is then passed to the Freetext importer to extract potential IoCs. PDFs are read too: their text layer, or their pages rendered and OCRed when they have none.',
    references: [],
    input: 'A picture attachment.',
    output: 'Text and freetext fetched from the input picture.',
  },
  attributes: { input: ['attachment'], output: ['freetext'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const filename = String(query['attachment']);
    const raw = query['data'];
    if (raw === undefined || raw === null || raw === '') throw MESSAGES.error('noData');
    const data = decodeBase64Field(query);
    if (data.length === 0) throw MESSAGES.error('noData');
    const { pages } = await runOffloaded<OcrTaskInput, OcrTaskOutput>(ctx, TASK, { data, notSupported: MESSAGES.format('notSupported') });
    return { ...legacyResults([{ types: ['freetext'], values: pages.flatMap(textLines), comment: `OCR from file ${filename}` }]) };
  },
});
