/**
 * Spaces requests to a vendor per credential, so that a MISP event enriched
 * attribute by attribute does not burn a quota such as VirusTotal's public
 * 4 requests a minute in one burst and fail 26 lookups of 30.
 *
 * A sliding window per key (vendor + a hash of the credential): each request
 * reserves the earliest slot at which fewer than `requests` requests have been
 * sent in the last `intervalMs`, in arrival order, then waits for it. A
 * request that cannot get a slot before its query's deadline fails at once
 * with a clear error instead of waiting to be timed out; one whose query is
 * aborted while waiting gives its slot back.
 *
 * The state is this server's (each isolated thread has its own). With
 * `--redis`, SharedRateLimiter (shared-rate-limiter.ts) keeps the same
 * window in Redis for every process and host, and falls back to this one
 * while Redis is unavailable.
 */
import { createHash } from 'node:crypto';
import { ModuleError } from '../base/errors.js';

export interface RateLimit {
  /** At most this many requests… */
  requests: number;
  /** …in any window of this many milliseconds. */
  intervalMs: number;
}

export class RateLimitWaitError extends ModuleError {}

/** Options of one wait for a slot. */
export interface SlotRequest {
  vendor: string;
  signal?: AbortSignal;
  /** When the query times out (ms since the epoch). */
  deadline?: number;
}

/** Where vendor requests wait for a slot: this process's limiter, or the one shared through Redis. */
export interface SlotLimiter {
  acquire(key: string, limit: RateLimit, options: SlotRequest): Promise<void>;
}

/** A margin for timer lateness and the trip to the vendor, which counts arrivals, not our timers. */
export function slotMargin(limit: RateLimit): number {
  return Math.min(1000, Math.max(50, limit.intervalMs * 0.05));
}

/** A wait that ends this close to the deadline leaves no time for the request itself: it counts as after it. */
export function deadlineGuard(limit: RateLimit): number {
  return Math.min(slotMargin(limit), 250);
}

/** The error of a slot that comes after the query's timeout. */
export function slotAfterDeadline(vendor: string, limit: RateLimit, waitMs: number): RateLimitWaitError {
  const wait = Math.ceil(waitMs / 1000);
  return new RateLimitWaitError(`${vendor} allows ${describeRateLimit(limit)} for this key; the next one is free in ${wait} s, after this query's timeout. Try again later.`);
}

/** "4 requests a minute", "1 request every 2 s". */
export function describeRateLimit(limit: RateLimit): string {
  const count = `${limit.requests} request${limit.requests === 1 ? '' : 's'}`;
  if (limit.intervalMs === 60_000) return `${count} a minute`;
  if (limit.intervalMs === 1000) return `${count} a second`;
  if (limit.intervalMs === 3_600_000) return `${count} an hour`;
  if (limit.intervalMs === 86_400_000) return `${count} a day`;
  return `${count} every ${Number((limit.intervalMs / 1000).toFixed(3))} s`;
}

/** `4/60s`, `1000/1d`, `10/1m`, `5/500ms` → a RateLimit; undefined when unreadable. */
export function parseRateLimit(text: string): RateLimit | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!match) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[3] as 'ms' | 's' | 'm' | 'h' | 'd'];
  const requests = Number(match[1]);
  const intervalMs = Number(match[2] ?? '1') * unit;
  if (!Number.isSafeInteger(requests) || requests < 1 || !(intervalMs > 0)) return undefined;
  return { requests, intervalMs };
}

/** The key of one credential at one vendor; the credential itself is never kept. */
export function rateLimitKey(vendor: string, credential: string): string {
  return `${vendor}\u0000${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
}

export class RateLimiter implements SlotLimiter {
  /** key → times (ms) of the requests granted or reserved in the current window, ascending. */
  readonly #slots = new Map<string, number[]>();
  /** key → the longest window it was used with (to forget keys whose windows have passed). */
  readonly #windows = new Map<string, number>();
  #sincePrune = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Resolves when the request may be sent. Rejects with a RateLimitWaitError
   * when the slot comes after `deadline` (ms since the epoch), or with the
   * signal's reason when the query is aborted while waiting.
   */
  async acquire(key: string, limit: RateLimit, options: SlotRequest): Promise<void> {
    if (++this.#sincePrune >= 1000) this.prune();
    this.#windows.set(key, Math.max(this.#windows.get(key) ?? 0, limit.intervalMs));
    const now = this.now();
    const slots = (this.#slots.get(key) ?? []).filter((time) => time > now - limit.intervalMs);
    const at = slots.length < limit.requests ? now : slots[slots.length - limit.requests]! + limit.intervalMs + slotMargin(limit);
    if (options.deadline !== undefined && at > now && at > options.deadline - deadlineGuard(limit)) {
      this.#slots.set(key, slots);
      throw slotAfterDeadline(options.vendor, limit, at - now);
    }
    slots.push(at);
    this.#slots.set(key, slots);
    if (at <= now) return;
    options.signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve();
      }, at - now);
      const onAbort = (): void => {
        clearTimeout(timer);
        this.#release(key, at);
        reject(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #release(key: string, at: number): void {
    const slots = this.#slots.get(key);
    const index = slots?.lastIndexOf(at) ?? -1;
    if (slots && index >= 0) slots.splice(index, 1);
  }

  /** Forgets keys whose windows have passed (every 1,000 requests; the maps stay small). */
  prune(): void {
    this.#sincePrune = 0;
    const now = this.now();
    for (const [key, slots] of this.#slots) {
      const window = this.#windows.get(key) ?? 0;
      if (slots.every((time) => time <= now - window)) {
        this.#slots.delete(key);
        this.#windows.delete(key);
      }
    }
  }

  /** Keys with a window in force (for tests and /metrics). */
  get size(): number {
    return this.#slots.size;
  }
}

/**
 * The limiter of this process. Module code never sees it: `ctx.vendor`
 * applies a vendor's declared `rateLimit` through it.
 */
export const processRateLimiter = new RateLimiter();

/** Limits the admin set per vendor name (`--vendor-limit NAME=4/60s`), replacing the declared ones. */
const overrides = new Map<string, RateLimit | null>();

/** `["VirusTotal=1000/1m", "Slack=none"]` → entries for setVendorLimitOverrides; throws on a malformed one. */
export function parseVendorLimits(entries: readonly string[]): Array<[string, RateLimit | null]> {
  return entries.map((entry) => {
    const equals = entry.lastIndexOf('=');
    const name = entry.slice(0, equals).trim();
    const value = entry.slice(equals + 1).trim();
    if (equals <= 0 || name === '') throw new Error(`"${entry}" is not NAME=N/PERIOD (e.g. VirusTotal=4/60s) or NAME=none.`);
    if (value.toLowerCase() === 'none') return [name, null];
    const limit = parseRateLimit(value);
    if (!limit) throw new Error(`"${value}" in "${entry}" is not N/PERIOD (e.g. 4/60s, 1000/1d, 10/m).`);
    return [name, limit];
  });
}

export function setVendorLimitOverrides(entries: Iterable<[string, RateLimit | null]>): void {
  overrides.clear();
  for (const [name, limit] of entries) overrides.set(name.toLowerCase(), limit);
}

/** The limit in force for a vendor: the admin's override (null: none), else the declared one. */
export function vendorLimit(vendor: string, declared: RateLimit | undefined): RateLimit | undefined {
  const override = overrides.get(vendor.toLowerCase());
  return override === undefined ? declared : (override ?? undefined);
}
