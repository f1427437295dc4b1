/**
 * The primary process of `--workers N` (node:cluster): it binds the port,
 * forks N server processes and hands each accepted connection to one of
 * them (connection-dispatcher.ts: in turn, and never lost to a worker that
 * dies before taking it). It runs no module itself.
 *
 * - A worker that dies is replaced in the same slot, with a log line (its
 *   pid, exit code or signal) and a metric; a replacement whose predecessor
 *   died soon after starting waits longer and longer (restart-backoff.ts),
 *   so a crash loop does not spin.
 * - A worker that dies before the first set is serving (a bad setting, a
 *   custom module folder that cannot be read) ends the start: the others
 *   are stopped and the primary exits with that worker's code, as a single
 *   process would.
 * - SIGTERM and SIGINT close the port and are passed to every worker, which
 *   stops as a single process does (src/cli.ts: running queries finish
 *   within --shutdown-grace); the primary exits when all are gone, 0 when
 *   every one stopped cleanly.
 * - /metrics, scraped on any worker, is gathered here from every worker
 *   (metrics-merge.ts: a `worker` label per slot) plus the primary's own.
 */
import cluster, { type Worker } from 'node:cluster';
import { lookup } from 'node:dns/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ServerSettings } from '../settings.js';
import { ConnectionDispatcher } from './connection-dispatcher.js';
import { mergeMetrics, type MetricsPart } from './metrics-merge.js';
import { isWorkerMessage, WORKER_SLOT_ENV, WORKER_SOCKET_ENV, type MetricsRenderedMessage, type PrimaryMessage, type WorkerMessage } from './messages.js';
import { RestartBackoff, type BackoffOptions, DEFAULT_BACKOFF } from './restart-backoff.js';

/** How long the primary waits for one worker's metrics during a scrape; a worker that misses it shows `misp_modules_worker_up 0`. */
const RENDER_TIMEOUT_MS = 2000;
/** Past --shutdown-grace, how long the primary waits for workers that still have not exited before it kills them. */
const STOP_MARGIN_MS = 5000;
/** The listen backlog, as a single process has it (MISP may open a connection per attribute at once). */
const BACKLOG = 4096;

interface Slot {
  id: number;
  worker: Worker | undefined;
  /** The private folder of the worker's Unix socket. */
  socketDir: string | undefined;
  startedAt: number;
  /** Announced that it serves. */
  listening: boolean;
  restarts: number;
  backoff: RestartBackoff;
  restartTimer: NodeJS.Timeout | undefined;
}

export interface PrimaryOptions {
  settings: ServerSettings;
  logger: Logger;
  /** Called once, when every worker of the first set serves (the CLI logs its start line). */
  onServing?: (info: { url: string; modules: number; problems: number; workerPids: number[] }) => void;
  backoff?: BackoffOptions;
}

/** The addresses to bind: `localhost` is each loopback address it names (as Fastify binds it for one process). */
async function listenAddresses(host: string): Promise<string[]> {
  if (host !== 'localhost') return [host];
  const addresses = await lookup(host, { all: true });
  return [...new Set(addresses.map((a) => a.address))];
}

/** `http://host:port`, with brackets for an IPv6 address. */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Binds the port, then runs the set until it stops; resolves with the
 * primary's exit code. Rejects, before forking anything, when the port
 * cannot be bound (the error of net.Server.listen: EADDRINUSE…).
 */
