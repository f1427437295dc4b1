/**
 * The thread side of a query sent to another thread (a pool task, a
 * module's own thread), the same for both: runs it through the thread's
 * QueryExecution, tells the server when the body is parsed, stops it when the
 * server says so, and answers only once the module's work has settled, so
 * that a module that ignores its abort keeps its thread busy until the
 * server terminates it.
 */
import type { QueryOutcome } from '../../core/runner.js';
import type { HandBack, QueryExecution } from './execution.js';
import type { RunRequest, StartedNotice } from './protocol.js';

export interface HostedQuery {
  /** Asks the query to stop (the server gave up on it). */
  abort(reason: string): void;
  /** The outcome, once the module's work has settled. */
  outcome: Promise<QueryOutcome | HandBack>;
}

export function hostQuery(execution: QueryExecution, request: RunRequest, started: (notice: StartedNotice) => void): HostedQuery {
  const stopListeners: Array<() => void> = [];
  let stopped: string | undefined;
  let work: Promise<unknown> | undefined;
  const outcome = (async () => {
    const body = request.body instanceof ArrayBuffer ? Buffer.from(request.body) : request.body;
    const answer = await execution.run({
      body,
      requestId: request.requestId,
      clientGone: (listener) => {
        if (stopped !== undefined) listener();
        else stopListeners.push(listener);
      },
      onStarted: started,
      onWork: (w) => {
        work = w;
      },
    });
    await work?.catch(() => undefined);
    return answer;
  })();
  return {
    outcome,
    abort(reason) {
      if (stopped !== undefined) return;
      stopped = reason;
      for (const listener of stopListeners) listener();
    },
  };
}

