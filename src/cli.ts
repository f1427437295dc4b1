#!/usr/bin/env node
/**
 * misp-modules: start the server (flags compatible with the Python server).
 */
import cluster from 'node:cluster';
import { formatCheckReport } from './cli/check-report.js';
import { loadEveryModule } from './core/lazy-module.js';
import { HELP, parseCommandLine, UsageError, type CliCommand } from './cli/options.js';
import { SecretRegistry } from './core/secrets.js';
import { runPrimary } from './server/cluster/primary.js';
import { ClusterWorkerLink } from './server/cluster/worker-link.js';
import { createLogger, flushLogSync } from './server/logger.js';
import type { ServerSettings } from './server/settings.js';
import { VERSION } from './version.js';

function isPublicBind(address: string): boolean {
  return !['127.0.0.1', 'localhost', '::1'].includes(address) && !address.startsWith('127.');
}

const PUBLIC_BIND_WARNING = 'reachable from other hosts, without --auth-token: put it behind a firewall or a reverse proxy with TLS';

/** Why the port could not be bound, for the admin; undefined for an error that is not about binding. */
function listenFailure(error: unknown, settings: ServerSettings): string | undefined {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE') {
    return `misp-modules: port ${settings.port} on ${settings.listen} is already in use (another misp-modules server?). Stop it or pick another port with -p.\n`;
  }
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'EACCES' || e.code === 'ENOTFOUND') {
    return `misp-modules: cannot listen on ${settings.listen}:${settings.port}: ${e.message}\n`;
  }
  return undefined;
}

/** --workers N: this process binds the port, forks the N servers, passes signals on, replaces the ones that die (src/server/cluster/). */
async function runClusterPrimary(settings: ServerSettings): Promise<number> {
  const secrets = new SecretRegistry();
  if (settings.authToken) secrets.add([settings.authToken]);
  const logger = createLogger({ level: settings.debug ? 'debug' : settings.logLevel, secrets });
  const running = runPrimary({
    settings,
    logger,
    onServing: ({ url, modules, problems, workerPids }) => {
      logger.info(
        { url, modules, problems, workers: settings.workers, workerPids },
        `misp-modules ${VERSION} listening on ${url} with ${modules} modules, ${settings.workers} worker processes`,
      );
      if (isPublicBind(settings.listen) && !settings.authToken) logger.warn(`listening on ${settings.listen}, ${PUBLIC_BIND_WARNING}`);
    },
  });
  let code: number;
  try {
    code = await running;
  } catch (error) {
    const message = listenFailure(error, settings);
    if (message === undefined) throw error;
    process.stderr.write(message);
    return 1;
  }
  if (code === 0) logger.info('every worker has stopped');
  flushLogSync(logger);
  return code;
}

async function main(): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`misp-modules: ${error.message}\nRun misp-modules --help for the options.\n`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (command.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  // -t and --check run in one process whatever --workers says.
  const clustered = command.settings.workers > 1 && !command.test && !command.check;
  if (clustered && cluster.isPrimary) process.exit(await runClusterPrimary(command.settings));
  // Imported here, not above: the primary of --workers N never loads the modules.
  const { createServer, startServer } = await import('./server/start.js');
  if (command.check) {
    const { registry, network, workers, shared } = await createServer({ settings: { ...command.settings, logLevel: 'silent', debug: false } });
    // The server imports a built-in module's code on its first query; a check imports them all.
    registry.problems.push(...(await loadEveryModule(registry.all())));
    process.stdout.write(formatCheckReport(registry));
    await network.close();
    await workers.close();
    await shared.close();
    return registry.problems.length > 0 ? 1 : 0;
  }

  const link = clustered ? new ClusterWorkerLink() : undefined;

  let server;
  try {
    server = await startServer({ settings: command.settings, ...(link ? { clusterMetrics: link.metrics, listenPath: link.socketPath } : {}) });
  } catch (error) {
    const message = link ? undefined : listenFailure(error, command.settings);
    if (message === undefined) throw error;
    process.stderr.write(message);
    return 1;
  }
  const { logger, registry, settings } = server;
  // A worker tells the primary it serves below, once its stop handling is in place; the primary logs the start line.
  if (!link) {
    logger.info({ url: server.url, modules: registry.size, problems: registry.problems.length, workers: 1 }, `misp-modules ${VERSION} listening on ${server.url} with ${registry.size} modules`);
    if (isPublicBind(settings.listen) && !settings.authToken) logger.warn(`listening on ${settings.listen}, ${PUBLIC_BIND_WARNING}`);
  }
  if (command.test) {
    await server.close();
    if (registry.problems.length === 0) return 0;
    const lines = registry.problems.map((p) => `  ${p.source}: ${p.reason}\n`).join('');
    process.stderr.write(`misp-modules: ${registry.problems.length} module(s) could not be loaded:\n${lines}`);
    return 1;
  }
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal, running: server.runner.running }, 'shutting down: finishing running queries');
      // A worker first lets the connections just handed to it send their request (for a
      // twentieth of the grace, 500 ms at most, so that the stop still ends within the grace).
      const settle = link ? link.stopAccepting(Math.min(500, Math.floor(settings.shutdownGraceMs / 20))) : Promise.resolve();
      const closed = settle.then(() => server.close());
      // The stop takes --shutdown-grace at most, whatever still holds the event loop then
      // (a module that ignores its abort, a client that never finishes its request).
      const deadline = setTimeout(() => {
        logger.warn({ signal, graceMs: settings.shutdownGraceMs }, 'still stopping at the end of --shutdown-grace: exiting now');
        resolve();
      }, settings.shutdownGraceMs);
      closed.then(resolve, (error: unknown) => {
        logger.error({ err: error }, 'stopping the server failed');
        resolve();
      }).finally(() => clearTimeout(deadline));
    };
    if (link) {
      // A worker often gets the signal twice (from the primary, and from systemd or the
      // terminal, which signal the whole group): the second must not kill it mid-stop.
      let stopping = false;
      const once = (signal: string) => () => {
        if (!stopping) stop(signal);
        stopping = true;
      };
      process.on('SIGINT', once('SIGINT'));
      process.on('SIGTERM', once('SIGTERM'));
    } else {
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    }
  });
  link?.listening(server.app.server, { modules: registry.size, problems: registry.problems.length });
  await stopped;
  // Explicitly: an idle keep-alive socket, a pool or a timer left behind must not keep a stopped server alive.
  flushLogSync(logger);
  process.exit(0);
}

main().then(
  (code) => {
    process.exitCode = code;
    // A worker of --workers N that could not start: its IPC channel would keep it alive.
    if (code !== 0 && cluster.isWorker) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`misp-modules: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
    if (cluster.isWorker) process.exit(1);
  },
);
