/**
 * The file a submit module sends, read from a legacy query as upstream's
 * submit modules read it: an `attachment` (its name; `data` the base64
 * content) or a `malware-sample` (`filename|md5`; `data` the base64 zip MISP
 * encrypts with the password "infected", opened by extractMalwareSample).
 * A module that reads it declares SUBMITTED_FILE_MESSAGES among its messages.
 */
import { ModuleError } from '../../base/errors.js';
import { defineMessages } from '../../base/messages.js';
import type { Query } from '../../core/module.js';
import { decodeBase64 } from '../../core/query-helpers.js';
import { extractMalwareSample, SAMPLE_MESSAGES } from './malware-sample.js';

export const SUBMITTED_FILE_MESSAGES = defineMessages({
  ...SAMPLE_MESSAGES.templates,
  fileNoData: 'The {type} has no "data" field with its base64 content.',
  fileNotBase64: 'The "data" field is not valid base64.',
});

export interface SubmittedFile {
  /** The attribute type it came from. */
  type: 'attachment' | 'malware-sample';
  /** The attachment's value, or a malware-sample's before the `|`. */
  filename: string;
  /** The file itself (a malware-sample unzipped unless `unzip: false`). */
  content: Uint8Array;
}

export interface SubmittedFileOptions {
  /** false: a malware-sample's zip as MISP sent it. */
  unzip?: boolean;
  /** An empty `data` is an empty file, which the module answers in its own words (else: no data). */
  allowEmptyData?: boolean;
  /** The module's words around a file it cannot read (upstream's "Unable to process submitted sample data: …"). */
  failure?: (reason: string, cause: ModuleError) => ModuleError;
}

/** The file of an attachment or malware-sample query; undefined when the query has neither key. */
export async function readSubmittedFile(query: Query, options: SubmittedFileOptions = {}): Promise<SubmittedFile | undefined> {
  try {
    return await read(query, options);
  } catch (error) {
    if (options.failure && error instanceof ModuleError) throw options.failure(error.message, error);
    throw error;
  }
}

async function read(query: Query, { unzip = true, allowEmptyData = false }: SubmittedFileOptions): Promise<SubmittedFile | undefined> {
  const type = typeof query['malware-sample'] === 'string' ? 'malware-sample' : typeof query['attachment'] === 'string' ? 'attachment' : undefined;
  if (type === undefined) return undefined;
  const raw = query['data'];
  if (typeof raw !== 'string' || (raw === '' && !allowEmptyData)) throw SUBMITTED_FILE_MESSAGES.error('fileNoData', { type });
  const bytes = decodeBase64(raw, SUBMITTED_FILE_MESSAGES.format('fileNotBase64'));
  const value = query[type] as string;
  if (type === 'attachment') return { type, filename: value, content: bytes };
  return { type, filename: value.split('|', 1)[0]!, content: unzip ? await extractMalwareSample(bytes) : bytes };
}
