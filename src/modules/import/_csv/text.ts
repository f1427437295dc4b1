/**
 * The uploaded file or paste of an import request as text: base64 decoded,
 * strict UTF-8 (a byte order mark is dropped), with clear errors for an
 * empty upload and for binary files. Used by the text-based importers.
 */
import { ModuleError } from '../../../base/errors.js';
import type { Query } from '../../../core/module.js';
import { decodeBase64Field } from '../../../core/query-helpers.js';

/** `what` names the expected content in messages ("CSV file", "list of URLs", …). */
export function importedText(query: Query, what: string): string {
  const bytes = decodeBase64Field(query, 'data');
  if (bytes.length === 0) throw new ModuleError(`The import is empty: expected a ${what}.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ModuleError(`Input is not valid UTF-8 text, so not a ${what}.`);
  }
  if (text.includes('\u0000')) throw new ModuleError(`The input contains binary data (NUL bytes): it is not a ${what}.`);
  if (text.trim() === '') throw new ModuleError(`The import holds only whitespace: expected a ${what}.`);
  return text;
}
