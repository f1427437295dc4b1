/**
 * The contract between modules and the network layer. Modules only see these
 * interfaces through their context (`ctx.http`, `ctx.dns`, `ctx.net`); the implementation
 * lives beside this file.
 */
import type { PeerCertificate } from 'node:tls';

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
  /**
   * Verify the server's TLS certificate (default true). Only a module with
   * upstream's explicit "verify" setting turned off by the admin passes
   * false, for an admin-configured server; never with `userUrl`.
   */
  verifyTls?: boolean;
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

/** A raw TCP (or TLS) connection for the protocols HTTP does not cover (SSH banners, TLS certificates, whois). */
export interface ConnectOptions {
  /** A host name or an IP address (IPv6 with or without brackets). */
  host: string;
  port: number;
  /** Speak TLS, verifying the peer against Node's roots plus the server's CA file (`--ca-file`). */
  tls?: boolean;
  /** TLS: the SNI name and the name the certificate must carry. Default: `host` when it is a name. */
  servername?: string;
  /**
   * The address comes from the user (an attribute value): apply the URL guard's
   * address checks to every address the name resolves to, and connect only to
   * a checked address. Admin-configured servers leave it unset.
   */
  userAddress?: boolean;
  /** Name used in error messages. Default `host:port`. */
  service?: string;
  /** Resolving, connecting and the TLS handshake. Default: the server's connect timeout (10 s). */
  connectTimeoutMs?: number;
  /** Longest wait for each read. Default: the server's request timeout (30 s). */
  readTimeoutMs?: number;
  /** Bytes the connection may receive in all; more is an error. Default 1 MiB. */
  maxBytes?: number;
}

/** Why a connection failed, for modules that word failures their own way. */
export type ConnectErrorCode =
  | 'REFUSED'
  | 'UNRESOLVED'
  | 'UNREACHABLE'
  | 'CONNECT_TIMEOUT'
  | 'READ_TIMEOUT'
  | 'TLS_VERIFY'
  | 'TLS'
  | 'RESET'
  | 'TOO_LARGE'
  | 'OTHER';

export interface TlsPeer {
  /** Negotiated protocol, e.g. `TLSv1.3`. */
  protocol: string | undefined;
  /** The verified peer certificate, as node:tls gives it. */
  certificate: PeerCertificate;
}

export interface Connection {
  /** The address actually connected to. */
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Set on TLS connections. */
  readonly tls: TlsPeer | undefined;
  /** The bytes available, at most `limit`, waiting for at least one; undefined at the end of the stream. */
  read(limit?: number): Promise<Buffer | undefined>;
  /** Exactly `length` bytes; undefined when the stream ends first. */
  readExactly(length: number): Promise<Buffer | undefined>;
  /** Up to and including the first `\n`; undefined when the stream ends or `maxLength` bytes pass without one. */
  readLine(maxLength: number): Promise<Buffer | undefined>;
  /** Everything until the peer closes (bounded by `maxBytes`). */
  readToEnd(): Promise<Buffer>;
  write(data: string | Uint8Array): Promise<void>;
  close(): void;
}

export interface NetClient {
  /** Failures are ConnectErrors (ModuleErrors with a code); a refused user address is a UrlGuardError; a query abort an AbortedError. */
  connect(options: ConnectOptions): Promise<Connection>;
}
