/**
 * Assembles a running server from settings: logger, registry (built-ins plus
 * custom modules), network layer, runner and HTTP app. Used by the CLI and by
 * the tests, which start it on port 0.
 */
import type { DestinationStream, Logger } from 'pino';
import { loadCustomModules } from '../core/custom-modules.js';
import type { ModuleDefinition } from '../core/module.js';
import { ModuleRegistry } from '../core/registry.js';
import { QueryMetrics } from '../core/metrics.js';
import { SecretRegistry } from '../core/secrets.js';
import { WorkerPool } from '../core/worker-pool.js';
import { buildRunner } from './execution/build.js';
import type { QueryExecution } from './execution/execution.js';
import { ISOLATE_KEYWORDS, IsolatedModules, isolationMatcher } from './execution/isolated-modules.js';
import { PoolPlace } from './execution/pool-place.js';
import type { ExecutionSettings } from './execution/protocol.js';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings.js';
import { createNetwork, parseCidrList, parseUpstreamOverrides, type Network } from '../net/index.js';
import type { NetworkSettings } from '../net/settings.js';
import { builtinModules } from '../modules/index.js';
import { USER_AGENT, VERSION } from '../version.js';
import { buildApp, type App } from './app.js';
import { defaultPageDir } from './web-page/page-files.js';
import { createLogger, writeRawLine } from './logger.js';
import { parseVendorLimits, setVendorLimitOverrides } from '../core/rate-limiter.js';
import { loadPythonModules } from '../core/python/python-modules.js';
import { QueryRunner } from '../core/runner.js';
import { ResourceCache } from '../core/resource-cache.js';
import { LocalPlace } from './execution/local-place.js';
import { openSharedState, type SharedState } from '../core/shared-state.js';
import { redisUrlPassword } from '../core/redis-link.js';
import { MIN_SECRET_LENGTH } from '../core/secret-spellings.js';
import type { OwnThreads } from './execution/execution.js';
import { workerPoolOptions } from './cluster/pool-share.js';

export interface StartOptions {
  settings?: Partial<ServerSettings>;
  /** Replaces the built-in list (tests). */
  builtins?: readonly ModuleDefinition[];
  /** Log destination (tests capture lines); default stdout. */
  logDestination?: DestinationStream;
  prettyLogs?: boolean;
  /** The built web page (tests build it into a folder of their own); default dist/ui/. */
  webPageDir?: string;
  /**
   * A worker of `--workers N` (src/server/cluster/): given this process's
   * own /metrics rendering, returns the one /metrics answers with (the
   * whole set's).
   */
  clusterMetrics?: (renderLocal: () => Promise<string>) => () => Promise<string>;
  /**
   * A worker of `--workers N` listens on this Unix socket (private to the
   * primary, which hands it the connections of the real port) instead of
   * the port.
   */
  listenPath?: string;
}

export interface RunningServer {
  app: App;
  logger: Logger;
  registry: ModuleRegistry;
  /** Runs every query, wherever it runs (here, the worker pool, a module's own thread). */
  runner: QueryExecution;
  network: Network;
  workers: WorkerPool;
  isolated: IsolatedModules;
  metrics: QueryMetrics;
  /** The result cache, rate-limit windows and Redis link. */
  shared: SharedState;
  settings: ServerSettings;
  /** The address actually bound, e.g. http://127.0.0.1:6666 */
  url: string;
  /** Graceful stop: no new connections, in-flight queries finish (bounded), then everything closes. */
  close(): Promise<void>;
}

