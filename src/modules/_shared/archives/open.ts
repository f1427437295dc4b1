/**
 * One view over the archives analysts upload: zip, tar, and tar compressed
 * with bzip2 or gzip. Symbolic and hard links are left out (never followed).
 */
import { decompressBzip2 } from './bzip2.js';
import { sniffArchive } from './detect.js';
import { ArchiveError } from './errors.js';
import { decompressGzip } from './gzip.js';
import { ByteBudget, type ArchiveLimits } from './limits.js';
import { readTar } from './tar.js';
import { ZipArchive } from './zip.js';

export interface ArchiveFiles {
  readonly kind: 'zip' | 'tar';
  /** Regular files and directories, in archive order (`has` also knows directories only implied by paths). */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** A regular file's content; undefined when there is no such file. */
  read(name: string): Promise<Uint8Array | undefined>;
}

export interface OpenArchiveOptions {
  budget?: ByteBudget;
  limits?: Partial<ArchiveLimits>;
  /** Names the upload in error messages ("The Cuckoo archive"). */
  label?: string;
  /** Password for encrypted zip entries. */
  password?: string;
}

/** Opens a zip, tar, tar.bz2 or tar.gz; throws ArchiveError for anything else. */
export async function openArchive(bytes: Uint8Array, options: OpenArchiveOptions = {}): Promise<ArchiveFiles> {
  const budget = options.budget ?? new ByteBudget(options.limits?.maxTotalBytes);
  const label = options.label ?? 'The archive';
  const kind = sniffArchive(bytes);
  if (kind === 'zip') return zipFiles(await ZipArchive.open(bytes, options.limits, label), budget, options.password);
  let tarBytes: Uint8Array;
  if (kind === 'bzip2') tarBytes = decompressBzip2(bytes, budget, label);
  else if (kind === 'gzip') tarBytes = decompressGzip(bytes, budget, label);
  else if (kind === 'tar') tarBytes = bytes;
  else throw new ArchiveError(`${label} is not a zip, tar, tar.bz2 or tar.gz archive.`);
  const entries = readTar(tarBytes, options.limits, label).filter((e) => e.type === 'file' || e.type === 'directory');
  const files = new Map(entries.map((e) => [stripSlash(e.name), e] as const));
  const directories = impliedDirectories(files.keys());
  return {
    kind: 'tar',
    names: entries.map((e) => stripSlash(e.name)),
    has: (name) => files.has(name) || directories.has(name),
    read: async (name) => {
      const entry = files.get(name);
      return entry?.type === 'file' ? entry.data : undefined;
    },
  };
}

function zipFiles(zip: ZipArchive, budget: ByteBudget, password?: string): ArchiveFiles {
  const kept = zip.entries.filter((e) => !e.symlink);
  const byName = new Map(kept.map((e) => [stripSlash(e.name), e] as const));
  const directories = impliedDirectories(byName.keys());
  return {
    kind: 'zip',
    names: kept.map((e) => stripSlash(e.name)),
    has: (name) => byName.has(name) || directories.has(name),
    read: async (name) => {
      const entry = byName.get(name);
      if (!entry || entry.directory) return undefined;
      return zip.read(entry.name, { budget, ...(password ? { password } : {}) });
    },
  };
}

// Archives may omit directory entries; "a/b/c" implies "a" and "a/b".
function impliedDirectories(names: Iterable<string>): Set<string> {
  const directories = new Set<string>();
  for (const name of names) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) directories.add(parts.slice(0, i).join('/'));
  }
  return directories;
}

// Tar and zip list directories as "dir/"; Python's tarfile lists them as "dir".
function stripSlash(name: string): string {
  return name.length > 1 && name.endsWith('/') ? name.slice(0, -1) : name;
}
