/**
 * The archive on disk, in url_archiver's layout:
 *
 *   <archivepath>/.url_archiver/<sha1(normalised URL)>/archive   the page, raw bytes
 *   <archivepath>/.url_archiver/<sha1(normalised URL)>/meta      response headers + url_archiver:* keys (JSON)
 *
 * File names come from the hash only, so no URL can reach outside
 * archivepath; links and other users' entries are refused (archivepath may
 * be a shared /tmp); writes are whole or nothing.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { ModuleError } from '../../../base/errors.js';
import { MESSAGES } from './messages.js';

const ARCHIVE_DIR = '.url_archiver';

export interface ArchivePaths {
  dir: string;
  archive: string;
  meta: string;
}

/** Creates (or checks) a directory that must be ours and not a link: archivepath may be a shared /tmp. */
async function ownDirectory(path: string): Promise<void> {
  await mkdir(path, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const info = await lstat(path);
  const uid = process.getuid?.();
  if (!info.isDirectory() || info.isSymbolicLink() || (uid !== undefined && info.uid !== uid)) {
    throw MESSAGES.error('unsafe');
  }
}

export async function archivePaths(root: string, urlHash: string): Promise<ArchivePaths> {
  if (!isAbsolute(root)) throw MESSAGES.error('relative');
  // archivepath itself may be a link the admin chose (/tmp is one on some systems): it only has to be a directory.
  const target = await stat(resolve(root)).catch(() => undefined);
  if (!target?.isDirectory()) throw MESSAGES.error('noDirectory');
  const base = join(resolve(root), ARCHIVE_DIR);
  await ownDirectory(base);
  const dir = join(base, urlHash);
  await ownDirectory(dir);
  return { dir, archive: join(dir, 'archive'), meta: join(dir, 'meta') };
}

/** The archived page, or undefined when there is none yet. Links are never followed. */
export async function readArchive(path: string): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw MESSAGES.error('unsafe');
    throw error;
  }
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Writes a file whole or not at all: a temporary file (created exclusively), then a rename. */
export async function writeAtomically(dir: string, path: string, data: string | Buffer): Promise<void> {
  const temporary = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
  try {
    await writeFile(temporary, data, { flag: 'wx', mode: 0o600 });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** File-system failures (permissions, full disk) as a message for the admin; the module's own errors pass through. */
export function storageFailure(error: unknown): never {
  if (error instanceof ModuleError) throw error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
  throw MESSAGES.error('storage', { code }, { cause: error });
}
