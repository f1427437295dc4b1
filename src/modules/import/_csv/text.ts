/**
 * The uploaded file or paste of an import request as text: base64 decoded,
 * strict UTF-8 (a byte order mark is dropped), with clear errors for an
 * empty upload and for binary files. Used by the text-based importers.
 */
import { defineMessages } from '../../../base/messages.js';
import type { Query } from '../../../core/module.js';
import { decodeBase64Field } from '../../../core/query-helpers.js';

/** `what` names the expected content in messages ("CSV file", "list of URLs", …). */
/** Declared by every import module that reads its upload as text with importedText. */
export const TEXT_MESSAGES = defineMessages({
  emptyImport: 'The import is empty: expected a {what}.',
  notUtf8: 'Input is not valid UTF-8 text, so not a {what}.',
  binaryImport: 'The input contains binary data (NUL bytes): it is not a {what}.',
  blankImport: 'The import holds only whitespace: expected a {what}.',
});

export function importedText(query: Query, what: string): string {
  const bytes = decodeBase64Field(query, 'data');
  if (bytes.length === 0) throw TEXT_MESSAGES.error('emptyImport', { what });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw TEXT_MESSAGES.error('notUtf8', { what });
  }
  if (text.includes('\u0000')) throw TEXT_MESSAGES.error('binaryImport', { what });
  if (text.trim() === '') throw TEXT_MESSAGES.error('blankImport', { what });
  return text;
}
