/**
 * Command-line flags (compatible with the Python server: -l -p -c -d -t -s)
 * and their environment variables. Flags win over the environment.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { parseDnsServers } from '../net/index.js';
import { DEFAULT_SETTINGS, ENV, type ServerSettings } from '../server/settings.js';
import { parseVendorLimits } from '../core/rate-limiter.js';
import { isRedisUrl } from '../core/redis-link.js';

export interface CliCommand {
  settings: ServerSettings;
  /** -t: load modules, bind the port, exit 0. */
  test: boolean;
  /** --check: load modules, print a table of modules and problems, exit non-zero on problems. */
  check: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: misp-modules [options]

A MISP modules server: MISP's Enrichment, Import, Export and Action
services talk to it over HTTP (GET /modules, POST /query).

Options (environment variable in brackets):
  -l, --listen ADDR         address to bind (default 127.0.0.1)    [${ENV.listen}]
  -p, --port PORT           port (default 6666)                      [${ENV.port}]
  -c, --custom DIR          custom modules: DIR/{expansion,import_mod,export_mod,action_mod}/*.js
                                                                     [${ENV.customDir}]
      --custom-load-timeout MS  a custom module file that takes longer to import is
                            skipped (default 10000)                   [${ENV.customLoadTimeoutMs}]
      --python PATH         the interpreter of -c DIR/<family>/*.py modules written for the
                            Python server (default python3; a venv's python works) [${ENV.python}]
      --python-processes N  processes per Python module, each one query at a time (default 4)
                                                                     [${ENV.pythonProcesses}]
  -d, --debug               debug logging                            [${ENV.debug}=1]
      --log-level LEVEL     trace, debug, info, warn, error (default info) [${ENV.logLevel}]
  -t, --test                load the modules, bind the port, then exit (1 if a custom
                            module could not be loaded)
      --check               load the modules, print them and any problems; exit 1 on problems
      --timeout SECONDS     default query timeout (default 300)      [${ENV.defaultTimeoutSeconds}]
      --body-limit BYTES    largest request body (default 64 MiB)    [${ENV.bodyLimit}]
      --max-json-depth N    deepest JSON nesting accepted (default 256) [${ENV.maxJsonDepth}]
      --body-timeout MS     time to send a whole request, 408 after it (default 120000)
                                                                     [${ENV.bodyTimeoutMs}]
      --shutdown-grace MS   the longest a stop may take (default 10000)
                                                                     [${ENV.shutdownGraceMs}]
      --strict-results      check module results against the MISP data model, log violations
                                                                     [${ENV.strictResults}=1]
      --upstream HOST=URL   send module requests for https://HOST/ to URL/ instead (repeatable)
                                                                     [${ENV.upstreams}="HOST=URL,HOST=URL"]
      --allow-url-range CIDR  let URL-fetching modules reach this range (repeatable)
                                                                     [${ENV.allowUrlRanges}="CIDR,CIDR"]
      --upstream-connections N  concurrent requests per upstream service: HTTP/1.1
                            connections, or HTTP/2 streams (default 1024)
                                                                     [${ENV.upstreamConnections}]
      --upstream-http2 on|off  HTTP/2 to https upstreams that offer it, GET lookups
                            sharing a few connections (default on)   [${ENV.upstreamHttp2}]
      --ca-file PATH        extra CA certificates (PEM) for upstream TLS  [${ENV.caFile}]
      --dns-server IP[:PORT]  resolver for every module's DNS lookups (repeatable;
                            default the system's; a module's own nameserver setting wins)
                                                                     [${ENV.dnsServers}="IP[:PORT],IP[:PORT]"]
      --vendor-limit NAME=N/PERIOD  replace a vendor's declared rate limit per key, e.g.
                            "VirusTotal=1000/1m" for a premium key, or NAME=none (repeatable)
                                                                     [${ENV.vendorLimits}="NAME=N/PERIOD,…"]
      --auth-token TOKEN    require "Authorization: Bearer TOKEN" (not on /healthcheck)
                                                                     [${ENV.authToken}]
      --offload-bytes N     bodies larger than N bytes are parsed and run on a worker
                            thread (default 1048576; 0 = never)        [${ENV.offloadBytes}]
      --isolate LIST        modules run on a thread of their own, stopped hard when a
                            query's abort is ignored: names, custom, all or none
                            (default custom)                          [${ENV.isolate}]
      --isolate-grace MS    how long an aborted isolated or offloaded query may take to stop
                            (default 1000)                            [${ENV.isolateGraceMs}]
      --worker-memory MIB   heap the worker threads may use together; fewer threads run
                            when it is small (default 0: a quarter of the host's memory,
                            1024 to 4096, shared by the --workers)    [${ENV.workerMemoryMb}]
      --no-ui               do not serve the web page at /ui          [${ENV.ui}=0]
      --cache-ttl SECONDS   keep successful expansion and hover answers this long and serve
                            them again (default 0: off)                [${ENV.cacheTtlSeconds}]
      --cache-size MIB      memory this process's result cache may use (default 64; 0: none,
                            with --redis every hit comes from Redis)   [${ENV.cacheSizeMb}]
      --redis URL           redis://[:PASSWORD@]HOST:PORT[/DB] or rediss:// (TLS): the cache,
                            lookups in flight and vendor rate limits shared by every
                            instance; prefer the environment variable for a URL with a
                            password                                  [${ENV.redisUrl}]
      --redis-timeout MS    a Redis command that takes longer counts as Redis being down
                            (default 500)                             [${ENV.redisTimeoutMs}]
      --workers N|auto      server processes sharing the port, restarted when one dies
                            (default 1; auto: one per core)           [${ENV.workers}]
  -s, --system              accepted for compatibility; does nothing
  -h, --help                this help
  -v, --version             print the version
`;

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

function integer(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${name} must be a whole number, got '${value}'.`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max}, got ${n}.`);
  return n;
}

function seconds(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number of seconds, got '${value}'.`);
  return n;
}

/** Each entry checked now, so a typo is a usage error rather than a failed start. */
function dnsServers(entries: string[]): string[] {
  const servers = list(entries.join(','));
  try {
    parseDnsServers(servers);
  } catch (error) {
    throw new UsageError(`--dns-server: ${(error as Error).message}`);
  }
  return servers;
}

