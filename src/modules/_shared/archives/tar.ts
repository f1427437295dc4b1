/**
 * A tar reader for in-memory archives: ustar, GNU long names (L/K) and pax
 * headers (path, linkpath, size). Entries are views into the input, so
 * reading them costs nothing more.
 */
import { ArchiveError } from './errors.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './limits.js';

export interface TarEntry {
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  readonly size: number;
  readonly data: Uint8Array;
}

const BLOCK = 512;

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return Buffer.from(end === -1 ? field : field.subarray(0, end)).toString('utf8');
}

function number(bytes: Uint8Array, start: number, length: number): number {
  const field = bytes.subarray(start, start + length);
  if (field[0]! & 0x80) {
    // GNU base-256 for sizes past 8 GiB
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const digits = text(bytes, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) return Number.NaN;
  return parseInt(digits, 8);
}

function checksumOk(header: Uint8Array): boolean {
  const stored = number(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return stored === sum;
}

function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const body = Buffer.from(data).toString('utf8');
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(' ', pos);
    if (space === -1) break;
    const length = parseInt(body.slice(pos, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = body.slice(space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}

const TYPES: Record<string, TarEntry['type']> = { '0': 'file', '\0': 'file', '7': 'file', '5': 'directory', '2': 'symlink', '1': 'hardlink' };

/** All entries of a tar archive; throws ArchiveError when it is not one or is truncated. */
export function readTar(bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}, label = 'The tar archive'): TarEntry[] {
  const maxEntries = limits.maxEntries ?? DEFAULT_ARCHIVE_LIMITS.maxEntries;
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let pax = new Map<string, string>();
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return entries; // end-of-archive marker
    if (!checksumOk(header)) {
      throw new ArchiveError(
        offset === 0 ? `${label} is not a tar archive.` : `${label} is corrupt (bad header checksum at byte ${offset}).`,
      );
    }
    const typeflag = String.fromCharCode(header[156]!);
    const size = pax.has('size') ? Number(pax.get('size')) : number(header, 124, 12);
    if (!Number.isFinite(size) || size < 0) throw new ArchiveError(`${label} is corrupt (bad size at byte ${offset}).`);
    const start = offset + BLOCK;
    if (start + size > bytes.length) throw new ArchiveError(`${label} is truncated (an entry ends past the end of the data).`);
    const data = bytes.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;

    if (typeflag === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (typeflag === 'x') {
      pax = paxRecords(data);
      continue;
    }
    if (typeflag === 'g' || typeflag === 'K') continue;

    const ustar = text(header, 257, 5) === 'ustar';
    const prefix = ustar ? text(header, 345, 155) : '';
    const baseName = text(header, 0, 100);
    const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    longName = undefined;
    pax = new Map();
    entries.push({ name, type: TYPES[typeflag] ?? 'other', size, data });
    if (entries.length > maxEntries) {
      throw new ArchiveError(`${label} holds more than the ${maxEntries} entries this server accepts.`);
    }
  }
  if (bytes.subarray(offset).some((b) => b !== 0)) {
    throw new ArchiveError(`${label} is truncated (it ends inside an entry header).`);
  }
  if (entries.length === 0) throw new ArchiveError(`${label} is ${bytes.length === 0 ? 'empty' : 'not a tar archive'}.`);
  // Python's tarfile also accepts a missing end-of-archive marker.
  return entries;
}