/** Builds everything without listening (for --check and tests). */
export async function createServer(options: StartOptions = {}) {
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const secrets = new SecretRegistry();
  if (settings.authToken) secrets.add([settings.authToken]);
  // The Redis URL's password never reaches a log line, whoever writes it (an ioredis error included).
  const redisPassword = settings.redisUrl ? redisUrlPassword(settings.redisUrl) : undefined;
  if (redisPassword !== undefined && redisPassword.length >= MIN_SECRET_LENGTH) secrets.add([redisPassword]);
  const logger = createLogger({
    level: settings.debug ? 'debug' : settings.logLevel,
    secrets,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
    ...(options.prettyLogs === undefined ? {} : { pretty: options.prettyLogs }),
  });
  const networkSettings: NetworkSettings = {
    userAgent: USER_AGENT,
    upstreams: parseUpstreamOverrides(settings.upstreams),
    // Parsed here so that a bad CIDR stops the start with a clear message.
    allowUrlRanges: (parseCidrList(settings.allowUrlRanges), settings.allowUrlRanges),
    perHostConcurrency: settings.upstreamConnections,
    http2: settings.upstreamHttp2,
    // Checked by createNetwork: a bad entry stops the start with a clear message.
    dnsServers: settings.dnsServers,
    ...(settings.caFile ? { caFile: settings.caFile } : {}),
  };
  const network = createNetwork(networkSettings);
  setVendorLimitOverrides(parseVendorLimits(settings.vendorLimits));
  // The result cache and this server's rate-limit windows, shared with other instances through Redis when set.
  const shared = await openSharedState({
    cacheTtlSeconds: settings.cacheTtlSeconds,
    cacheSizeMb: settings.cacheSizeMb,
    redisTimeoutMs: settings.redisTimeoutMs,
    namespace: VERSION,
    logger,
    ...(settings.redisUrl ? { redisUrl: settings.redisUrl } : {}),
  });
  const metrics = new QueryMetrics();
  const writeLine = (line: string) => writeRawLine(logger, line);
  const isolated = new IsolatedModules({
    abortGraceMs: settings.isolateGraceMs,
    maxOldGenerationSizeMb: 1024,
    onThreadEvent: ({ module, what, error, requestId }) => {
      if (what.startsWith('thread terminated')) metrics.recordThreadTerminated();
      logger.error({ module, ...(requestId ? { reqId: requestId } : {}), ...(error ? { err: error } : {}) }, `module ${module}: ${what}`);
    },
    // Lines come scrubbed from the thread's own logger: straight to the destination.
    writeLine,
  });
  const isolatedHere = isolationMatcher(settings.isolate);
  const builtins = options.builtins ?? builtinModules;
  const registry = new ModuleRegistry(builtins);
  /** Custom modules that loaded: other threads import these (and only these) again. */
  const customModules: ExecutionSettings['customModules'] = [];
  if (settings.customDir) {
    const { modules, files, problems } = await loadCustomModules(settings.customDir, {
      loadTimeoutMs: settings.customLoadTimeoutMs,
      // An isolated module's code never runs on this thread: it is listed from its trial's description.
      runsHere: (name) => !isolatedHere(name, true),
    });
    for (const module of modules) {
      const file = files.get(module);
      if (file) customModules.push({ name: module.name, file });
      if (registry.add(module)) logger.warn({ module: module.name }, `custom module ${module.name} replaces the built-in module of the same name`);
    }
    for (const problem of problems) {
      registry.problems.push(problem);
      logger.error({ file: problem.source }, `custom module skipped: ${problem.source}: ${problem.reason}`);
    }
  }
  // Modules written for the Python server (-c DIR/<family>/*.py), each on processes of its own.
  const python = settings.customDir
    ? await loadPythonModules(settings.customDir, {
        python: settings.python,
        poolSize: settings.pythonProcesses,
        loadTimeoutMs: settings.customLoadTimeoutMs,
        log: (module, line) => logPythonLine(logger, module, line),
      })
    : undefined;
  for (const module of python?.modules ?? []) {
    if (registry.add(module)) logger.warn({ module: module.name }, `custom module ${module.name} replaces the built-in module of the same name`);
  }
  for (const problem of python?.problems ?? []) {
    registry.problems.push(problem);
    logger.error({ file: problem.source }, `custom module skipped: ${problem.source}: ${problem.reason}`);
  }
  const pythonNames = new Set((python?.modules ?? []).map((m) => m.name));
  // A misspelt name would silently leave a module unprotected.
  for (const name of settings.isolate) {
    if (!ISOLATE_KEYWORDS.includes(name) && !registry.has(name)) {
      logger.warn({ module: name }, `--isolate names '${name}', which is not a module this server has: nothing is isolated for it`);
    }
  }
  const customNames = new Set(customModules.map((c) => c.name));
  const executionSettings: ExecutionSettings = {
    network: networkSettings,
    customModules,
    // Built-ins given by a test (options.builtins) have no file a thread could load them from.
    // Python modules are listed here too: their queries (large ones handed back by the pool) run on LocalPlace.
    isolated: registry
      .all()
      .filter((m) => pythonNames.has(m.name) || (isolatedHere(m.name, customNames.has(m.name)) && (customNames.has(m.name) || !options.builtins)))
      .map((m) => m.name),
    maxJsonDepth: settings.maxJsonDepth,
    defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
    logLevel: settings.debug ? 'debug' : settings.logLevel,
    strictResults: settings.strictResults,
    vendorLimits: settings.vendorLimits,
  };
  isolated.configure(executionSettings);
  const workers = new WorkerPool(workerPoolOptions(settings), (error) => logger.error({ err: error }, 'a worker thread failed'));
  const pool = new PoolPlace({ pool: workers, logger, graceMs: settings.isolateGraceMs, settings: executionSettings, writeLine });
  const pythonPlace = new LocalPlace(
    new QueryRunner({ registry, logger, secrets, network, workers, resources: new ResourceCache(), defaultTimeoutSeconds: settings.defaultTimeoutSeconds, logSummary: false }),
    settings.maxJsonDepth,
  );
  const ownThreads: OwnThreads = {
    forModule: (name) => (pythonNames.has(name) ? pythonPlace : isolated.forModule(name)),
    get running() {
      return isolated.running + pythonPlace.running;
    },
    abortAll: () => {
      isolated.abortAll();
      pythonPlace.abortAll();
    },
  };
  const runner = await buildRunner(
    executionSettings,
    { registry, logger, secrets, network, workers, metrics, limiter: shared.limiter, ...(shared.cache ? { cache: shared.cache } : {}) },
    { ownThreads, ...(settings.offloadBytes > 0 ? { pool: { place: pool, threshold: settings.offloadBytes } } : {}) },
  );
  const app = await buildApp({
    registry,
    runner,
    logger,
    version: VERSION,
    bodyLimit: settings.bodyLimit,
    requestTimeoutMs: settings.bodyTimeoutMs,
    metrics: (options.clusterMetrics ?? ((local) => local))(() =>
      metrics.render({
        queriesRunning: () => runner.running,
        isolatedThreads: () => isolated.aliveThreads,
        workerThreads: () => workers.threadCount(),
        upstreamConnections: () => network.connectionsOpened(),
        shared: () => shared.figures(),
      }),
    ),
    ...(settings.authToken ? { authToken: settings.authToken } : {}),
    ...(settings.ui ? { webPage: { dir: options.webPageDir ?? defaultPageDir() } } : {}),
  });
  return { app, logger, registry, runner, network, workers, isolated, metrics, settings, python, shared };
}

