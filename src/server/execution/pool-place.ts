/**
 * Queries whose body is over `--offload-bytes` run on the worker pool
 * (pool-task.ts): MISP's export of a large event, or an import of a large
 * file, then never holds the event loop that answers every other query.
 * The body is transferred, not copied. The server keeps the deadline
 * (remote-query.ts); a query told to stop that does not within the grace
 * period has its pool thread terminated, so a module stuck on the CPU is
 * stopped too.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import { AbortedError } from '../../base/errors.js';
import type { ClientGone } from '../../core/runner.js';
import type { WorkerPool } from '../../core/worker-pool.js';
import type { QueryPlace } from './execution.js';
import type { ExecutionSettings, FromThread, PoolAnswer, PoolInput, RunRequest, ToThread } from './protocol.js';
import { RemoteQuery } from './remote-query.js';

const TASK = new URL('./pool-task.js', import.meta.url);
/** How long the server waits for a task's last log lines once it ended (a thread that died sends no more). */
const LINES_WAIT_MS = 2000;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Closes the task's port once its last log line arrived, or after LINES_WAIT_MS. */
async function closeAfter(port: MessagePort, allLines: Promise<void>): Promise<void> {
  await Promise.race([allLines, delay(LINES_WAIT_MS)]);
  port.close();
}

export interface PoolPlaceOptions {
  pool: WorkerPool;
  settings: ExecutionSettings;
  /** Writes a log line from the task (already scrubbed there) to the server's log. */
  writeLine: (line: string) => void;
  graceMs: number;
  logger: Logger;
}

export class PoolPlace implements QueryPlace<PoolAnswer> {
  private readonly tasks = new Set<AbortController>();
  /** Queries not answered yet. */
  private readonly waiting = new Set<RemoteQuery>();

  constructor(private readonly options: PoolPlaceOptions) {}

  get running(): number {
    return this.tasks.size;
  }

  abortAll(): void {
    for (const remote of this.waiting) remote.shutdown();
  }

  async run(request: RunRequest, clientGone?: ClientGone): Promise<PoolAnswer> {
    const hardStop = new AbortController();
    this.tasks.add(hardStop);
    const { port1, port2 } = new MessageChannel();
    const remote = new RemoteQuery();
    // Log lines come on port1, the outcome through the pool: the lines may arrive after the
    // outcome, so port1 is closed only once the task said its last line went (or after LINES_WAIT_MS).
    let linesDone!: () => void;
    const allLines = new Promise<void>((resolve) => {
      linesDone = resolve;
      port1.once('close', resolve);
    });
    port1.on('message', (message: FromThread) => {
      if (message.type === 'log') this.options.writeLine(message.line);
      else if (message.type === 'started') remote.started(message);
      else if (message.type === 'lines-done') linesDone();
    });
    const input: PoolInput = { ...request, settings: this.options.settings, port: port2 };
    const transferList = request.body instanceof ArrayBuffer ? [request.body, port2] : [port2];
    const task = this.options.pool.forQuery(hardStop.signal).run<PoolInput, PoolAnswer>(TASK, input, { transferList });
    let grace: NodeJS.Timeout | undefined;
    let taskEnded = false;
    void task
      .catch(() => undefined)
      .finally(() => {
        taskEnded = true;
        clearTimeout(grace);
        this.tasks.delete(hardStop);
        void closeAfter(port1, allLines);
      });
    this.waiting.add(remote);
    const answer = await remote.settle<PoolAnswer>({
      requestId: request.requestId,
      answer: task,
      wrap: (outcome) => ({ outcome }),
      stop: (reason) => {
        if (grace || hardStop.signal.aborted) return;
        port1.postMessage({ type: 'abort', id: 0, reason } satisfies ToThread);
        grace = setTimeout(() => hardStop.abort(new AbortedError(reason)), this.options.graceMs);
      },
      lost: (error, module) => {
        if (!hardStop.signal.aborted) this.options.logger.error({ err: error, reqId: request.requestId, module }, 'an offloaded query lost its worker thread');
      },
      clientGone,
    }).finally(() => this.waiting.delete(remote));
    // An answer the task gave (or a crash) waits for the task's last log lines: they come before the summary line.
    if (taskEnded) await Promise.race([allLines, delay(LINES_WAIT_MS)]);
    return answer;
  }
}
