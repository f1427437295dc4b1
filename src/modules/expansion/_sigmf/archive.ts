/**
 * sigmf-archive → sigmf-recording: the archive (a tar, as the SigMF spec
 * defines `.sigmf` files; gzip-compressed ones are accepted too) holds
 * `<name>.sigmf-meta` and `<name>.sigmf-data` pairs. Each metadata file
 * becomes a sigmf-recording object with its data file, referencing the
 * archive object with `expands`. Upstream stops at the first pair it finds
 * last; every pair is returned here.
 */
import { SIGMF_MESSAGES } from './messages.js';
import type { ModuleResult } from '../../../core/module.js';
import { MispResultBuilder } from '../../../misp/standard-result.js';
import { ArchiveError } from '../../_shared/archives/errors.js';
import { decompressGzip } from '../../_shared/archives/gzip.js';
import { ByteBudget } from '../../_shared/archives/limits.js';
import { readTar } from '../../_shared/archives/tar.js';
import { attachmentBytes, findRelation, type InputObject } from './object-input.js';

const META = '.sigmf-meta';
const DATA = '.sigmf-data';

export function expandArchive(object: InputObject): ModuleResult {
  const attribute = findRelation(object, 'SigMF-archive');
  if (!attribute) throw SIGMF_MESSAGES.error('noArchive');
  let bytes: Uint8Array = attachmentBytes(attribute, 'SigMF-archive');
  let files;
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = decompressGzip(bytes, new ByteBudget(), 'The SigMF archive');
    files = readTar(bytes, {}, 'The SigMF archive').filter((entry) => entry.type === 'file');
  } catch (error) {
    if (error instanceof ArchiveError) throw SIGMF_MESSAGES.error('badArchive', { reason: error.message });
    throw error;
  }
  const metas = files.filter((f) => f.name.endsWith(META));
  if (metas.length === 0) throw SIGMF_MESSAGES.error('noMetaInArchive');
  const result = new MispResultBuilder();
  for (const meta of metas) {
    const stem = meta.name.slice(0, -META.length);
    const data = files.find((f) => f.name === stem + DATA);
    const recording = result.addObject('sigmf-recording', [
      { relation: 'SigMF-meta', value: meta.name, data: meta.data, comment: 'SigMF metadata file' },
      ...(data ? [{ relation: 'SigMF-data' as const, value: data.name, data: data.data, comment: 'SigMF data file' }] : []),
    ]);
    result.addReference(recording.uuid, object.uuid, 'expands');
  }
  return { results: { Object: result.toResults().results.Object } };
}
