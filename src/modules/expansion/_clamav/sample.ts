/**
 * MISP stores malware samples as zips encrypted with the password
 * `infected`; the sample is the archive's first entry, as upstream reads it.
 */
import { ModuleError } from '../../../base/errors.js';

export const SAMPLE_PASSWORD = 'infected';
const EXTRACT_ERROR = 'Could not extract malware sample from ZIP file';

export async function extractMalwareSample(zip: Uint8Array): Promise<Uint8Array> {
  // zip.js is loaded on the first malware sample, not at server start.
  const { ArchivePasswordError, ZipArchive } = await import('../../_shared/archives/index.js');
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
