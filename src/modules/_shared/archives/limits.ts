/**
 * Caps on what decoding an upload may produce. Every helper that inflates
 * data takes a ByteBudget, so that one archive cannot fill the memory
 * however its entries are nested or how much they claim to hold.
 */
import { ArchiveLimitError } from './errors.js';

export interface ArchiveLimits {
  /** Decoded bytes, all entries and layers together. */
  maxTotalBytes: number;
  /** Entries listed in one archive. */
  maxEntries: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntries: 20_000,
});

const MIB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  return bytes >= MIB ? `${Math.round((bytes / MIB) * 10) / 10} MiB` : `${bytes} bytes`;
}

/** Counts decoded bytes against a cap shared by one upload's decoding. */
export class ByteBudget {
  #used = 0;

  constructor(readonly limit: number = DEFAULT_ARCHIVE_LIMITS.maxTotalBytes) {}

  get used(): number {
    return this.#used;
  }

  /** Reserves `bytes` for `what`; throws ArchiveLimitError past the cap. */
  take(bytes: number, what: string): void {
    if (this.#used + bytes > this.limit) {
      throw new ArchiveLimitError(
        `${what} decodes to more than the ${formatBytes(this.limit)} this server accepts from one upload (a zip bomb, or simply too large).`,
      );
    }
    this.#used += bytes;
  }
}