/** Each entry checked now: a typo is a usage error, not a limit silently ignored. */
function vendorLimits(entries: string[]): string[] {
  try {
    parseVendorLimits(entries);
  } catch (error) {
    throw new UsageError(`--vendor-limit: ${(error as Error).message}`);
  }
  return entries;
}

/** An on/off flag or environment variable: on/off, 1/0, true/false or yes/no; unset or empty gives the fallback. */
function onOff(name: string, value: string | undefined, fallback?: boolean): boolean {
  if ((value === undefined || value.trim() === '') && fallback !== undefined) return fallback;
  if (value !== undefined && /^(1|true|yes|on)$/i.test(value.trim())) return true;
  if (value !== undefined && /^(0|false|no|off)$/i.test(value.trim())) return false;
  throw new UsageError(`${name} must be on or off (or 1/0, true/false, yes/no), got '${value ?? ''}'.`);
}

function nonNegativeSeconds(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 31 * 86_400) throw new UsageError(`${name} must be a number of seconds from 0 to 2678400 (31 days), got '${value}'.`);
  return n;
}

/** Checked now; the value is never echoed: it may hold a password. */
function redisUrl(value: string): string {
  if (!isRedisUrl(value.trim())) throw new UsageError('--redis must be a redis://HOST:PORT or rediss://HOST:PORT URL (the value given is not shown: it may hold a password).');
  return value.trim();
}

function workerMemoryMb(value: string): number {
  const n = integer('--worker-memory', value, 0, 1_048_576);
  if (n !== 0 && n < 64) throw new UsageError(`--worker-memory must be 0 (automatic) or at least 64 MiB, got ${n}.`);
  return n;
}

