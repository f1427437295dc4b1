/**
 * Network settings as the server configures them, and the parsers for the
 * list-valued options (`--upstream HOST=URL`, `--allow-url-range CIDR`).
 */
import type { LookupFunction } from 'node:net';
import { parseDnsServers } from './dns-client.js';
import { parseCidr, type Cidr } from './ip.js';

export interface ProxySettings {
  /** Proxy for http:// URLs. */
  http?: string;
  /** Proxy for https:// URLs (falls back to `http` when unset, as undici does). */
  https?: string;
  /** Comma or space separated hosts (`example.org`, `.example.org`, `*.example.org`, `host:port`, `*`). */
  noProxy?: string;
}

export interface NetworkSettings {
  /** Sent as `User-Agent` unless a request sets its own, e.g. `misp-modules-ts/0.1.0`. */
  userAgent: string;
  /** HOST (or HOST:PORT) -> base URL: requests to http(s)://HOST/... go to URL/... instead. */
  upstreams?: Record<string, string>;
  /** CIDRs exempted from the URL guard. */
  allowUrlRanges?: string[];
  /** Extra CA bundle (PEM) trusted in addition to Node's bundled roots. */
  caFile?: string;
  /** Default: HTTP_PROXY / HTTPS_PROXY / NO_PROXY (or lower case) from the environment. */
  proxy?: ProxySettings;
  /** Default per-request timeout (whole request: connect, answer, retries). Default 30000. */
  requestTimeoutMs?: number;
  /** Default response size cap. Default 50 MiB. */
  maxResponseBytes?: number;
  /** Default retries on 429/503 for idempotent requests. Default 2. */
  maxRetries?: number;
  /** Longest wait between retries; a longer Retry-After is not waited for. Default 10000. */
  maxRetryDelayMs?: number;
  /**
   * Concurrent requests per upstream origin: over HTTP/1.1 one connection
   * each; over HTTP/2 streams of up to `ceil(perHostConcurrency /
   * http2StreamsPerConnection)` connections. Default 1024.
   */
  perHostConcurrency?: number;
  /** Offer HTTP/2 by ALPN to https upstreams (HTTP/1.1 when the server does not pick it). Default true. */
  http2?: boolean;
  /** Requests one HTTP/2 connection carries at once before another is opened. Default 100. */
  http2StreamsPerConnection?: number;
  /** An HTTP/2 connection with nothing in flight this long is closed. Default 30000. */
  http2IdleTimeoutMs?: number;
  /** Connect timeout per connection attempt. Default 10000. */
  connectTimeoutMs?: number;
  /** Host name resolution for URL-guarded requests (tests use it to fake DNS answers). Default: dns.lookup. */
  lookup?: LookupFunction;
  /** Resolvers `ctx.dns` asks when a call names none (`ip`, `ip:port`, `[v6]:port`). Default: the system's. */
  dnsServers?: string[];
}

export interface ResolvedSettings {
  userAgent: string;
  upstreams: ReadonlyMap<string, URL>;
  allowUrlRanges: readonly Cidr[];
  ca?: string[];
  proxy: ProxySettings;
  requestTimeoutMs: number;
  maxResponseBytes: number;
  maxRetries: number;
  maxRetryDelayMs: number;
  perHostConcurrency: number;
  http2: boolean;
  http2StreamsPerConnection: number;
  http2IdleTimeoutMs: number;
  connectTimeoutMs: number;
  lookup?: LookupFunction;
  /** Parsed `dnsServers`, in the form Resolver#setServers takes; empty: the system's. */
  dnsServers: readonly string[];
}

export const DEFAULTS = {
  requestTimeoutMs: 30_000,
  maxResponseBytes: 50 * 1024 * 1024,
  maxRetries: 2,
  maxRetryDelayMs: 10_000,
  // Per origin: a slow upstream fills its own pool, never another's. High
  // enough that MISP's bursts (an event of a thousand attributes) do not queue.
  perHostConcurrency: 1024,
  http2: true,
  // RFC 9113 asks servers to allow at least 100 concurrent streams; nginx,
  // Apache httpd, Cloudflare, Google and AWS allow 100 to 256. undici assumes
  // 100 until the server's SETTINGS arrive.
  http2StreamsPerConnection: 100,
  // Long enough to carry one burst into the next; HTTP/1.1 connections close after 4 s (undici).
  http2IdleTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
} as const;

