/**
 * The vendor-API client modules get from `ctx.vendor(spec)`: most modules
 * call one JSON API with a key, and say so here once instead of each
 * re-implementing it. Built on `ctx.http`, so timeouts, aborts, proxies,
 * `--upstream` redirection and secret scrubbing all apply.
 *
 *   const vt = ctx.vendor({
 *     name: 'VirusTotal',
 *     baseUrl: 'https://www.virustotal.com/api/v3',
 *     auth: { in: 'header', header: 'x-apikey', setting: 'apikey' },
 *     missingKey: () => MESSAGES.error('noKey'),
 *   });
 *   const file = await vt.find<VtFile>(`/files/${hash}`);   // undefined on 404
 *
 * Outcomes, the same for every vendor:
 * - the key setting is empty: the module's declared `missingKey` error;
 * - 401/403: "<Vendor> refused the key (setting <name>): <vendor's message>.";
 * - 404: `find` gives undefined, `get`/`post` throw a VendorNotFoundError the
 *   module may catch and turn into its own outcome;
 * - 429: a VendorRateLimitError that says so (and when to retry, if the vendor said);
 * - any other non-2xx: "<Vendor> answered HTTP <status>: <vendor's message>.";
 * - a 2xx that is not JSON: "<Vendor> answered with invalid JSON (HTTP 200)."
 */
import { ModuleError } from '../base/errors.js';
import { HttpStatusError, statusLine, vendorErrorDetail } from '../net/index.js';
import type { HttpClient, HttpRequestOptions, HttpResponse } from '../net/types.js';
import { processRateLimiter, rateLimitKey, vendorLimit, type RateLimit, type SlotLimiter } from './rate-limiter.js';
/** The module's settings as the runner normalised them (ModuleConfig). */
type Settings = Readonly<Record<string, string | undefined>>;

/** Where the credential goes. Setting names are the module's `config` names. */
export type VendorAuth =
  /** A header holding the key as is (`x-apikey: KEY`), or after a prefix (`Authorization: Token KEY`). */
  | { in: 'header'; header: string; setting: string; prefix?: string }
  /** `Authorization: Bearer KEY` (`scheme` for vendors that spell it otherwise). */
  | { in: 'bearer'; setting: string; scheme?: string }
  /** HTTP Basic with two settings. */
  | { in: 'basic'; username: string; password: string }
  /** A query parameter (`?key=KEY`). */
  | { in: 'query'; param: string; setting: string };

export interface VendorSpec {
  /** The service as the analyst knows it; every message names it. */
  name: string;
  /** Real base URL of the API, without a trailing slash (`--upstream` redirects it). */
  baseUrl: string;
  auth?: VendorAuth;
  /**
   * Where the credential settings are read: the module's config by default;
   * action modules pass their workflow `params`.
   */
  settings?: Readonly<Record<string, string | undefined>>;
  /** The module's declared error for an empty credential setting. Required with `auth`. */
  missingKey?: () => Error;
  /** Sent with every request (a User-Agent, an Accept). */
  headers?: Record<string, string>;
  /** Defaults for every request (timeoutMs, maxBytes, retries, the module's own proxy). */
  defaults?: Pick<HttpRequestOptions, 'timeoutMs' | 'maxBytes' | 'retries' | 'proxy'>;
  /**
   * The vendor's documented limit per key (VirusTotal public: 4 a minute).
   * Requests wait for a free slot within the query's time, in arrival order;
   * the admin can change it with `--vendor-limit NAME=N/PERIOD`.
   */
  rateLimit?: RateLimit;
}

/** Where the vendor client waits for a rate-limit slot (the query's signal and deadline). */
export interface VendorThrottle {
  signal: AbortSignal;
  /** When the query times out (ms since the epoch), if known. */
  deadline?: number;
  limiter?: SlotLimiter;
}

export interface VendorCallOptions extends Omit<HttpRequestOptions, 'service' | 'userUrl' | 'basicAuth'> {
  /** Read the 2xx body as text, or as JSON lines (NDJSON), instead of one JSON document. */
  as?: 'json' | 'text' | 'ndjson';
}

/** Paging over a list endpoint; stops at `limit` items, an empty page, or the end. */
export interface Paging<Page, Item> {
  /** The items of one page. */
  items(page: Page): Item[];
  /** At most this many items in all (the module's limit setting). */
  limit: number;
  /** Hard stop on pages, whatever the vendor says (default 50). */
  maxPages?: number;
  /** Cursor paging: the next cursor from a page (undefined at the end), sent as `cursorParam`. */
  cursor?: { next(page: Page): string | undefined; param: string };
  /** Offset paging: `param` counts items (or pages with `pages: true`); `size` items a page, sent as `sizeParam`. */
  offset?: { param: string; size: number; sizeParam?: string; pages?: boolean; start?: number };
}

