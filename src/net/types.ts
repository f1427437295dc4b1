/**
 * The contract between modules and the network layer. Modules only see these
 * interfaces through their context (`ctx.http`, `ctx.dns`); the implementation
 * lives beside this file.
 */

export interface HttpRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  headers?: Record<string, string>;
  /** Appended to the URL's query string; undefined values are skipped. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Raw body. Mutually exclusive with `json` and `form`. */
  body?: string | Uint8Array;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Serialised as `application/x-www-form-urlencoded`. */
  form?: Record<string, string>;
  basicAuth?: { username: string; password: string };
  /** Name of the upstream service, used in error messages ("PassiveTotal answered HTTP 401"). Defaults to the host. */
  service?: string;
  /** Per-request timeout in milliseconds (the query's own deadline still applies). */
  timeoutMs?: number;
  /** Response size cap in bytes; a larger body is an error. */
  maxBytes?: number;
  /** Retries on 429/503 for idempotent methods (GET/HEAD/PUT/DELETE), honouring Retry-After. */
  retries?: number;
  /**
   * The URL comes from the user (an attribute value): apply the URL guard
   * (no loopback, private, link-local or metadata addresses, on every redirect).
   */
  userUrl?: boolean;
  /** Follow redirects (default true, at most 5). */
  followRedirects?: boolean;
  /**
   * A proxy for this request only (`http://user:pass@host:port`): a module's
   * own proxy settings, chosen by the admin (the VirusTotal family's
   * `proxy_host`/`proxy_port`…). It replaces the server's HTTP(S)_PROXY and
   * NO_PROXY for the request; loopback destinations still go direct.
   */
  proxy?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The final URL after redirects. */
  url: string;
  body: Buffer;
  text(): string;
  /** Parses the body as JSON; a ModuleError naming the service and status when it is not JSON. */
  json<T = unknown>(): T;
}

export interface HttpClient {
  /** Any status is returned; network failures, timeouts and size overflows throw a ModuleError. */
  request(url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
  /** GET (or `options.method`) expecting a 2xx JSON answer; anything else is a ModuleError naming the service and the HTTP status. */
  getJson<T = unknown>(url: string, options?: HttpRequestOptions): Promise<T>;
  /** POST `json` expecting a 2xx JSON answer. */
  postJson<T = unknown>(url: string, json: unknown, options?: HttpRequestOptions): Promise<T>;
}

export interface DnsQueryOptions {
  /**
   * Nameservers as `ip` or `ip:port` (`[v6]:port` for IPv6), e.g. a module's
   * own `nameserver` setting. Empty: the server's `--dns-server`, else the
   * system's resolvers.
   */
  nameservers?: string[];
  /**
   * Used only when neither `nameservers` nor the server's `--dns-server` is
   * set: an upstream module's built-in resolver (8.8.8.8) that the admin's
   * server-wide choice overrides.
   */
  defaultNameservers?: string[];
  /** Per try (default 2000); `timeoutMs × tries` bounds the whole lookup. */
  timeoutMs?: number;
  /** Default 2. */
  tries?: number;
}

export type DnsRecordType = 'A' | 'AAAA' | 'CNAME' | 'MX' | 'NS' | 'TXT' | 'PTR' | 'SOA' | 'SRV' | 'CAA';

export interface DnsClient {
  resolve4(name: string, options?: DnsQueryOptions): Promise<string[]>;
  resolve6(name: string, options?: DnsQueryOptions): Promise<string[]>;
  /** Generic lookup; records are returned as node:dns returns them for that type. */
  resolve(name: string, type: DnsRecordType, options?: DnsQueryOptions): Promise<unknown[]>;
  reverse(ip: string, options?: DnsQueryOptions): Promise<string[]>;
}
