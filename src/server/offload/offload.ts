/**
 * Runs a /query whose body is over `--offload-bytes` on the worker pool
 * (query-task.ts): MISP's export of a large event, or an import of a large
 * file, then never blocks the event loop that answers every other query.
 *
 * The task enforces the query's timeout itself; the server also keeps a
 * deadline (the timeout plus a grace period, from when the body is parsed)
 * and terminates the thread when it passes, so a module stuck on the CPU is
 * stopped too. A client that hangs up aborts the task the same way.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AbortedError } from '../../base/errors.js';
import type { ClientGone, QueryOutcome } from '../../core/runner.js';
import type { WorkerPool } from '../../core/worker-pool.js';
import { TIMEOUT_ERROR } from '../../core/runner.js';
import type { LinesDoneNotice, OffloadInput, OffloadSettings, StartedNotice } from './protocol.js';

const TASK = new URL('./query-task.js', import.meta.url);
const TIMED_OUT = Symbol('timed out');
/** How long the server waits for a task's last log lines after its outcome. */
const LINES_WAIT_MS = 2000;

export interface OffloadOptions {
  pool: WorkerPool;
  settings: OffloadSettings;
  /** Writes a log line from the task (already scrubbed there) to the server's log. */
  writeLine: (line: string) => void;
  graceMs: number;
  logger: Logger;
}

function outcome(kind: QueryOutcome['outcome'], message: string, module?: string): QueryOutcome {
  return { status: 200, body: JSON.stringify({ error: message }), outcome: kind, ...(module ? { module } : {}) };
}

/** The body's bytes, as an ArrayBuffer the task can own (copied only when shared with other data). */
function ownBytes(raw: Buffer): ArrayBuffer {
  const buffer = raw.buffer as ArrayBuffer;
  return raw.byteOffset === 0 && raw.byteLength === buffer.byteLength ? buffer : buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
}

export class QueryOffload {
  private readonly running = new Set<AbortController>();

  constructor(private readonly options: OffloadOptions) {}

  get inFlight(): number {
    return this.running.size;
  }

  abortAll(): void {
    for (const abort of this.running) abort.abort(new AbortedError('The server is shutting down.'));
  }

  async run(raw: Buffer, requestId: string, clientGone?: ClientGone): Promise<QueryOutcome> {
    const abort = new AbortController();
    this.running.add(abort);
    const { port1, port2 } = new MessageChannel();
    let module: string | undefined;
    let deadline: NodeJS.Timeout | undefined;
    // Log lines come on port1, the outcome through the pool: the lines may arrive after
    // the outcome, so port1 is closed only once the task said its last line went (or its thread died).
    let linesDone!: () => void;
    const allLines = new Promise<void>((resolve) => {
      linesDone = resolve;
      port1.once('close', resolve);
    });
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => {
      port1.on('message', (message: string | StartedNotice | LinesDoneNotice) => {
        if (typeof message === 'string') return this.options.writeLine(message);
        if (message.type === 'lines-done') return linesDone();
        module = message.module;
        deadline = setTimeout(() => resolve(TIMED_OUT), message.timeoutSeconds * 1000 + this.options.graceMs);
      });
    });
    clientGone?.(() => abort.abort(new AbortedError('The client went away.')));
    const input: OffloadInput = { body: ownBytes(raw), requestId, settings: this.options.settings, port: port2 };
    const task = this.options.pool.forQuery(abort.signal).run<OffloadInput, QueryOutcome>(TASK, input, { transferList: [input.body, port2] });
    task.catch(() => undefined);
    try {
      const winner = await Promise.race([task, timedOut]);
      if (winner === TIMED_OUT) {
        abort.abort(new AbortedError('Timed out.'));
        return outcome('timeout', TIMEOUT_ERROR, module);
      }
      return winner;
    } catch (error) {
      if (abort.signal.aborted) return outcome('aborted', TIMEOUT_ERROR, module);
      // The thread itself failed (out of memory, say): the query still gets an answer.
      this.options.logger.error({ err: error, reqId: requestId, module }, 'an offloaded query lost its worker thread');
      return outcome(
        'crash',
        `Something went wrong${module ? ` in module '${module}'` : ''}, look in the server logs for details (request id ${requestId}).`,
        module,
      );
    } finally {
      clearTimeout(deadline);
      this.running.delete(abort);
      // Before the answer and its summary line: the task's lines (a crash's cause) come first.
      await this.closeAfterLines(port1, allLines);
    }
  }

  /** Closes the port once the task's last log line arrived, or after LINES_WAIT_MS (a thread that died sends no more). */
  private async closeAfterLines(port: MessagePort, allLines: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([allLines, new Promise<void>((resolve) => (timer = setTimeout(resolve, LINES_WAIT_MS)))]);
    clearTimeout(timer);
    port.close();
  }
}
