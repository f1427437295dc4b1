/**
 * Assembles a running server from settings: logger, registry (built-ins plus
 * custom modules), network layer, runner and HTTP app. Used by the CLI and by
 * the tests, which start it on port 0.
 */
import type { DestinationStream, Logger } from 'pino';
import { loadCustomModules } from '../core/custom-modules.js';
import type { CustomFile } from '../core/custom-module-file.js';
import type { ModuleDefinition } from '../core/module.js';
import { ModuleRegistry } from '../core/registry.js';
import { QueryRunner } from '../core/runner.js';
import { QueryMetrics } from '../core/metrics.js';
import { ResourceCache } from '../core/resource-cache.js';
import { SecretRegistry } from '../core/secrets.js';
import { sourceOrBuilt, WorkerPool } from '../core/worker-pool.js';
import { ISOLATE_KEYWORDS, IsolatedModules, isolationMatcher } from '../core/isolation/isolate.js';
import { DEFAULT_SETTINGS, type ServerSettings } from './settings.js';
import { createNetwork, parseCidrList, parseUpstreamOverrides, type Network } from '../net/index.js';
import type { NetworkSettings } from '../net/settings.js';
import { builtinModules } from '../modules/index.js';
import { USER_AGENT, VERSION } from '../version.js';
import { buildApp, type App } from './app.js';
import { createLogger, writeRawLine } from './logger.js';
import { QueryOffload } from './offload/offload.js';

export interface StartOptions {
  settings?: Partial<ServerSettings>;
  /** Replaces the built-in list (tests). */
  builtins?: readonly ModuleDefinition[];
  /** Log destination (tests capture lines); default stdout. */
  logDestination?: DestinationStream;
  prettyLogs?: boolean;
}

export interface RunningServer {
  app: App;
  logger: Logger;
  registry: ModuleRegistry;
  runner: QueryRunner;
  network: Network;
  workers: WorkerPool;
  isolated: IsolatedModules;
  metrics: QueryMetrics;
  offload: QueryOffload;
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
    ...(settings.caFile ? { caFile: settings.caFile } : {}),
  };
  const network = createNetwork(networkSettings);
  const metrics = new QueryMetrics();
  const isolated = new IsolatedModules(networkSettings, {
    abortGraceMs: settings.isolateGraceMs,
    maxOldGenerationSizeMb: 1024,
    onThreadEvent: ({ module, what, error }) => {
      if (what.startsWith('thread terminated')) metrics.recordThreadTerminated();
      logger.error({ module, ...(error ? { err: error } : {}) }, `module ${module}: ${what}`);
    },
  });
  const isolatedHere = isolationMatcher(settings.isolate);
  const builtins = (options.builtins ?? builtinModules).map((module) =>
    // Built-ins given by a test (options.builtins) have no file the thread could load them from.
    !options.builtins && isolatedHere(module, false)
      ? isolated.isolate(module, { url: sourceOrBuilt(new URL('../modules/index.js', import.meta.url)), name: module.name, builtin: true })
      : module,
  );
  const registry = new ModuleRegistry(builtins);
  /** Custom module files that loaded: pool threads import these (and only these) again. */
  const customFiles: CustomFile[] = [];
  if (settings.customDir) {
    const { modules, files, problems } = await loadCustomModules(settings.customDir, { loadTimeoutMs: settings.customLoadTimeoutMs });
    for (const loaded of modules) {
      const file = files.get(loaded);
      if (file) customFiles.push(file);
      const module = file && isolatedHere(loaded, true) ? isolated.isolate(loaded, { url: file.url, name: loaded.name, builtin: false }) : loaded;
      if (registry.add(module)) logger.warn({ module: module.name }, `custom module ${module.name} replaces the built-in module of the same name`);
    }
    for (const problem of problems) {
      registry.problems.push(problem);
      logger.error({ file: problem.source }, `custom module skipped: ${problem.source}: ${problem.reason}`);
    }
  }
  // A misspelt name would silently leave a module unprotected.
  for (const name of settings.isolate) {
    if (!ISOLATE_KEYWORDS.includes(name) && !registry.has(name)) {
      logger.warn({ module: name }, `--isolate names '${name}', which is not a module this server has: nothing is isolated for it`);
    }
  }
  const workers = new WorkerPool({}, (error) => logger.error({ err: error }, 'a worker thread failed'));
  const runner = new QueryRunner({
    workers,
    metrics,
    resources: new ResourceCache(),
    registry,
    logger,
    secrets,
    network,
    defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
    // Loaded only when asked for: the data model is not needed to serve.
    ...(settings.strictResults ? { checkResult: (await import('./result-checker.js')).createResultChecker() } : {}),
  });
  const offload = new QueryOffload({
    pool: workers,
    logger,
    graceMs: settings.isolateGraceMs,
    settings: {
      network: networkSettings,
      maxJsonDepth: settings.maxJsonDepth,
      defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
      logLevel: settings.debug ? 'debug' : settings.logLevel,
      strictResults: settings.strictResults,
      customFiles,
    },
    // Lines come scrubbed from the worker's own logger: straight to the destination.
    writeLine: (line) => writeRawLine(logger, line),
  });
  const app = await buildApp({
    offload: { threshold: settings.offloadBytes, runner: offload },
    registry,
    runner,
    logger,
    version: VERSION,
    bodyLimit: settings.bodyLimit,
    maxJsonDepth: settings.maxJsonDepth,
    metrics: () =>
      metrics.render({
        queriesRunning: () => runner.running + offload.inFlight,
        isolatedThreads: () => isolated.aliveThreads,
        workerThreads: () => workers.threadCount(),
      }),
    ...(settings.authToken ? { authToken: settings.authToken } : {}),
  });
  return { app, logger, registry, runner, network, workers, isolated, metrics, offload, settings };
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const parts = await createServer(options);
  const { app, runner, network, workers, isolated, metrics, offload, settings, logger } = parts;
  // MISP can open a connection per attribute at once; Node's default backlog (511) would drop some.
  const address = await app.listen({ host: settings.listen, port: settings.port, backlog: 4096 });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Queries still running when the grace period ends are aborted: they answer "Timeout.".
      const grace = setTimeout(() => {
        runner.abortAll();
        offload.abortAll();
      }, settings.shutdownGraceMs);
      try {
        await app.close();
      } finally {
        clearTimeout(grace);
        await network.close();
        await workers.close();
        await isolated.close();
        metrics.stop();
        logger.flush?.();
      }
    })();
    return closing;
  };
  return { ...parts, url: address, close };
}
