/**
 * Server settings, from command-line flags and environment variables. Flags
 * win over the environment; both are documented in the README.
 */

export interface ServerSettings {
  listen: string;
  port: number;
  customDir?: string;
  /** How long one custom module file may take to import, in ms; past it the file is skipped. */
  customLoadTimeoutMs: number;
  /** The Python interpreter that runs `-c DIR/<family>/*.py` modules (a venv's python works). */
  python: string;
  /** Processes per Python module (each runs one query at a time). */
  pythonProcesses: number;
  debug: boolean;
  logLevel: string;
  /** Default query timeout in seconds when the request carries none. */
  defaultTimeoutSeconds: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Deepest accepted JSON nesting. */
  maxJsonDepth: number;
  /** How long a client may take to send a whole request (headers and body), in ms; 408 after it. */
  bodyTimeoutMs: number;
  /** How long a graceful shutdown waits for in-flight queries, in ms. */
  shutdownGraceMs: number;
  /** Validate module results against the MISP data model and log violations. */
  strictResults: boolean;
  upstreams: string[];
  allowUrlRanges: string[];
  caFile?: string;
  /** Resolvers every module's DNS lookups use (`ip`, `ip:port`, `[v6]:port`); empty: the system's. */
  dnsServers: string[];
  /** `NAME=N/PERIOD` or `NAME=none`: replaces the rate limit a vendor declares (`VirusTotal public=4/60s`). */
  vendorLimits: string[];
  /** Concurrent requests per upstream origin: HTTP/1.1 connections, or HTTP/2 streams. */
  upstreamConnections: number;
  /** Offer HTTP/2 to https upstreams by ALPN (HTTP/1.1 when they do not pick it). */
  upstreamHttp2: boolean;
  /** Bearer token required on every route but /healthcheck, when set. */
  authToken?: string;
  /** Bodies larger than this (bytes) are parsed and run on the worker pool; 0 turns it off. */
  offloadBytes: number;
  /** Modules whose handler runs on a thread of its own: names, `custom`, `all` or `none`. */
  isolate: string[];
  /** How long an isolated query may take to stop after its abort before its thread is terminated, in ms. */
  isolateGraceMs: number;
  /** Heap the worker pool's threads may use together, in MiB; 0: a quarter of the host's memory, 1 to 4 GiB. */
  workerMemoryMb: number;
  /** Serve the web page at /ui (and redirect / to it). */
  ui: boolean;
  /** How long successful expansion and hover answers are served again, in seconds; 0: not cached. */
  cacheTtlSeconds: number;
  /** This process's share of the result cache, in MiB; 0: none (with Redis, hits come from Redis). */
  cacheSizeMb: number;
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS): cache, lookups in flight and rate limits shared by every instance. */
  redisUrl?: string;
  /** The longest a Redis command may take before Redis counts as unavailable, in ms. */
  redisTimeoutMs: number;
  /** Server processes sharing the port (node:cluster); 1: one process, no primary. */
  workers: number;
}

export const ENV = {
  listen: 'MISP_MODULES_LISTEN',
  port: 'MISP_MODULES_PORT',
  customDir: 'MISP_MODULES_CUSTOM',
  customLoadTimeoutMs: 'MISP_MODULES_CUSTOM_LOAD_TIMEOUT_MS',
  python: 'MISP_MODULES_PYTHON',
  pythonProcesses: 'MISP_MODULES_PYTHON_PROCESSES',
  debug: 'MISP_MODULES_DEBUG',
  logLevel: 'MISP_MODULES_LOG_LEVEL',
  defaultTimeoutSeconds: 'MISP_MODULES_TIMEOUT',
  bodyLimit: 'MISP_MODULES_BODY_LIMIT',
  maxJsonDepth: 'MISP_MODULES_MAX_JSON_DEPTH',
  bodyTimeoutMs: 'MISP_MODULES_BODY_TIMEOUT_MS',
  shutdownGraceMs: 'MISP_MODULES_SHUTDOWN_GRACE_MS',
  strictResults: 'MISP_MODULES_STRICT_RESULTS',
  upstreams: 'MISP_MODULES_UPSTREAMS',
  allowUrlRanges: 'MISP_MODULES_ALLOW_URL_RANGES',
  caFile: 'MISP_MODULES_CA_FILE',
  dnsServers: 'MISP_MODULES_DNS_SERVERS',
  vendorLimits: 'MISP_MODULES_VENDOR_LIMITS',
  upstreamConnections: 'MISP_MODULES_UPSTREAM_CONNECTIONS',
  upstreamHttp2: 'MISP_MODULES_UPSTREAM_HTTP2',
  authToken: 'MISP_MODULES_AUTH_TOKEN',
  offloadBytes: 'MISP_MODULES_OFFLOAD_BYTES',
  isolate: 'MISP_MODULES_ISOLATE',
  isolateGraceMs: 'MISP_MODULES_ISOLATE_GRACE_MS',
  workerMemoryMb: 'MISP_MODULES_WORKER_MEMORY',
  ui: 'MISP_MODULES_UI',
  cacheTtlSeconds: 'MISP_MODULES_CACHE_TTL',
  cacheSizeMb: 'MISP_MODULES_CACHE_SIZE',
  redisUrl: 'MISP_MODULES_REDIS',
  redisTimeoutMs: 'MISP_MODULES_REDIS_TIMEOUT_MS',
  workers: 'MISP_MODULES_WORKERS',
} as const satisfies Record<keyof ServerSettings, string>;

export const DEFAULT_SETTINGS: ServerSettings = {
  listen: '127.0.0.1',
  port: 6666,
  customLoadTimeoutMs: 10_000,
  python: 'python3',
  pythonProcesses: 4,
  debug: false,
  logLevel: 'info',
  defaultTimeoutSeconds: 300,
  // MISP attaches files up to 25 MB; base64 adds a third, JSON a little more.
  bodyLimit: 64 * 1024 * 1024,
  maxJsonDepth: 256,
  // A 64 MiB body (the limit) over a 1 MB/s link; a client trickling a byte at a time is cut at it.
  bodyTimeoutMs: 120_000,
  shutdownGraceMs: 10_000,
  strictResults: false,
  upstreams: [],
  allowUrlRanges: [],
  dnsServers: [],
  vendorLimits: [],
  upstreamConnections: 1024,
  // GET lookups to a vendor that speaks HTTP/2 share a few connections (docs/ARCHITECTURE.md, "HTTP/2 to upstreams").
  upstreamHttp2: true,
  // A 1 MiB body takes about 15 ms to parse; larger ones (events, files) go to a worker.
  offloadBytes: 1024 * 1024,
  // Custom modules are code the project has not reviewed: a loop in one must not stall the server.
  isolate: ['custom'],
  isolateGraceMs: 1000,
  workerMemoryMb: 0,
  ui: true,
  // Off: like the Python server, every query asks the vendor afresh unless the admin chooses a TTL (README, "Result cache").
  cacheTtlSeconds: 0,
  cacheSizeMb: 64,
  // A Redis next to the server answers in about a millisecond; one that takes this long is treated as down.
  redisTimeoutMs: 500,
  workers: 1,
};
