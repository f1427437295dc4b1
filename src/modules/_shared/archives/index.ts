/** Archive helpers shared by the import modules: zip (with passwords), tar, bzip2, gzip, size caps. */
export { ArchiveError, ArchiveLimitError, ArchivePasswordError } from './errors.js';
export { ByteBudget, DEFAULT_ARCHIVE_LIMITS, formatBytes, type ArchiveLimits } from './limits.js';
export { isZip, sniffArchive, type ArchiveKind } from './detect.js';
export { ZipArchive, type ZipEntry } from './zip.js';
export { readTar, type TarEntry } from './tar.js';
export { decompressBzip2 } from './bzip2.js';
export { decompressGzip } from './gzip.js';
export { openArchive, type ArchiveFiles, type OpenArchiveOptions } from './open.js';
