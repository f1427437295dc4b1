/** Checks shared by the import modules on the uploaded bytes. */
import { ModuleError } from '../../../base/errors.js';
import { checkJsonBudget } from '../budget.js';

/** Throws when the upload is empty (MISP sends "" for an empty paste or file). */
export function requireContent(bytes: Uint8Array, what: string): void {
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
    throw new ModuleError(`The uploaded file is empty: expected ${what}.`);
  }
}

/** Parses UTF-8 JSON (a BOM is tolerated); the error names what was expected. */
export function parseJsonUpload(bytes: Uint8Array, what: string): unknown {
  requireContent(bytes, what);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ModuleError(`The uploaded file is not UTF-8 JSON: expected ${what}.`);
  }
  checkJsonBudget(text, 'The uploaded file');
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ModuleError(`The uploaded file is not valid JSON (${detail}): expected ${what}.`);
  }
}

/** MISP checkbox answers ("1"/"0"), and the words people type. */
export function isYes(value: string | undefined): boolean {
  return value !== undefined && ['1', 'y', 'yes', 'true', 't', 'on'].includes(value.trim().toLowerCase());
}

/** A Boolean userConfig answer with a default when it was not sent. */
export function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  return isYes(value);
}
