/**
 * The file a submit module sends, read from a legacy query as upstream's
 * submit modules read it: an `attachment` (its name, `data` the base64
 * content) or a `malware-sample` (`filename|md5`, `data` the base64 zip
 * that MISP encrypts with the password `infected`; the sample is its first
 * entry).
 */
import { ModuleError } from '../../../base/errors.js';
import type { Query } from '../../../core/module.js';
import { decodeBase64 } from '../../../core/query-helpers.js';

export const SAMPLE_PASSWORD = 'infected';
const EXTRACT_ERROR = 'Could not extract malware sample from ZIP file';

export interface SubmittedFile {
  /** The attribute type it came from. */
  type: 'attachment' | 'malware-sample';
  filename: string;
  content: Uint8Array;
}

/** The first entry of a MISP malware-sample zip, opened with `infected`. */
export async function extractMalwareSample(zip: Uint8Array): Promise<Uint8Array> {
  // zip.js is loaded on the first malware sample, not at server start.
  const { ArchivePasswordError, ZipArchive } = await import('../archives/index.js');
  try {
    const archive = await ZipArchive.open(zip, {}, 'The malware-sample zip');
    const first = archive.entries[0];
    if (!first || first.directory) throw new ModuleError(`${EXTRACT_ERROR}: the archive holds no file.`);
    return await archive.read(first.name, { password: SAMPLE_PASSWORD });
  } catch (error) {
    if (error instanceof ArchivePasswordError) {
      throw new ModuleError(`${EXTRACT_ERROR}: the password '${SAMPLE_PASSWORD}' does not open it.`);
    }
    if (error instanceof ModuleError) {
      throw new ModuleError(error.message.startsWith(EXTRACT_ERROR) ? error.message : `${EXTRACT_ERROR}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * The file of an attachment or malware-sample query, or undefined when the
 * query has neither key. `unzip: false` sends a malware-sample's zip as is.
 */
export async function readSubmittedFile(query: Query, options: { unzip?: boolean } = {}): Promise<SubmittedFile | undefined> {
  const type = typeof query['malware-sample'] === 'string' ? 'malware-sample' : typeof query['attachment'] === 'string' ? 'attachment' : undefined;
  if (type === undefined) return undefined;
  const raw = query['data'];
  if (typeof raw !== 'string' || raw === '') throw new ModuleError(`The ${type} has no "data" field with its base64 content.`);
  const bytes = decodeBase64(raw, 'The "data" field is not valid base64.');
  const value = query[type] as string;
  if (type === 'attachment') return { type, filename: value, content: bytes };
  const filename = value.split('|')[0] ?? value;
  return { type, filename, content: options.unzip === false ? bytes : await extractMalwareSample(bytes) };
}
