/**
 * The worker side of an isolated module: imports the module once, then runs
 * each query it is sent with a context of its own (network clients built
 * from the server's settings, logging sent back to the server's logger,
 * which scrubs secrets). Many queries may run at once, as on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AbortedError, ModuleError } from '../../base/errors.js';
import { importSource } from '../import-source.js';
import { LazyAbort } from '../lazy-abort.js';
import type { ModuleDefinition, ModuleLogger } from '../module.js';
import { QueryContext } from '../query-context.js';
import { ResourceCache } from '../resource-cache.js';
import { WorkerPool } from '../worker-pool.js';
import { createNetwork } from '../../net/network.js';
import type { FromThread, ThreadData, ToThread } from './protocol.js';

const data = workerData as ThreadData;
const port = parentPort!;
const network = createNetwork(data.network);
const workers = new WorkerPool({ maxThreads: 1 });
const resources = new ResourceCache();
const running = new Map<number, LazyAbort>();

const send = (message: FromThread) => port.postMessage(message);

async function loadModule(): Promise<ModuleDefinition> {
  const imported = await importSource<{ default?: unknown; builtinModules?: readonly ModuleDefinition[] }>(data.source.url);
  const module = data.source.builtin
    ? imported.builtinModules?.find((m) => m.name === data.source.name)
    : (imported.default as ModuleDefinition | undefined);
  if (!module || typeof module.handle !== 'function') throw new Error(`module ${data.source.name} not found in ${data.source.url}`);
  return module;
}

const moduleReady = loadModule();

function threadLogger(id: number): ModuleLogger {
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, details?: Record<string, unknown>) => {
    send({ type: 'log', id, level, message: String(message), ...(details ? { details: cloneable(details) } : {}) });
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** Log details go through structured clone; anything that cannot is sent as text. */
function cloneable(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(details);
  } catch {
    return { details: String(details) };
  }
}

async function run(message: Extract<ToThread, { type: 'run' }>): Promise<void> {
  const abort = new LazyAbort();
  running.set(message.id, abort);
  try {
    const module = await moduleReady;
    send({ type: 'started', id: message.id });
    const ctx = new QueryContext(message.config, message.configProvided, threadLogger(message.id), message.requestId, abort, network, workers, resources);
    const result = await module.handle(message.query as never, ctx);
    try {
      send({ type: 'result', id: message.id, result });
    } catch (error) {
      send({ type: 'failed', id: message.id, message: `the result cannot be sent back: ${(error as Error).message}`, moduleError: false, aborted: false });
    }
  } catch (error) {
    const err = error as Error;
    send({
      type: 'failed',
      id: message.id,
      message: String(err?.message ?? error),
      // By name too: a custom module may bring its own copy of the package.
      moduleError: error instanceof ModuleError || err?.name === 'ModuleError',
      aborted: abort.aborted || error instanceof AbortedError,
      ...(err?.stack ? { stack: err.stack } : {}),
    });
  } finally {
    running.delete(message.id);
  }
}

port.on('message', (message: ToThread) => {
  if (message.type === 'run') void run(message);
  else if (message.type === 'ping') send({ type: 'pong' });
  else running.get(message.id)?.abort(new AbortedError(message.reason));
});
