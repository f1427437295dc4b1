/**
 * How long the primary waits before it replaces a worker that died: at once
 * after a worker that had been serving for a while, then doubling delays
 * while replacements keep dying soon after they start (a crash loop: a bad
 * setting, a query that kills every worker), so a loop never spins. One per
 * worker slot.
 */
export interface BackoffOptions {
  /** The delay after the first quick death in a row. */
  firstDelayMs: number;
  /** The longest delay. */
  maxDelayMs: number;
  /** A worker that lived this long ends the streak: its replacement starts at once. */
  stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { firstDelayMs: 500, maxDelayMs: 30_000, stableAfterMs: 30_000 };

export class RestartBackoff {
  /** Replacements in a row whose predecessor died before `stableAfterMs`. */
  private streak = 0;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** The delay before replacing a worker that ran for `uptimeMs`. */
  next(uptimeMs: number): number {
    if (uptimeMs >= this.options.stableAfterMs) this.streak = 0;
    const delay = this.streak === 0 ? 0 : Math.min(this.options.maxDelayMs, this.options.firstDelayMs * 2 ** (this.streak - 1));
    this.streak++;
    return delay;
  }
}
