/**
 * The sample virustotal_upload sends out of a malware-sample: MISP's zip,
 * password `infected`, whose first entry is the sample, as upstream reads it.
 */
export const SAMPLE_PASSWORD = 'infected';

/** The sample inside a malware-sample zip; throws the archive error as is. */
export async function unzipMalwareSample(zip: Uint8Array): Promise<Uint8Array> {
  // zip.js is loaded on the first malware sample, not at server start.
  const { ZipArchive } = await import('../../_shared/archives/index.js');
  const archive = await ZipArchive.open(zip, {}, 'The malware-sample zip');
  const first = archive.entries[0];
  if (!first || first.directory) return Promise.reject(new Error('the archive holds no file'));
  return archive.read(first.name, { password: SAMPLE_PASSWORD });
}