export async function runPrimary(options: PrimaryOptions): Promise<number> {
  const { settings, logger } = options;
  const dispatcher = new ConnectionDispatcher({ maxWaiting: BACKLOG });
  const { port, skipped } = await dispatcher.listen(await listenAddresses(settings.listen), settings.port, BACKLOG).catch((error: unknown) => {
    dispatcher.close();
    throw error;
  });
  for (const { host, error } of skipped) logger.warn({ host, err: error }, `not listening on ${host} as well: ${error.message}`);
  const url = urlOf(settings.listen, port);
  const slots: Slot[] = Array.from({ length: settings.workers }, (_, i) => ({
    id: i + 1,
    worker: undefined,
    socketDir: undefined,
    startedAt: 0,
    listening: false,
    restarts: 0,
    backoff: new RestartBackoff(options.backoff ?? DEFAULT_BACKOFF),
    restartTimer: undefined,
  }));
  let serving = false;
  let stopping: { signal: NodeJS.Signals; clean: boolean } | undefined;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));
  /** The exit code of a worker that died before the first set was serving: the primary's own. */
  let startFailure: number | undefined;
  let nextRenderId = 0;
  const rendering = new Map<number, (message: MetricsRenderedMessage) => void>();

  // A worker that dies between the check and the send: the message is lost, which its caller's timeout covers.
  const send = (worker: Worker, message: PrimaryMessage) => {
    if (worker.isConnected()) worker.send(message, () => undefined);
  };

  const renderOne = (slot: Slot): Promise<string | undefined> => {
    const worker = slot.worker;
    if (!worker || !slot.listening) return Promise.resolve(undefined);
    const id = ++nextRenderId;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        rendering.delete(id);
        resolve(undefined);
      }, RENDER_TIMEOUT_MS);
      rendering.set(id, (message) => {
        clearTimeout(timer);
        rendering.delete(id);
        resolve(message.text);
      });
      send(worker, { kind: 'misp-modules:metrics-render', id });
    });
  };

  const gather = async (): Promise<string> => {
    const texts = await Promise.all(slots.map(renderOne));
    const parts: MetricsPart[] = slots.flatMap((slot, i) => (texts[i] === undefined ? [] : [{ labels: { worker: String(slot.id) }, text: texts[i]! }]));
    parts.push({ labels: {}, text: primaryMetrics(slots, texts, dispatcher.pending) });
    return mergeMetrics(parts);
  };

  const onMessage = (slot: Slot, worker: Worker, message: WorkerMessage) => {
    switch (message.kind) {
      case 'misp-modules:listening': {
        slot.listening = true;
        // Nothing connects to the worker's socket by its name (the primary hands connections over):
        // its folder goes now, so that no file is left behind whatever happens later.
        removeSocketDir(slot);
        dispatcher.add(worker);
        if (serving) {
          logger.info({ worker: slot.id, workerPid: worker.process.pid }, `worker ${slot.id} (pid ${worker.process.pid}) is serving`);
        } else if (slots.every((s) => s.listening)) {
          serving = true;
          options.onServing?.({ url, modules: message.modules, problems: message.problems, workerPids: slots.map((s) => s.worker?.process.pid ?? 0) });
        }
        return;
      }
      case 'misp-modules:connection-taken':
        dispatcher.settle(worker, message);
        return;
      case 'misp-modules:metrics-request':
        void gather().then((text) => send(worker, { kind: 'misp-modules:metrics-answer', id: message.id, text }));
        return;
      case 'misp-modules:metrics-rendered':
        rendering.get(message.id)?.(message);
        return;
    }
  };

  const fork = (slot: Slot) => {
    slot.restartTimer = undefined;
    slot.socketDir = mkdtempSync(join(tmpdir(), 'misp-modules-worker-'));
    const worker = cluster.fork({ [WORKER_SLOT_ENV]: String(slot.id), [WORKER_SOCKET_ENV]: join(slot.socketDir, 'http.sock') });
    slot.worker = worker;
    slot.startedAt = performance.now();
    slot.listening = false;
    worker.on('message', (message: unknown) => {
      if (isWorkerMessage(message)) onMessage(slot, worker, message);
    });
    // Its IPC channel closed: every message it sent has been read, so the connections it did not say it took never reached it.
    worker.on('disconnect', () => dispatcher.remove(worker));
    worker.on('exit', (code, signal) => {
      dispatcher.retire(worker);
      // Node may report the exit before it has read the worker's last messages, and reports no
      // 'disconnect' at all for a worker that died with a connection's hand-over unacknowledged.
      void channelDrained(worker).then(() => dispatcher.remove(worker));
      onExit(slot, worker, code, signal as NodeJS.Signals | null);
    });
    // A failed send or kill: the exit, if any, is reported by 'exit'.
    worker.on('error', (error: Error) => logger.warn({ worker: slot.id, workerPid: worker.process.pid, err: error }, `worker ${slot.id}: ${error.message}`));
  };

  const onExit = (slot: Slot, worker: Worker, code: number | null, signal: NodeJS.Signals | null) => {
    if (slot.worker !== worker) return;
    const wasListening = slot.listening;
    slot.worker = undefined;
    slot.listening = false;
    removeSocketDir(slot);
    const pid = worker.process.pid;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    if (stopping) {
      // A worker stopped by the very signal passed on before it had set up its own handling stopped cleanly too.
      const clean = code === 0 || (!wasListening && signal === stopping.signal);
      if (!clean) {
        stopping.clean = false;
        logger.error({ worker: slot.id, workerPid: pid, code, signal }, `worker ${slot.id} (pid ${pid}) ended its stop with ${how}`);
      }
      if (slots.every((s) => s.worker === undefined)) finish(stopping.clean ? 0 : 1);
      return;
    }
    if (!serving) {
      logger.error({ worker: slot.id, workerPid: pid, code, signal }, `worker ${slot.id} (pid ${pid}) exited with ${how} before the server was serving: stopping`);
      startFailure = code || 1;
      stop('SIGTERM');
      return;
    }
    slot.restarts++;
    const delayMs = slot.backoff.next(performance.now() - slot.startedAt);
    logger.error(
      { worker: slot.id, workerPid: pid, code, signal, restartInMs: delayMs },
      `worker ${slot.id} (pid ${pid}) exited with ${how}; starting a new one${delayMs > 0 ? ` in ${delayMs} ms` : ''}`,
    );
    slot.restartTimer = setTimeout(() => fork(slot), delayMs);
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = { signal, clean: true };
    dispatcher.close();
    for (const slot of slots) {
      if (slot.restartTimer) clearTimeout(slot.restartTimer);
      slot.restartTimer = undefined;
    }
    const alive = slots.filter((s) => s.worker !== undefined);
    if (serving) logger.info({ signal, workers: alive.length }, `${signal}: stopping ${alive.length} worker(s); each finishes its running queries`);
    for (const slot of alive) slot.worker!.process.kill(signal);
    if (alive.length === 0) finish(0);
    // Each worker exits within --shutdown-grace by itself; one that does not is killed.
    const deadline = setTimeout(() => {
      for (const slot of slots) {
        if (!slot.worker) continue;
        logger.error({ worker: slot.id, workerPid: slot.worker.process.pid }, `worker ${slot.id} (pid ${slot.worker.process.pid}) still running ${STOP_MARGIN_MS} ms after --shutdown-grace: killing it`);
        slot.worker.process.kill('SIGKILL');
      }
    }, settings.shutdownGraceMs + STOP_MARGIN_MS);
    deadline.unref();
  };

  const onSignal = (signal: NodeJS.Signals) => stop(signal);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  for (const slot of slots) fork(slot);
  const code = await done;
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  return startFailure ?? code;
}

