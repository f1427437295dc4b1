/**
 * The result cache (`--cache-ttl`, `--cache-size`, `--redis`): successful
 * answers of expansion and hover lookups, kept for a TTL and served again
 * without asking the vendor; and, with Redis, identical lookups in flight on
 * several instances made once.
 *
 * Two levels, the same keys and TTLs:
 * - this process's LRU (lru-cache), bounded in bytes (`--cache-size` MiB;
 *   0 keeps nothing here);
 * - Redis, shared by every process and host (`misp-modules:<version>:result:<key>`,
 *   the answer's JSON as the value, expiring with the TTL).
 *
 * The key is a SHA-256 of the server version, the module name and the whole
 * query but its `timeout` (input, settings, attribute uuid…): a secret
 * setting is part of what is hashed, never stored or logged as such, and an
 * answer is never stored when it spells one of the query's secrets. Errors
 * are not cached: a timeout, a 429 or a refused key is asked again next time.
 *
 * Lookups in flight on several instances: before running a lookup that is not
 * cached, an instance takes a lock in Redis (SET NX with a 5 s expiry it
 * renews while the lookup runs). An instance that finds the lock taken waits
 * for the holder's answer (polling the result key, 20 ms growing to 200 ms),
 * and runs the lookup itself if the lock goes away without an answer (the
 * holder failed, was stopped, or died and its lock expired). With
 * `--cache-ttl 0` the answer is still handed to those waiters, through a key
 * that lives 10 s and that no other query reads.
 *
 * Redis is optional and may fail at any time (redis-link.ts): every
 * operation here then falls back to this process alone.
 */
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LRUCache } from 'lru-cache';
import { RedisScript, type RedisLink } from './redis-link.js';
import { secretSpellings } from './secret-spellings.js';

/** Larger answers are not cached (a sandbox report, a large list): about 1 MiB. */
export const MAX_ENTRY_CHARS = 1024 * 1024;
/** How long a lock lives unless its holder renews it (a dead holder's lock frees within this). */
export const LOCK_MS = 5000;
/** With `--cache-ttl 0`, how long an answer waits for instances that waited for it. */
export const HANDOFF_MS = 10_000;
/** What this server stores is a JSON object's text; anything else found under a result key is not served. */
const isAnswer = (value: unknown): value is string => typeof value === 'string' && value.startsWith('{') && value.endsWith('}');
const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 200;

const STORE = new RedisScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1`);
const RELEASE = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);
const RENEW = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`);

export interface ResultCacheOptions {
  /** How long an answer is served again, in ms; 0: never (Redis then only joins lookups in flight). */
  ttlMs: number;
  /** This process's LRU budget, in (approximate) bytes; 0: no local entries. */
  maxBytes: number;
  /** Part of every key: another version's answers are never served (a rolling upgrade). */
  namespace: string;
  redis?: RedisLink;
}

/** This instance holds the Redis lock of a lookup it runs; released (or consumed by store) once. */
export interface Lease {
  readonly key: string;
  readonly token: string;
}

/** Before a lookup runs: an answer from the cache or from another instance, or go ahead (holding the lock when there is one). */
export type BeforeRun = { body: string } | { lease: Lease | undefined };

export interface CacheFigures {
  hitsLocal: number;
  hitsShared: number;
  /** Lookups that waited for an identical one in flight on another instance and took its answer. */
  joined: number;
  misses: number;
  stores: number;
  entries: number;
  bytes: number;
}

export class ResultCache {
  readonly #lru: LRUCache<string, string> | undefined;
  readonly #prefix: string;
  readonly #renewals = new Map<string, NodeJS.Timeout>();
  #hitsLocal = 0;
  #hitsShared = 0;
  #joined = 0;
  #misses = 0;
  #stores = 0;

  private constructor(
    private readonly options: ResultCacheOptions,
    lru: LRUCache<string, string> | undefined,
  ) {
    this.#lru = lru;
    this.#prefix = `misp-modules:${options.namespace}:`;
  }

  static async create(options: ResultCacheOptions): Promise<ResultCache> {
    let lru: LRUCache<string, string> | undefined;
    if (options.ttlMs > 0 && options.maxBytes > 0) {
      // Loaded only when caching is on.
      const { LRUCache } = await import('lru-cache');
      lru = new LRUCache<string, string>({
        maxSize: options.maxBytes,
        maxEntrySize: Math.min(options.maxBytes, MAX_ENTRY_CHARS + 200),
        sizeCalculation: (body, key) => body.length + key.length + 64,
        ttl: options.ttlMs,
      });
    }
    return new ResultCache(options, lru);
  }

  get ttlMs(): number {
    return this.options.ttlMs;
  }

  /** The key of a query: `identity` is the module name and the query without `timeout`, as text. */
  keyOf(identity: string): string {
    return createHash('sha256').update(this.options.namespace).update('\n').update(identity).digest('base64url');
  }

  /** Redis keys (for tests and operators: `redis-cli --scan --pattern 'misp-modules:*'`). */
  resultKey(key: string): string {
    return `${this.#prefix}result:${key}`;
  }

  lockKey(key: string): string {
    return `${this.#prefix}lock:${key}`;
  }

  /** A hit in this process's LRU (synchronous: the fast path of a repeated hover). */
  local(key: string): string | undefined {
    const body = this.#lru?.get(key);
    if (body !== undefined) this.#hitsLocal++;
    return body;
  }

