import { RequestError } from '../base/errors.js';

/** setTimeout's ceiling (about 24.8 days); longer values would fire at once. */
const MAX_TIMER_SECONDS = 2_147_483;

/**
 * The query's `timeout` field, in seconds. Upstream accepts numbers and
 * numeric strings (the attachment scanner sends 30); 0 or less times out at
 * once. Anything else is a malformed request.
 */
export function parseTimeoutSeconds(value: unknown, defaultSeconds: number): number {
  if (value === undefined) return defaultSeconds;
  let seconds: number;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) seconds = Number(value);
  else throw new RequestError(`"timeout" must be a number of seconds, got ${JSON.stringify(value)?.slice(0, 40) ?? typeof value}.`);
  if (!Number.isFinite(seconds)) throw new RequestError('"timeout" must be a finite number of seconds.');
  return Math.min(Math.max(seconds, 0), MAX_TIMER_SECONDS);
}
