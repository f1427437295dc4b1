/**
 * The document family's messages. The readers' messages (lower case) are the
 * detail of upstream's "Couldn't analyze file as <kind>. Error was: …" that
 * task.ts gives; the PDF reader's (pdfjs.ts) are in _shared/pdf-messages.ts,
 * as the OCR modules of two families read PDFs with it too.
 */
import { defineMessages } from '../../../base/messages.js';
import { PDF_MESSAGES } from '../../_shared/pdf-messages.js';

export const DOCUMENT_MESSAGES = defineMessages({
  ...PDF_MESSAGES.templates,
  noData: "Couldn't fetch attachment (JSON 'data' is empty). Are you using the 'Query enrichment' action?",
  unreadable: "Couldn't analyze file as {kind}. Error was: {detail}.",
  notZip: 'the file is not {kind}: it is not a zip package',
  encrypted: 'the document package is encrypted',
  noPart: 'the package has no part "{part}"',
  noMainPart: 'the package has no main document (no officeDocument relationship in _rels/.rels)',
  notWord: 'the package is not a Word document (its main part is {contentType})',
  noWordBody: '{part} has no w:body element',
  notPowerPoint: 'the package is not a PowerPoint presentation (its main part is {contentType})',
  notExcel: 'the package is not an Excel workbook (its main part is {contentType})',
  noWorksheet: 'the workbook has no worksheet',
  noOdfContent: 'the package has no content.xml (not an OpenDocument file)',
  wrongOdfType: 'the package is {mimetype}, not {kind}',
  noOdfBody: 'content.xml has no office:body/office:{body}',
  badXml: '{part} is not well-formed XML: {reason} (line {line}, column {column})',
  noXmlElement: '{part} holds no XML element',
});
