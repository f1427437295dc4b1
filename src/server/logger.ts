/**
 * Structured logging with pino: JSON lines by default, human-readable on a
 * terminal. Every line passes through the secret registry before it is
 * written, so a secret cannot reach the log at any level, whoever logs it.
 */
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
import type { SecretRegistry } from '../core/secrets.js';

export interface LoggerOptions {
  level: string;
  /** Human-readable lines (default: when stdout is a terminal). */
  pretty?: boolean;
  /** Where lines go (tests capture them); default stdout. */
  destination?: DestinationStream;
  secrets: SecretRegistry;
}

/** pino-pretty is loaded only for a terminal: a service logging JSON never pays for it. */
function prettyStream(options: PrettyOptions): DestinationStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as (o: PrettyOptions) => DestinationStream;
  return pretty(options);
}

export function createLogger(options: LoggerOptions): Logger {
  const usePretty = options.pretty ?? (process.stdout.isTTY === true && options.destination === undefined);
  const destination =
    options.destination ??
    (usePretty ? prettyStream({ sync: true, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }) : pino.destination({ sync: false }));
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      // No path-based `redact`: it costs on every line, and the server never logs
      // request bodies. Module details are redacted by key in the module logger.
      hooks: { streamWrite: (line) => options.secrets.scrub(line) },
    },
    destination,
  );
}

/**
 * Writes a line that is already a finished, scrubbed log line (from a worker
 * thread's own logger) straight to this logger's destination.
 */
export function writeRawLine(logger: Logger, line: string): void {
  (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym]!.write(line);
}

/**
 * Writes out what the logger still buffers, synchronously: for the moments
 * before the process exits (a stop that ran out of its grace period), when
 * an asynchronous write would be lost.
 */
export function flushLogSync(logger: Logger): void {
  const stream = (logger as unknown as Record<symbol, { flushSync?: () => void }>)[pino.symbols.streamSym];
  try {
    stream?.flushSync?.();
  } catch {
    // Not open yet, or already closed: nothing buffered can be written.
  }
}