/** Retries after a 429 from a vendor with a declared rate limit, each after a fresh slot. */
const RATE_LIMIT_RETRIES = 3;

/** The vendor has nothing at that path (HTTP 404). */
export class VendorNotFoundError extends HttpStatusError {}

/** The vendor's quota or rate limit is exhausted (HTTP 429). */
export class VendorRateLimitError extends ModuleError {
  constructor(
    readonly vendor: string,
    readonly retryAfterSeconds: number | undefined,
    detail: string | undefined,
  ) {
    const retry = retryAfterSeconds === undefined ? 'try again later' : `retry after ${retryAfterSeconds} s`;
    super(`${vendor} rate limit reached (HTTP 429 Too Many Requests${detail ? `: ${detail}` : ''}); ${retry}.`);
  }
}

/** `Retry-After` as seconds (delta or HTTP date); undefined when absent or unreadable. */
function retryAfter(header: string | undefined): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export class VendorApi {
  private readonly config: Settings;

  constructor(
    private readonly http: HttpClient,
    config: Settings,
    readonly spec: VendorSpec,
    private readonly throttle?: VendorThrottle,
  ) {
    this.config = spec.settings ?? config;
  }

  /** The credential that identifies the quota (empty for keyless vendors). */
  private credential(): string {
    const auth = this.spec.auth;
    if (!auth) return '';
    if (auth.in === 'basic') return `${this.config[auth.username] ?? ''}:${this.config[auth.password] ?? ''}`;
    return this.config[auth.setting] ?? '';
  }

  /** Waits for a slot when the vendor has a rate limit. */
  private async waitForSlot(): Promise<void> {
    const limit = vendorLimit(this.spec.name, this.spec.rateLimit);
    if (!limit) return;
    const limiter = this.throttle?.limiter ?? processRateLimiter;
    await limiter.acquire(rateLimitKey(this.spec.name, this.credential()), limit, {
      vendor: this.spec.name,
      ...(this.throttle?.signal ? { signal: this.throttle.signal } : {}),
      ...(this.throttle?.deadline !== undefined ? { deadline: this.throttle.deadline } : {}),
    });
  }

  /** The credential setting(s) the spec names, as text for messages. */
  get keySetting(): string {
    const auth = this.spec.auth;
    if (!auth) return '';
    return auth.in === 'basic' ? `${auth.username}/${auth.password}` : auth.setting;
  }

  /** Throws the module's missing-key error when a credential setting is empty. Called by every request. */
  requireKey(): void {
    const auth = this.spec.auth;
    if (!auth) return;
    const names = auth.in === 'basic' ? [auth.username, auth.password] : [auth.setting];
    if (names.every((name) => (this.config[name] ?? '') !== '')) return;
    if (this.spec.missingKey) throw this.spec.missingKey();
    throw new ModuleError(`${this.spec.name} needs the setting ${names.join(' and ')}.`);
  }

  private requestOptions(options: VendorCallOptions): HttpRequestOptions {
    const { as: _as, ...rest } = options;
    const headers: Record<string, string> = { ...this.spec.headers, ...rest.headers };
    const query = { ...rest.query };
    const http: HttpRequestOptions = { ...this.spec.defaults, ...rest, headers, query, service: this.spec.name };
    const auth = this.spec.auth;
    const value = (name: string) => this.config[name] ?? '';
    if (auth?.in === 'header') headers[auth.header] = `${auth.prefix ?? ''}${value(auth.setting)}`;
    else if (auth?.in === 'bearer') headers['Authorization'] = `${auth.scheme ?? 'Bearer'} ${value(auth.setting)}`;
    else if (auth?.in === 'query') query[auth.param] = value(auth.setting);
    else if (auth?.in === 'basic') http.basicAuth = { username: value(auth.username), password: value(auth.password) };
    return http;
  }

  private url(path: string): string {
    if (/^https?:\/\//i.test(path)) {
      // A full URL (a `next` link): only on the vendor's own origin, so the key never goes elsewhere.
      if (new URL(path).origin !== new URL(this.spec.baseUrl).origin) {
        throw new ModuleError(`${this.spec.name} pointed to another site (${new URL(path).host}); not followed.`);
      }
      return path;
    }
    return this.spec.baseUrl + (path.startsWith('/') || path === '' ? path : `/${path}`);
  }

  /** Any status comes back: the module reads it. The credential is checked and sent. */
  async request(path: string, options: VendorCallOptions = {}): Promise<HttpResponse> {
    this.requireKey();
    const url = this.url(path);
    const limited = vendorLimit(this.spec.name, this.spec.rateLimit) !== undefined;
    for (let attempt = 0; ; attempt += 1) {
      await this.waitForSlot();
      const response = await this.http.request(url, this.requestOptions(options));
      // The vendor counts arrivals by its own clock: a 429 despite the spacing waits for the next slot.
      if (response.status !== 429 || !limited || attempt >= RATE_LIMIT_RETRIES) return response;
    }
  }

  /** The error a non-2xx answer means, following the rules in the header. */
  statusError(response: HttpResponse): ModuleError {
    const { name } = this.spec;
    const detail = vendorErrorDetail(response);
    const said = detail ? `: ${detail}` : '';
    if ((response.status === 401 || response.status === 403) && this.spec.auth) {
      const kind = this.spec.settings ? 'param' : 'setting';
      return new ModuleError(`${name} refused the key (${kind} ${this.keySetting}, HTTP ${statusLine(response.status)})${said}.`);
    }
    if (response.status === 404) return new VendorNotFoundError(name, 404, response);
    if (response.status === 429) return new VendorRateLimitError(name, retryAfter(response.headers['retry-after']), detail);
    return new HttpStatusError(name, response.status, response);
  }

  private decode<T>(response: HttpResponse, as: VendorCallOptions['as']): T {
    if (response.status === 204 || (as !== 'text' && response.body.length === 0 && response.status !== 200)) return undefined as T;
    if (as === 'text') return response.text() as T;
    if (as === 'ndjson') {
      return response
        .text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          try {
            return JSON.parse(line) as unknown;
          } catch (error) {
            throw new ModuleError(`${this.spec.name} answered with invalid JSON lines (HTTP ${response.status}).`, { cause: error });
          }
        }) as T;
    }
    return response.json<T>();
  }

  /** A 2xx answer, decoded; anything else throws (see the header). */
  async call<T>(path: string, options: VendorCallOptions = {}): Promise<T> {
    const response = await this.request(path, options);
    if (response.status < 200 || response.status > 299) throw this.statusError(response);
    return this.decode<T>(response, options.as);
  }

  get<T = unknown>(path: string, options: VendorCallOptions = {}): Promise<T> {
    return this.call<T>(path, { ...options, method: options.method ?? 'GET' });
  }

  post<T = unknown>(path: string, options: VendorCallOptions = {}): Promise<T> {
    return this.call<T>(path, { ...options, method: 'POST' });
  }

  /** Like `get` (or `options.method`), but a 404 gives undefined: the module decides what "not found" means. */
  async find<T = unknown>(path: string, options: VendorCallOptions = {}): Promise<T | undefined> {
    try {
      return await this.call<T>(path, options);
    } catch (error) {
      if (error instanceof VendorNotFoundError) return undefined;
      throw error;
    }
  }

  /** Every item of a paged list, up to `paging.limit`. */
  async collect<Page, Item>(path: string, paging: Paging<Page, Item>, options: VendorCallOptions = {}): Promise<Item[]> {
    const items: Item[] = [];
    const maxPages = paging.maxPages ?? 50;
    let cursor: string | undefined;
    let offset = paging.offset?.start ?? 0;
    for (let page = 0; page < maxPages && items.length < paging.limit; page += 1) {
      const query: Record<string, string | number | boolean | undefined> = { ...options.query };
      if (paging.cursor && cursor !== undefined) query[paging.cursor.param] = cursor;
      if (paging.offset) {
        query[paging.offset.param] = offset;
        if (paging.offset.sizeParam) query[paging.offset.sizeParam] = paging.offset.size;
      }
      const body = await this.call<Page>(path, { ...options, query });
      const found = paging.items(body);
      items.push(...found.slice(0, paging.limit - items.length));
      if (found.length === 0) break;
      if (paging.cursor) {
        cursor = paging.cursor.next(body);
        if (cursor === undefined || cursor === '') break;
      } else if (paging.offset) {
        if (found.length < paging.offset.size) break;
        offset += paging.offset.pages ? 1 : found.length;
      } else break;
    }
    return items;
  }
}