/**
 * When a graceful stop aborts the queries still running, and when it cuts
 * the connections still open: the last part of the grace period (up to 1 s)
 * is left for the aborted queries' "Timeout." answers to go out.
 */
export function shutdownSchedule(graceMs: number): { abortAtMs: number; cutAtMs: number } {
  return { abortAtMs: graceMs - Math.min(1000, Math.floor(graceMs / 4)), cutAtMs: graceMs };
}

/** A Python module's stderr line in the server's log (scrubbed like every line), at the level Python logging gave it. */
function logPythonLine(logger: Logger, module: string, line: string): void {
  const level = /^(ERROR|CRITICAL|Traceback)\b/.test(line) ? 'error' : /^WARNING\b/.test(line) ? 'warn' : /^DEBUG\b/.test(line) ? 'debug' : 'info';
  logger[level]({ module }, `python ${module}: ${line}`);
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const parts = await createServer(options);
  const { app, runner, network, workers, isolated, metrics, settings, logger, python, shared } = parts;
  // MISP can open a connection per attribute at once; Node's default backlog (511) would drop some.
  // exclusive: a cluster worker binds the socket itself, not through node:cluster's primary.
  const address = options.listenPath
    ? await app.listen({ path: options.listenPath, exclusive: true })
    : await app.listen({ host: settings.listen, port: settings.port, backlog: 4096 });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const { abortAtMs, cutAtMs } = shutdownSchedule(settings.shutdownGraceMs);
      // Queries still running near the end of the grace period are aborted: they answer "Timeout.".
      const grace = setTimeout(() => {
        runner.abortAll();
      }, abortAtMs);
      // At its end, connections still open (a client still sending, an answer not taken) are cut.
      const cut = setTimeout(() => app.server.closeAllConnections(), cutAtMs);
      try {
        await app.close();
      } finally {
        clearTimeout(grace);
        clearTimeout(cut);
        await network.close();
        await shared.close();
        await workers.close();
        await isolated.close();
        python?.close();
        metrics.stop();
        logger.flush?.();
      }
    })();
    return closing;
  };
  return { ...parts, url: address, close };
}
