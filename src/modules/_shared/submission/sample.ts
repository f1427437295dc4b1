/**
 * The file of a legacy submission query: `{"attachment": "name", "data": b64}`
 * or `{"malware-sample": "name|md5", "data": b64}` (a zip MISP encrypted with
 * the password "infected"; the sample is its first entry), as upstream's
 * submit modules read them.
 */
import { ModuleError } from '../../../base/errors.js';
import type { Query } from '../../../core/module.js';
import { decodeBase64Field } from '../../../core/query-helpers.js';
import { extractMalwareSample } from '../malware-sample.js';

export interface SubmittedFile {
  /** The attribute's file name (a malware-sample's value before the `|`). */
  filename: string;
  /** The file itself (unzipped for a malware-sample). */
  data: Uint8Array;
}

/** True when the query carries a file (an attachment or a malware-sample key). */
export function hasSubmittedFile(query: Query): boolean {
  return typeof query['malware-sample'] === 'string' || typeof query['attachment'] === 'string';
}

/** The file to submit; undefined when the query has neither key. */
export async function readSubmittedFile(query: Query): Promise<SubmittedFile | undefined> {
  const sample = query['malware-sample'];
  if (typeof sample === 'string') {
    const filename = sample.split('|', 1)[0] ?? '';
    return { filename, data: await extractMalwareSample(decodeBase64Field(query)) };
  }
  const attachment = query['attachment'];
  if (typeof attachment === 'string') return { filename: attachment, data: decodeBase64Field(query) };
  return undefined;
}

/** A file with no name or no bytes cannot be submitted. */
export function requireFileContent(file: SubmittedFile, message: string): SubmittedFile {
  if (file.filename === '' || file.data.length === 0) throw new ModuleError(message);
  return file;
}
