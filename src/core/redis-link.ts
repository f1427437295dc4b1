/**
 * The server's connection to Redis (`--redis URL`), which holds what
 * several instances share: cached results, locks of lookups in flight and
 * vendor rate-limit windows.
 *
 * Redis is a help, never a dependency: no query fails or waits long because
 * of it. Commands run only while the link is up; each has a bounded time
 * (`--redis-timeout`), and a command that fails or takes longer marks the link
 * down, so later queries skip Redis at once (callers then use this process's
 * cache and limits) instead of each waiting for the timeout. While down, the
 * connection is re-established in the background (ioredis reconnects a
 * closed one; a live but silent one is probed with PING every second) and
 * the link is up again at the first answer. Each outage is logged once, and
 * its end once.
 *
 * The URL may hold a password: it is never logged (describeRedisUrl), and
 * the server registers it with the log scrubber.
 */
import { createHash } from 'node:crypto';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/** How often a link that is down but still connected (a Redis that stopped answering) is probed. */
const PROBE_INTERVAL_MS = 1000;

/** The URL as it may be logged: no password, no query string. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(an unreadable Redis URL)';
  }
}

/** The password a Redis URL holds, if any (for the log scrubber). */
export function redisUrlPassword(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

/** True for a URL ioredis can use: redis:// or rediss:// (TLS). */
export function isRedisUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'redis:' || protocol === 'rediss:') && hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A Lua script run by its SHA (EVALSHA), loaded again when Redis does not
 * know it (a restarted Redis has forgotten every script).
 */
export class RedisScript {
  /** Every script, loaded by each link as soon as it connects. */
  static readonly all: RedisScript[] = [];
  readonly sha: string;

  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
    RedisScript.all.push(this);
  }

  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}

export interface RedisLinkOptions {
  url: string;
  logger: Logger;
  /** The longest a command may take before Redis counts as down, in ms. */
  commandTimeoutMs: number;
}

export interface RedisFigures {
  up: boolean;
  /** Commands that failed or timed out. */
  failures: number;
  /** Times the link went down. */
  outages: number;
}

export class RedisLink {
  #up = false;
  /** An outage was logged and its end has not been yet. */
  #outageLogged = false;
  #everUp = false;
  #probing: NodeJS.Timeout | undefined;
  #closed = false;
  #failures = 0;
  #outages = 0;
  readonly #refusals = new Set<string>();

  private constructor(
    private readonly redis: Redis,
    private readonly options: RedisLinkOptions,
  ) {
    // Scripts are loaded before the link counts as up: a first EVALSHA never needs a second trip.
    redis.on('ready', () => {
      Promise.all(RedisScript.all.map((script) => redis.script('LOAD', script.lua))).then(
        () => this.#markUp(),
        (error: Error) => this.#markDown(`loading scripts: ${error.message}`),
      );
    });
    // ioredis reconnects by itself; these only say the link is down meanwhile.
    redis.on('error', (error: Error) => this.#markDown(error.message));
    redis.on('close', () => this.#markDown('the connection closed'));
  }

  /** Starts connecting in the background; the link is usable once Redis answers. */
  static async open(options: RedisLinkOptions): Promise<RedisLink> {
    // Loaded only when --redis is set: a server without it never pays for the client.
    const { Redis } = await import('ioredis');
    const settings: RedisOptions = {
      // A command sent while disconnected fails at once instead of waiting in a queue.
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      // No commandTimeout: use() bounds each piece of work itself (see #bounded).
      connectTimeout: Math.max(options.commandTimeoutMs, 1000),
      // Reconnect quickly at first, then every 2 s, forever.
      retryStrategy: (times) => Math.min(times * 100, 2000),
      lazyConnect: false,
    };
    const link = new RedisLink(new Redis(options.url, settings), options);
    options.logger.info({ redis: describeRedisUrl(options.url) }, 'connecting to Redis for the shared cache, lookups in flight and rate limits');
    return link;
  }

  /** Redis answers now: shared operations are attempted. */
  get up(): boolean {
    return this.#up && !this.#closed;
  }

  get figures(): RedisFigures {
    return { up: this.up, failures: this.#failures, outages: this.#outages };
  }

  /**
   * Runs `work` when the link is up; undefined when it is down or the work
   * fails (then the link is marked down, except for an error Redis itself
   * answered, such as a script error, which is only logged).
   */
  async use<T>(work: (redis: Redis) => Promise<T>): Promise<T | undefined> {
    if (!this.up) return undefined;
    try {
      return await this.#bounded(work(this.redis));
    } catch (error) {
      this.#failures++;
      const message = (error as Error).message;
      if ((error as Error).name !== 'ReplyError') this.#markDown(message);
      else if (this.#refusals.size < 100 && !this.#refusals.has(message)) {
        // Logged once per message: an ACL that forbids a command would otherwise log on every query.
        this.#refusals.add(message);
        this.options.logger.warn({ err: error }, `Redis refused a command (this part runs without Redis): ${message}`);
      }
      return undefined;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#probing);
    if (this.#up) {
      // QUIT lets pending writes (a result being stored) finish; a silent Redis does not hold the stop.
      await Promise.race([this.redis.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 200).unref())]);
    }
    this.redis.disconnect();
  }

  /**
   * Rejects when `promise` has not settled within --redis-timeout. Timers
   * run before the event loop reads its sockets: on a busy server an answer
   * may already be waiting when the timer fires, so the verdict waits for
   * setImmediate, after those reads, and a busy event loop alone never
   * makes Redis look slow.
   */
  #bounded<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        setImmediate(() => {
          if (settled) return;
          settled = true;
          reject(new Error(`Redis did not answer within ${this.options.commandTimeoutMs} ms`));
        });
      }, this.options.commandTimeoutMs);
      promise.then(
        (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  #markUp(): void {
    if (this.#closed) return;
    clearTimeout(this.#probing);
    this.#probing = undefined;
    if (this.#up) return;
    this.#up = true;
    if (this.#outageLogged) this.options.logger.info('Redis answers again: results, lookups in flight and rate limits are shared again');
    else if (!this.#everUp) this.options.logger.info('Redis connected');
    this.#everUp = true;
    this.#outageLogged = false;
  }

  #markDown(reason: string): void {
    if (this.#closed) return;
    const wasUp = this.#up;
    this.#up = false;
    if (wasUp) this.#outages++;
    if (!this.#outageLogged) {
      this.#outageLogged = true;
      this.options.logger.warn(
        { redis: describeRedisUrl(this.options.url), reason },
        'Redis is unavailable: queries are served with this process\'s cache and rate limits until it answers again',
      );
    }
    // A connection that is still open but silent (a stalled Redis) gets no "ready" event: probe it.
    if (this.redis.status === 'ready') this.#probe();
  }

  #probe(): void {
    if (this.#probing || this.#closed) return;
    this.#probing = setTimeout(() => {
      this.#bounded(this.redis.ping())
        .then(() => {
          this.#probing = undefined;
          this.#markUp();
        })
        .catch(() => {
          this.#probing = undefined;
          if (this.redis.status === 'ready') this.#probe();
        });
    }, PROBE_INTERVAL_MS);
    this.#probing.unref();
  }
}