/** How long the primary waits, after a worker's exit, for the end of what it sent (then it hands its untaken connections on anyway). */
const DRAIN_LIMIT_MS = 2000;

/**
 * Resolves once Node has read a dead worker's IPC channel to its end (it
 * drops `channel` then), so that every message the worker sent has been
 * handled; or after DRAIN_LIMIT_MS.
 */
function channelDrained(worker: Worker): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      if (!worker.process.channel || performance.now() - started > DRAIN_LIMIT_MS) resolve();
      else setImmediate(check);
    };
    check();
  });
}

function removeSocketDir(slot: Slot): void {
  if (slot.socketDir) rmSync(slot.socketDir, { recursive: true, force: true });
  slot.socketDir = undefined;
}

/** The primary's own metrics: workers serving, restarts per slot, which workers answered this scrape, their pids. */
function primaryMetrics(slots: readonly Slot[], texts: ReadonlyArray<string | undefined>, connectionsPending: number): string {
  const out: string[] = [];
  const metric = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  metric('misp_modules_workers', 'gauge', 'Worker processes serving now (--workers).');
  out.push(`misp_modules_workers ${slots.filter((s) => s.listening).length}`);
  metric('misp_modules_workers_wanted', 'gauge', 'Worker processes asked for (--workers).');
  out.push(`misp_modules_workers_wanted ${slots.length}`);
  metric('misp_modules_worker_restarts_total', 'counter', 'Worker processes that died and were replaced, by slot.');
  for (const slot of slots) out.push(`misp_modules_worker_restarts_total{worker="${slot.id}"} ${slot.restarts}`);
  metric('misp_modules_worker_up', 'gauge', 'Whether the worker in this slot answered this scrape (1) or not (0: starting, replaced, or busy for 2 s).');
  slots.forEach((slot, i) => out.push(`misp_modules_worker_up{worker="${slot.id}"} ${texts[i] === undefined ? 0 : 1}`));
  metric('misp_modules_worker_info', 'gauge', 'The process id of the worker in each slot.');
  for (const slot of slots) if (slot.worker?.process.pid !== undefined) out.push(`misp_modules_worker_info{worker="${slot.id}",pid="${slot.worker.process.pid}"} 1`);
  metric('misp_modules_connections_pending', 'gauge', 'Connections the primary accepted that no worker has taken yet (handed over, or waiting for a worker to serve).');
  out.push(`misp_modules_connections_pending ${connectionsPending}`);
  metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.');
  out.push(`process_resident_memory_bytes{worker="primary"} ${process.memoryUsage.rss()}`);
  return out.join('\n') + '\n';
}
