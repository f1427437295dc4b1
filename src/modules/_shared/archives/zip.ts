/**
 * Reading zip archives (stored, deflate; ZipCrypto and AES encryption) with
 * @zip.js/zip.js, under a decoded-size budget. Entries are decompressed only
 * when asked for, so a large archive costs only what is read from it.
 */
import {
  configure,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  type Entry,
  type FileEntry,
} from '@zip.js/zip.js';
import { ArchiveError, ArchivePasswordError } from './errors.js';
import { ByteBudget, DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './limits.js';

// No web workers in Node; CompressionStream is fine.
configure({ useWebWorkers: false });

export interface ZipEntry {
  readonly name: string;
  readonly directory: boolean;
  readonly symlink: boolean;
  readonly encrypted: boolean;
  /** Declared uncompressed size (zip.js refuses data that inflates past it). */
  readonly size: number;
}

interface EntryRecord {
  info: ZipEntry;
  entry: Entry;
}

const WRONG_PASSWORD = /invalid password|password/i;
// A ZipCrypto password is checked on one byte: a wrong one passes 1 time in 256
// and then fails on the content with one of these.
const BAD_CONTENT = /crc|compressed data|uncompressed size|invalid signature|authentication code/i;

export class ZipArchive {
  readonly #records: EntryRecord[];

  private constructor(records: EntryRecord[]) {
    this.#records = records;
  }

  /** Lists the entries; throws ArchiveError when the bytes are not a readable zip. */
  static async open(bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}, label = 'The zip archive'): Promise<ZipArchive> {
    const maxEntries = limits.maxEntries ?? DEFAULT_ARCHIVE_LIMITS.maxEntries;
    let entries: Entry[];
    try {
      entries = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries();
    } catch (error) {
      throw new ArchiveError(`${label} cannot be read: ${describeZipError(error)}.`, { cause: error });
    }
    if (entries.length > maxEntries) {
      throw new ArchiveError(`${label} lists ${entries.length} entries, more than the ${maxEntries} this server accepts.`);
    }
    return new ZipArchive(
      entries.map((entry) => ({
        entry,
        info: {
          name: entry.filename,
          directory: entry.directory,
          symlink: Boolean((entry as { symlink?: boolean }).symlink),
          encrypted: entry.encrypted,
          size: entry.uncompressedSize,
        },
      })),
    );
  }

  get entries(): readonly ZipEntry[] {
    return this.#records.map((r) => r.info);
  }

  /** Regular files (no directories, no symbolic links), in archive order. */
  get files(): readonly ZipEntry[] {
    return this.entries.filter((e) => !e.directory && !e.symlink);
  }

  get encrypted(): boolean {
    return this.#records.some((r) => r.info.encrypted);
  }

  has(name: string): boolean {
    return this.#records.some((r) => r.info.name === name);
  }

  /** The content of an entry; throws ArchivePasswordError when it is encrypted and the password is missing or wrong. */
  async read(name: string, options: { password?: string; budget?: ByteBudget } = {}): Promise<Uint8Array> {
    const record = this.#records.find((r) => r.info.name === name);
    if (!record || record.entry.directory) throw new ArchiveError(`The zip archive has no file "${name}".`);
    const budget = options.budget ?? new ByteBudget();
    budget.take(record.info.size, `"${name}" in the zip archive`);
    if (record.info.encrypted && !options.password) {
      throw new ArchivePasswordError(`"${name}" in the zip archive is encrypted and no password was given.`);
    }
    try {
      return await (record.entry as FileEntry).getData(new Uint8ArrayWriter(), {
        ...(options.password ? { password: options.password } : {}),
        checkCrc32: true,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (record.info.encrypted && (WRONG_PASSWORD.test(message) || BAD_CONTENT.test(message))) {
        throw new ArchivePasswordError(`The password does not open "${name}" in the zip archive.`, { cause: error });
      }
      throw new ArchiveError(`"${name}" in the zip archive cannot be extracted: ${describeZipError(error)}.`, { cause: error });
    }
  }

  /**
   * The first candidate that decrypts the first encrypted file, verified on its
   * whole content (CRC), or undefined. Unencrypted archives answer ''.
   */
  async findPassword(candidates: Iterable<string>): Promise<string | undefined> {
    const record = this.#records.find((r) => r.info.encrypted && !r.entry.directory);
    if (!record) return '';
    const entry = record.entry as FileEntry;
    const tried = new Set<string>();
    for (const candidate of candidates) {
      if (candidate === '' || tried.has(candidate)) continue;
      tried.add(candidate);
      try {
        await entry.getData(new Uint8ArrayWriter(), { password: candidate, checkPasswordOnly: true });
      } catch {
        continue;
      }
      try {
        await entry.getData(new Uint8ArrayWriter(), { password: candidate, checkCrc32: true });
        return candidate;
      } catch {
        // passed the one-byte check by chance
      }
    }
    return undefined;
  }
}

function describeZipError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/format is not recognized/i.test(message)) return 'it is not a zip archive';
  if (/end of central directory|central directory not found|local file header not found|eocdr/i.test(message)) {
    return 'it is truncated or corrupt (the central directory is missing)';
  }
  return message.replace(/\.$/, '');
}
