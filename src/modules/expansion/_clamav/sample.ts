/**
 * MISP stores malware samples as zips encrypted with the password
 * `infected`; the sample is the archive's first entry, as upstream reads it.
 */
import { ModuleError } from '../../../base/errors.js';
import { defineMessages } from '../../../base/messages.js';

export const SAMPLE_PASSWORD = 'infected';
const EXTRACT_ERROR = 'Could not extract malware sample from ZIP file';

export const SAMPLE_MESSAGES = defineMessages({
  sampleNoFile: `${EXTRACT_ERROR}: the archive holds no file.`,
  samplePassword: `${EXTRACT_ERROR}: the password '{password}' does not open it.`,
  sampleUnreadable: `${EXTRACT_ERROR}: {reason}`,
});

export async function extractMalwareSample(zip: Uint8Array): Promise<Uint8Array> {
  // zip.js is loaded on the first malware sample, not at server start.
  const { ArchivePasswordError, ZipArchive } = await import('../../_shared/archives/index.js');
  try {
    const archive = await ZipArchive.open(zip, {}, 'The malware-sample zip');
    const first = archive.entries[0];
    if (!first || first.directory) throw SAMPLE_MESSAGES.error('sampleNoFile');
    return await archive.read(first.name, { password: SAMPLE_PASSWORD });
  } catch (error) {
    if (error instanceof ArchivePasswordError) {
      throw SAMPLE_MESSAGES.error('samplePassword', { password: SAMPLE_PASSWORD });
    }
    if (error instanceof ModuleError) {
      if (error.message.startsWith(EXTRACT_ERROR)) throw error;
      throw SAMPLE_MESSAGES.error('sampleUnreadable', { reason: error.message });
    }
    throw error;
  }
}
