#!/usr/bin/env node
/**
 * misp-modules: start the server (flags compatible with the Python server).
 */
import { formatCheckReport } from './cli/check-report.js';
import { loadEveryModule } from './core/lazy-module.js';
import { HELP, parseCommandLine, UsageError, type CliCommand } from './cli/options.js';
import { flushLogSync } from './server/logger.js';
import { createServer, startServer } from './server/start.js';
import { VERSION } from './version.js';

function isPublicBind(address: string): boolean {
  return !['127.0.0.1', 'localhost', '::1'].includes(address) && !address.startsWith('127.');
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

  let server;
  try {
    server = await startServer({ settings: command.settings });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      process.stderr.write(`misp-modules: port ${command.settings.port} on ${command.settings.listen} is already in use (another misp-modules server?). Stop it or pick another port with -p.\n`);
      return 1;
    }
    if (e.code === 'EADDRNOTAVAIL' || e.code === 'EACCES' || e.code === 'ENOTFOUND') {
      process.stderr.write(`misp-modules: cannot listen on ${command.settings.listen}:${command.settings.port}: ${e.message}\n`);
      return 1;
    }
    throw error;
  }
  const { logger, registry, settings } = server;
  logger.info({ url: server.url, modules: registry.size, problems: registry.problems.length }, `misp-modules ${VERSION} listening on ${server.url} with ${registry.size} modules`);
  if (isPublicBind(settings.listen) && !settings.authToken) {
    logger.warn(`listening on ${settings.listen}, reachable from other hosts, without --auth-token: put it behind a firewall or a reverse proxy with TLS`);
  }
  if (command.test) {
    await server.close();
    if (registry.problems.length === 0) return 0;
    const lines = registry.problems.map((p) => `  ${p.source}: ${p.reason}\n`).join('');
    process.stderr.write(`misp-modules: ${registry.problems.length} module(s) could not be loaded:\n${lines}`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal, running: server.runner.running }, 'shutting down: finishing running queries');
      const closed = server.close();
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
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  // Explicitly: an idle keep-alive socket, a pool or a timer left behind must not keep a stopped server alive.
  flushLogSync(logger);
  process.exit(0);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`misp-modules: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
