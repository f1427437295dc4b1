/**
 * Queries run on this thread by a runner of their own, for modules that do
 * their work elsewhere already (Python modules: their own processes). The
 * execution policy sends them here like an isolated module's queries, so a
 * large body is parsed on a pool thread never (the pool hands it back) and
 * here only once.
 */
import type { ClientGone, QueryOutcome, QueryRunner } from '../../core/runner.js';
import { RequestError } from '../../base/errors.js';
import { parseQueryBody } from '../body.js';
import type { QueryPlace } from './execution.js';
import type { RunRequest } from './protocol.js';

export class LocalPlace implements QueryPlace<QueryOutcome> {
  constructor(
    /** A runner that writes no summary line: the execution writes it for queries run on a place. */
    private readonly runner: QueryRunner,
    private readonly maxJsonDepth: number,
  ) {}

  get running(): number {
    return this.runner.running;
  }

  abortAll(): void {
    this.runner.abortAll();
  }

  async run(request: RunRequest, clientGone?: ClientGone): Promise<QueryOutcome> {
    let body: Record<string, unknown>;
    try {
      body = request.body instanceof ArrayBuffer ? parseQueryBody(Buffer.from(request.body), this.maxJsonDepth) : request.body;
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      return { status: error.status, body: JSON.stringify({ error: error.message }), outcome: 'bad-request' };
    }
    return this.runner.run(body, request.requestId, clientGone);
  }
}
