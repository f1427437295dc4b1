/**
 * What one server keeps across queries and, with `--redis`, shares with the
 * other instances: the result cache (result-cache.ts) and the vendor
 * rate-limit windows (rate-limiter.ts, shared-rate-limiter.ts), over one
 * Redis link (redis-link.ts). Built once by the server from its settings.
 */
import type { Logger } from 'pino';
import { RateLimiter, type SlotLimiter } from './rate-limiter.js';
import { RedisLink, type RedisFigures } from './redis-link.js';
import { ResultCache, type CacheFigures } from './result-cache.js';
import { SharedRateLimiter } from './shared-rate-limiter.js';

export interface SharedStateSettings {
  /** 0: answers are not kept (with Redis, identical lookups in flight are still made once). */
  cacheTtlSeconds: number;
  /** This process's LRU, in MiB (0: none: with Redis, every hit comes from Redis). */
  cacheSizeMb: number;
  redisUrl?: string;
  redisTimeoutMs: number;
  /** The server version: part of every cache key. */
  namespace: string;
  logger: Logger;
}

export interface SharedFigures {
  cache?: CacheFigures;
  redis?: RedisFigures;
}

export interface SharedState {
  /** Absent when nothing is cached and there is no Redis. */
  cache?: ResultCache;
  /** This server's rate-limit windows (through Redis when set). */
  limiter: SlotLimiter;
  redis?: RedisLink;
  figures(): SharedFigures;
  close(): Promise<void>;
}

export async function openSharedState(settings: SharedStateSettings): Promise<SharedState> {
  const redis = settings.redisUrl
    ? await RedisLink.open({ url: settings.redisUrl, logger: settings.logger, commandTimeoutMs: settings.redisTimeoutMs })
    : undefined;
  const ttlMs = Math.round(settings.cacheTtlSeconds * 1000);
  const cache =
    ttlMs > 0 || redis
      ? await ResultCache.create({ ttlMs, maxBytes: Math.floor(settings.cacheSizeMb * 1024 * 1024), namespace: settings.namespace, ...(redis ? { redis } : {}) })
      : undefined;
  const local = new RateLimiter();
  return {
    ...(cache ? { cache } : {}),
    ...(redis ? { redis } : {}),
    limiter: redis ? new SharedRateLimiter(redis, local) : local,
    figures: () => ({ ...(cache ? { cache: cache.figures() } : {}), ...(redis ? { redis: redis.figures } : {}) }),
    async close() {
      cache?.close();
      await redis?.close();
    },
  };
}