/** The largest --workers: far more processes than any host has cores is a typo. */
export const MAX_WORKERS = 256;

/** `auto` is the number of cores this process may run on (os.availableParallelism()). */
function workers(value: string, cores: number): number {
  const text = value.trim();
  if (text.toLowerCase() === 'auto') return Math.max(1, Math.min(MAX_WORKERS, cores));
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_WORKERS) {
    throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, or auto (one per core); got '${value}'.`);
  }
  return Number(text);
}

export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv, cores = availableParallelism()): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        listen: { type: 'string', short: 'l' },
        port: { type: 'string', short: 'p' },
        custom: { type: 'string', short: 'c' },
        'custom-load-timeout': { type: 'string' },
        python: { type: 'string' },
        'python-processes': { type: 'string' },
        debug: { type: 'boolean', short: 'd' },
        'log-level': { type: 'string' },
        test: { type: 'boolean', short: 't' },
        check: { type: 'boolean' },
        timeout: { type: 'string' },
        'body-limit': { type: 'string' },
        'max-json-depth': { type: 'string' },
        'body-timeout': { type: 'string' },
        'shutdown-grace': { type: 'string' },
        'strict-results': { type: 'boolean' },
        upstream: { type: 'string', multiple: true },
        'allow-url-range': { type: 'string', multiple: true },
        'ca-file': { type: 'string' },
        'dns-server': { type: 'string', multiple: true },
        'vendor-limit': { type: 'string', multiple: true },
        'upstream-connections': { type: 'string' },
        'upstream-http2': { type: 'string' },
        'auth-token': { type: 'string' },
        isolate: { type: 'string', multiple: true },
        'offload-bytes': { type: 'string' },
        'isolate-grace': { type: 'string' },
        'worker-memory': { type: 'string' },
        'no-ui': { type: 'boolean' },
        'cache-ttl': { type: 'string' },
        'cache-size': { type: 'string' },
        redis: { type: 'string' },
        'redis-timeout': { type: 'string' },
        workers: { type: 'string' },
        system: { type: 'boolean', short: 's' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  const pick = (flag: string | undefined, envName: string) => flag ?? (env[envName] !== undefined && env[envName] !== '' ? env[envName] : undefined);
  const d = DEFAULT_SETTINGS;
  const port = pick(v.port, ENV.port);
  const timeout = pick(v.timeout, ENV.defaultTimeoutSeconds);
  const bodyLimit = pick(v['body-limit'], ENV.bodyLimit);
  const depth = pick(v['max-json-depth'], ENV.maxJsonDepth);
  const bodyTimeout = pick(v['body-timeout'], ENV.bodyTimeoutMs);
  const grace = pick(v['shutdown-grace'], ENV.shutdownGraceMs);
  const logLevel = pick(v['log-level'], ENV.logLevel) ?? d.logLevel;
  if (!['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(logLevel)) {
    throw new UsageError(`--log-level must be one of trace, debug, info, warn, error, fatal, silent; got '${logLevel}'.`);
  }
  const connections = pick(v['upstream-connections'], ENV.upstreamConnections);
  const http2 = pick(v['upstream-http2'], ENV.upstreamHttp2);
  const customDir = pick(v.custom, ENV.customDir);
  const loadTimeout = pick(v['custom-load-timeout'], ENV.customLoadTimeoutMs);
  const pythonProcesses = pick(v['python-processes'], ENV.pythonProcesses);
  const caFile = pick(v['ca-file'], ENV.caFile);
  const authToken = pick(v['auth-token'], ENV.authToken);
  const isolateGrace = pick(v['isolate-grace'], ENV.isolateGraceMs);
  const offload = pick(v['offload-bytes'], ENV.offloadBytes);
  const workerMemory = pick(v['worker-memory'], ENV.workerMemoryMb);
  const cacheTtl = pick(v['cache-ttl'], ENV.cacheTtlSeconds);
  const cacheSize = pick(v['cache-size'], ENV.cacheSizeMb);
  const redis = pick(v.redis, ENV.redisUrl);
  const redisTimeout = pick(v['redis-timeout'], ENV.redisTimeoutMs);
  const workerCount = pick(v.workers, ENV.workers);
  const isolate = v.isolate ? list(v.isolate.join(',')) : env[ENV.isolate] !== undefined ? list(env[ENV.isolate]) : d.isolate;
  const settings: ServerSettings = {
    listen: pick(v.listen, ENV.listen) ?? d.listen,
    port: port === undefined ? d.port : integer('--port', port, 0, 65535),
    customLoadTimeoutMs: loadTimeout === undefined ? d.customLoadTimeoutMs : integer('--custom-load-timeout', loadTimeout, 1, 600_000),
    python: pick(v.python, ENV.python) ?? d.python,
    pythonProcesses: pythonProcesses === undefined ? d.pythonProcesses : integer('--python-processes', pythonProcesses, 1, 256),
    debug: v.debug ?? truthy(env[ENV.debug]),
    logLevel,
    defaultTimeoutSeconds: timeout === undefined ? d.defaultTimeoutSeconds : seconds('--timeout', timeout),
    bodyLimit: bodyLimit === undefined ? d.bodyLimit : integer('--body-limit', bodyLimit, 1024, 2 ** 31),
    maxJsonDepth: depth === undefined ? d.maxJsonDepth : integer('--max-json-depth', depth, 2, 100_000),
    bodyTimeoutMs: bodyTimeout === undefined ? d.bodyTimeoutMs : integer('--body-timeout', bodyTimeout, 100, 3_600_000),
    shutdownGraceMs: grace === undefined ? d.shutdownGraceMs : integer('--shutdown-grace', grace, 0, 3_600_000),
    strictResults: v['strict-results'] ?? truthy(env[ENV.strictResults]),
    upstreams: v.upstream ?? list(env[ENV.upstreams]),
    allowUrlRanges: v['allow-url-range'] ?? list(env[ENV.allowUrlRanges]),
    dnsServers: dnsServers(v['dns-server'] ?? list(env[ENV.dnsServers])),
    vendorLimits: vendorLimits(v['vendor-limit'] ?? list(env[ENV.vendorLimits])),
    upstreamConnections: connections === undefined ? d.upstreamConnections : integer('--upstream-connections', connections, 1, 100_000),
    upstreamHttp2: http2 === undefined ? d.upstreamHttp2 : onOff('--upstream-http2', http2),
    offloadBytes: offload === undefined ? d.offloadBytes : integer('--offload-bytes', offload, 0, 2 ** 31),
    isolate,
    isolateGraceMs: isolateGrace === undefined ? d.isolateGraceMs : integer('--isolate-grace', isolateGrace, 0, 600_000),
    workerMemoryMb: workerMemory === undefined ? d.workerMemoryMb : workerMemoryMb(workerMemory),
    ui: v['no-ui'] ? false : onOff(ENV.ui, env[ENV.ui], d.ui),
    cacheTtlSeconds: cacheTtl === undefined ? d.cacheTtlSeconds : nonNegativeSeconds('--cache-ttl', cacheTtl),
    cacheSizeMb: cacheSize === undefined ? d.cacheSizeMb : integer('--cache-size', cacheSize, 0, 1_048_576),
    redisTimeoutMs: redisTimeout === undefined ? d.redisTimeoutMs : integer('--redis-timeout', redisTimeout, 10, 60_000),
    ...(redis ? { redisUrl: redisUrl(redis) } : {}),
    workers: workerCount === undefined ? d.workers : workers(workerCount, cores),
    ...(customDir ? { customDir } : {}),
    ...(caFile ? { caFile } : {}),
    ...(authToken ? { authToken } : {}),
  };
  return { settings, test: v.test ?? false, check: v.check ?? false, help: v.help ?? false, version: v.version ?? false };
}
