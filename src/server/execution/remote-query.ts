/**
 * The server's side of one query running on another thread (a pool thread
 * or a module's own thread), the same for both: the query's deadline starts
 * when the thread says the body is parsed (its timeout is known then); at the
 * deadline, when the client hangs up or on shutdown the server answers
 * `Timeout.` at once and tells the place to stop the query (the place
 * terminates the thread if the query does not stop within the grace period).
 * A thread lost while running the query is a crash naming the module.
 */
import { TIMEOUT_ERROR, type ClientGone, type QueryOutcome } from '../../core/runner.js';
import type { StartedNotice } from './protocol.js';

const TIMED_OUT = Symbol('timed out');

export function errorOutcome(kind: QueryOutcome['outcome'], message: string, module?: string): QueryOutcome {
  return { status: 200, body: JSON.stringify({ error: message }), outcome: kind, ...(module ? { module } : {}) };
}

export function crashOutcome(requestId: string, module?: string): QueryOutcome {
  return errorOutcome(
    'crash',
    `Something went wrong${module ? ` in module '${module}'` : ''}, look in the server logs for details (request id ${requestId}).`,
    module,
  );
}

export interface RemoteRun<A> {
  requestId: string;
  /** The thread's answer; rejects when the thread is lost while running the query. */
  answer: Promise<A>;
  /** Wraps an outcome the server gives itself (timeout, crash) in the place's answer type. */
  wrap: (outcome: QueryOutcome) => A;
  /** Tells the place to stop the query (it terminates the thread after the grace period). */
  stop: (reason: string) => void;
  /** Logs why the thread was lost. */
  lost: (error: unknown, module: string | undefined) => void;
  clientGone?: ClientGone | undefined;
}

/** One query on another thread, seen from the server. `started` is called with the thread's notice. */
export class RemoteQuery {
  module: string | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private expire: (() => void) | undefined;
  private readonly expired = new Promise<typeof TIMED_OUT>((resolve) => {
    this.expire = () => resolve(TIMED_OUT);
  });
  private leave: ((why: 'gone' | 'shutdown') => void) | undefined;
  private readonly left = new Promise<'gone' | 'shutdown'>((resolve) => {
    this.leave = resolve;
  });

  started(notice: StartedNotice): void {
    this.module = notice.module;
    clearTimeout(this.deadline);
    this.deadline = setTimeout(() => this.expire?.(), notice.timeoutSeconds * 1000);
  }

  /** The server is shutting down: the query is answered `Timeout.` and stopped. */
  shutdown(): void {
    this.leave?.('shutdown');
  }

  async settle<A>(run: RemoteRun<A>): Promise<A> {
    run.answer.catch(() => undefined);
    run.clientGone?.(() => this.leave?.('gone'));
    try {
      const winner = await Promise.race([run.answer, this.expired, this.left]);
      if (winner === TIMED_OUT) {
        run.stop('Timed out.');
        return run.wrap(errorOutcome('timeout', TIMEOUT_ERROR, this.module));
      }
      if (winner === 'gone' || winner === 'shutdown') {
        run.stop(winner === 'shutdown' ? 'The server is shutting down.' : 'The client went away.');
        return run.wrap(errorOutcome('aborted', TIMEOUT_ERROR, this.module));
      }
      return winner;
    } catch (error) {
      run.lost(error, this.module);
      return run.wrap(crashOutcome(run.requestId, this.module));
    } finally {
      clearTimeout(this.deadline);
    }
  }
}