/**
 * Parses `HOST=URL` entries (the CLI's repeatable `--upstream`, or the items
 * of `MISP_MODULES_UPSTREAMS` split on commas). Later entries win.
 */
export function parseUpstreamOverrides(list: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const raw of list.flatMap((item) => item.split(','))) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1) {
      throw new Error(`Invalid upstream override "${entry}": expected HOST=URL, e.g. cve.circl.lu=http://127.0.0.1:4567.`);
    }
    const host = entry.slice(0, eq).trim().toLowerCase();
    const target = entry.slice(eq + 1).trim();
    if (!/^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/.test(host)) {
      throw new Error(`Invalid upstream override "${entry}": "${host}" is not a host name (no scheme or path, e.g. api.example.org).`);
    }
    checkOverrideUrl(entry, target);
    result[host] = target;
  }
  return result;
}

function checkOverrideUrl(entry: string, target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`Invalid upstream override "${entry}": "${target}" is not a URL (e.g. http://127.0.0.1:4567).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Invalid upstream override "${entry}": only http and https URLs are supported.`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`Invalid upstream override "${entry}": the URL may have a path but no query, fragment or credentials.`);
  }
  return url;
}

/** Parses CIDRs (or bare addresses) from entries that may themselves be comma separated. */
export function parseCidrList(list: readonly string[]): Cidr[] {
  const result: Cidr[] = [];
  for (const raw of list.flatMap((item) => item.split(','))) {
    const entry = raw.trim();
    if (entry === '') continue;
    const cidr = parseCidr(entry);
    if (!cidr) {
      throw new Error(`Invalid address range "${entry}": expected a CIDR such as 10.0.0.0/8 or fd00::/8.`);
    }
    result.push(cidr);
  }
  return result;
}

export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (name: string): string | undefined => {
    const value = env[name.toLowerCase()] ?? env[name];
    return value && value.trim() !== '' ? value.trim() : undefined;
  };
  const settings: ProxySettings = {};
  const http = pick('HTTP_PROXY');
  const https = pick('HTTPS_PROXY');
  const noProxy = pick('NO_PROXY');
  if (http) settings.http = http;
  if (https) settings.https = https;
  if (noProxy) settings.noProxy = noProxy;
  return settings;
}

export function resolveSettings(settings: NetworkSettings, env: NodeJS.ProcessEnv, readCa: (path: string) => string): ResolvedSettings {
  const upstreams = new Map<string, URL>();
  for (const [host, target] of Object.entries(settings.upstreams ?? {})) {
    upstreams.set(host.toLowerCase(), checkOverrideUrl(`${host}=${target}`, target));
  }
  const resolved: ResolvedSettings = {
    userAgent: settings.userAgent,
    upstreams,
    allowUrlRanges: parseCidrList(settings.allowUrlRanges ?? []),
    proxy: settings.proxy ?? proxyFromEnv(env),
    requestTimeoutMs: positive('requestTimeoutMs', settings.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs),
    maxResponseBytes: positive('maxResponseBytes', settings.maxResponseBytes ?? DEFAULTS.maxResponseBytes),
    maxRetries: nonNegative('maxRetries', settings.maxRetries ?? DEFAULTS.maxRetries),
    maxRetryDelayMs: nonNegative('maxRetryDelayMs', settings.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs),
    perHostConcurrency: positive('perHostConcurrency', settings.perHostConcurrency ?? DEFAULTS.perHostConcurrency),
    http2: settings.http2 ?? DEFAULTS.http2,
    http2StreamsPerConnection: positiveInteger('http2StreamsPerConnection', settings.http2StreamsPerConnection ?? DEFAULTS.http2StreamsPerConnection),
    http2IdleTimeoutMs: positive('http2IdleTimeoutMs', settings.http2IdleTimeoutMs ?? DEFAULTS.http2IdleTimeoutMs),
    connectTimeoutMs: positive('connectTimeoutMs', settings.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs),
    dnsServers: parseDnsServers(settings.dnsServers ?? []),
  };
  if (settings.caFile) {
    try {
      resolved.ca = [readCa(settings.caFile)];
    } catch (error) {
      throw new Error(`Could not read the CA bundle ${settings.caFile}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (settings.lookup) resolved.lookup = settings.lookup;
  return resolved;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`Network setting ${name} must be a positive number, got ${value}.`);
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`Network setting ${name} must be a whole number above zero, got ${value}.`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new Error(`Network setting ${name} must be zero or more, got ${value}.`);
  return value;
}
