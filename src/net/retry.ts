/**
 * When to retry a 429/503 answer, and how long to wait first.
 */

const RETRYABLE_STATUS = new Set([429, 503]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
/** Wait before retry n (0-based) when the answer has no Retry-After. */
const BACKOFF_BASE_MS = 500;

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. Undefined when absent or malformed. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its weekday and month; Date.parse alone also accepts "-1" or "2025".
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface RetryInput {
  method: string;
  status: number;
  retryAfter: string | undefined;
  /** Retries already made. */
  attempt: number;
  maxRetries: number;
  maxDelayMs: number;
  /** Time left before the request's deadline. */
  remainingMs: number;
  now: number;
}

/**
 * The wait before the next attempt, or undefined when the answer stands.
 * A Retry-After longer than the cap or than the time left is not waited for:
 * the caller gets the 429/503 straight away instead of a timeout later.
 */
export function retryDelay(input: RetryInput): number | undefined {
  if (!RETRYABLE_STATUS.has(input.status) || !IDEMPOTENT.has(input.method)) return undefined;
  if (input.attempt >= input.maxRetries) return undefined;
  const asked = parseRetryAfter(input.retryAfter, input.now);
  const delay = asked ?? Math.min(BACKOFF_BASE_MS * 2 ** input.attempt, input.maxDelayMs);
  if (delay > input.maxDelayMs || delay >= input.remainingMs) return undefined;
  return delay;
}