  /**
   * Before running a lookup that is not in the LRU: Redis's answer, another
   * instance's answer once its identical lookup ends, or go ahead (with the
   * lock when Redis is up). `waitSignal` (asked for only when waiting for
   * another instance) stops the wait.
   */
  async beforeRun(key: string, waitSignal: () => AbortSignal): Promise<BeforeRun> {
    const redis = this.options.redis;
    if (!redis?.up) return this.#miss(undefined);
    if (this.options.ttlMs > 0) {
      const found = await this.#readShared(key);
      if (found === 'down') return this.#miss(undefined);
      if (found) {
        this.#hitsShared++;
        return { body: found };
      }
    }
    for (;;) {
      const token = randomUUID();
      const taken = await redis.use((r) => r.set(this.lockKey(key), token, 'PX', LOCK_MS, 'NX'));
      if (taken === undefined) return this.#miss(undefined);
      if (taken === 'OK') return this.#miss(this.#hold(key, token));
      const waited = await this.#waitForHolder(key, waitSignal());
      if (waited === 'down') return this.#miss(undefined);
      if (waited !== 'gone') {
        this.#joined++;
        return { body: waited };
      }
      // The holder left without an answer: take the lock, or wait for whoever took it first.
    }
  }

  /** An answer worth keeping: not too large, and spelling none of the query's secrets. */
  accepts(body: string, secrets: readonly string[]): boolean {
    if (body.length > MAX_ENTRY_CHARS) return false;
    return !secrets.some((secret) => secretSpellings(secret).some((form) => body.includes(form)));
  }

  /** Keeps an answer (here and in Redis) and frees the lock, in that order, so waiters find it. */
  store(key: string, body: string, lease: Lease | undefined): void {
    const { ttlMs, redis } = this.options;
    this.#stopRenewing(lease);
    if (ttlMs > 0) {
      this.#lru?.set(key, body);
      this.#stores++;
    }
    // With --cache-ttl 0 the answer is only for instances that waited on our lock.
    if (!redis?.up || (ttlMs === 0 && !lease)) return;
    const expiry = ttlMs > 0 ? Math.max(1, Math.round(ttlMs)) : HANDOFF_MS;
    void redis.use((r) => STORE.run(r, [this.resultKey(key), this.lockKey(key)], [body, expiry, lease?.token ?? '']));
  }

  /** Frees the lock of a lookup that gave no answer to keep (an error, an abort): a waiter runs it then. */
  release(lease: Lease | undefined): void {
    if (!lease) return;
    this.#stopRenewing(lease);
    void this.options.redis?.use((r) => RELEASE.run(r, [this.lockKey(lease.key)], [lease.token]));
  }

  figures(): CacheFigures {
    return {
      hitsLocal: this.#hitsLocal,
      hitsShared: this.#hitsShared,
      joined: this.#joined,
      misses: this.#misses,
      stores: this.#stores,
      entries: this.#lru?.size ?? 0,
      bytes: this.#lru?.calculatedSize ?? 0,
    };
  }

  /** Stops renewing locks (their lookups are being aborted). */
  close(): void {
    for (const timer of this.#renewals.values()) clearInterval(timer);
    this.#renewals.clear();
  }

  #miss(lease: Lease | undefined): BeforeRun {
    if (this.options.ttlMs > 0) this.#misses++;
    return { lease };
  }

  /** The answer in Redis, if any (also kept in the LRU for what remains of its TTL). */
  async #readShared(key: string): Promise<string | undefined | 'down'> {
    const redis = this.options.redis!;
    const resultKey = this.resultKey(key);
    if (!this.#lru) {
      // Nothing to keep here (--cache-size 0): one GET.
      const found = await redis.use(async (r) => ({ body: await r.get(resultKey) }));
      if (found === undefined) return 'down';
      return isAnswer(found.body) ? found.body : undefined;
    }
    const replies = await redis.use((r) => r.pipeline().get(resultKey).pttl(resultKey).exec());
    if (!replies) return 'down';
    const [[getError, body], [, ttl]] = replies as [[Error | null, string | null], [Error | null, number]];
    if (getError || !isAnswer(body)) return undefined;
    if (typeof ttl === 'number' && ttl > 0) this.#lru.set(key, body, { ttl });
    return body;
  }

  /** Polls for the holder's answer until it comes, the lock goes, or Redis does. */
  async #waitForHolder(key: string, signal: AbortSignal): Promise<string | 'gone' | 'down'> {
    let delay = POLL_FIRST_MS;
    for (;;) {
      await sleep(delay, undefined, { signal });
      delay = Math.min(delay * 1.5, POLL_MAX_MS);
      const replies = await this.options.redis!.use((r) =>
        r.pipeline().get(this.resultKey(key)).pttl(this.resultKey(key)).exists(this.lockKey(key)).exec(),
      );
      if (!replies) return 'down';
      const [[, body], [, ttl], [, locked]] = replies as [[Error | null, string | null], [Error | null, number], [Error | null, number]];
      if (isAnswer(body)) {
        if (this.options.ttlMs > 0 && typeof ttl === 'number' && ttl > 0) this.#lru?.set(key, body, { ttl });
        return body;
      }
      if (locked !== 1) return 'gone';
    }
  }

  /** The lock is ours: renewed while the lookup runs, so only a dead holder's lock expires. */
  #hold(key: string, token: string): Lease {
    const lease: Lease = { key, token };
    const timer = setInterval(() => {
      void this.options.redis?.use((r) => RENEW.run(r, [this.lockKey(key)], [token, LOCK_MS]));
    }, LOCK_MS / 3);
    timer.unref();
    this.#renewals.set(token, timer);
    return lease;
  }

  #stopRenewing(lease: Lease | undefined): void {
    if (!lease) return;
    clearInterval(this.#renewals.get(lease.token));
    this.#renewals.delete(lease.token);
  }
}
