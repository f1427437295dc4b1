/**
 * Vendor rate limits held in Redis (`--redis`), so that every process and
 * host sharing a key spaces its requests together: VirusTotal public's 4
 * requests a minute stays 4 a minute with two instances, not 8.
 *
 * The same sliding window as this process's RateLimiter (rate-limiter.ts),
 * kept as a sorted set per key (`misp-modules:limit:<vendor>:<credential
 * hash>`, one member per request, scored by its slot) and updated by one Lua
 * script, so reserving a slot is atomic across instances. Redis's clock
 * (TIME) is the only clock: hosts whose clocks differ still agree. The script
 * answers how long to wait; the request waits here, within its query's
 * deadline, and fails at once with the same clear error when its slot comes
 * after it. An aborted wait gives its slot back.
 *
 * When Redis is unavailable, requests wait on this process's limiter instead
 * (each instance then spaces only its own requests until Redis is back).
 */
import { randomUUID } from 'node:crypto';
import { deadlineGuard, slotAfterDeadline, slotMargin, type RateLimit, type SlotLimiter, type SlotRequest } from './rate-limiter.js';
import { RedisScript, type RedisLink } from './redis-link.js';

/**
 * KEYS[1] the window; ARGV: requests, intervalMs, margin, ms left before the
 * deadline (-1: none), guard, member. Returns {wait ms, 1} for a reserved
 * slot, {wait ms, 0} for one after the deadline (nothing reserved).
 */
const RESERVE = new RedisScript(`
if redis.replicate_commands then redis.replicate_commands() end
local requests = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local margin = tonumber(ARGV[3])
local left = tonumber(ARGV[4])
local guard = tonumber(ARGV[5])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - interval)
local count = redis.call('ZCARD', KEYS[1])
local at = now
if count >= requests then
  local slot = redis.call('ZRANGE', KEYS[1], count - requests, count - requests, 'WITHSCORES')
  at = tonumber(slot[2]) + interval + margin
end
local wait = at - now
if left >= 0 and wait > 0 and wait > left - guard then return {wait, 0} end
redis.call('ZADD', KEYS[1], at, ARGV[6])
redis.call('PEXPIRE', KEYS[1], wait + interval + 1000)
return {wait, 1}`);

/** The Redis key of a limiter key (vendor + credential hash: no credential in it). */
export function sharedLimitKey(key: string): string {
  return `misp-modules:limit:${key.replace('\u0000', ':')}`;
}

export class SharedRateLimiter implements SlotLimiter {
  constructor(
    private readonly redis: RedisLink,
    /** Used while Redis is unavailable. */
    private readonly local: SlotLimiter,
  ) {}

  async acquire(key: string, limit: RateLimit, options: SlotRequest): Promise<void> {
    options.signal?.throwIfAborted();
    const member = randomUUID();
    const left = options.deadline === undefined ? -1 : Math.max(0, options.deadline - Date.now());
    const redisKey = sharedLimitKey(key);
    const reply = await this.redis.use((r) =>
      RESERVE.run(r, [redisKey], [limit.requests, Math.round(limit.intervalMs), Math.round(slotMargin(limit)), Math.round(left), Math.round(deadlineGuard(limit)), member]),
    );
    if (!Array.isArray(reply)) return this.local.acquire(key, limit, options);
    const [wait, reserved] = reply as [number, number];
    if (reserved !== 1) throw slotAfterDeadline(options.vendor, limit, wait);
    if (wait <= 0) return;
    try {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
        };
        const timer = setTimeout(() => {
          options.signal?.removeEventListener('abort', onAbort);
          resolve();
        }, wait);
        if (options.signal?.aborted) onAbort();
        else options.signal?.addEventListener('abort', onAbort, { once: true });
      });
    } catch (error) {
      // The slot goes back to whoever comes next, on any instance.
      void this.redis.use((r) => r.zrem(redisKey, member));
      throw error;
    }
  }
}
