/**
 * The worker side of an isolated module: builds the same runner as the
 * server (buildThreadRunner, with this one module), then runs each query it
 * is sent, raw or parsed, through hostQuery. Log lines, scrubbed by the
 * thread's own logger, go to the server's log. Many queries may run at once,
 * as on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { QueryOutcome } from '../../core/runner.js';
import { hostQuery, type HostedQuery } from './host.js';
import type { FromThread, ModuleThreadData, ToThread } from './protocol.js';
import { crashOutcome } from './remote-query.js';
import { buildThreadRunner } from './thread-runner.js';

const data = workerData as ModuleThreadData;
const port = parentPort!;
const send = (message: FromThread) => port.postMessage(message);
const writeLine = (line: string) => send({ type: 'log', line });
const execution = buildThreadRunner(data.settings, { role: 'module', module: data.module }, writeLine);
execution.catch(() => undefined);
const running = new Map<number, HostedQuery>();
/** Stops that came while the runner was still being built. */
const stoppedEarly = new Map<number, string>();

async function run(message: Extract<ToThread, { type: 'run' }>): Promise<void> {
  let outcome: QueryOutcome;
  try {
    const hosted = hostQuery(await execution, message, (notice) => send({ type: 'started', id: message.id, ...notice }));
    running.set(message.id, hosted);
    const early = stoppedEarly.get(message.id);
    if (early !== undefined) hosted.abort(early);
    // A module's thread runs everything here: it never hands a query back.
    outcome = (await hosted.outcome) as QueryOutcome;
  } catch (error) {
    writeLine(`${JSON.stringify({ level: 50, time: Date.now(), reqId: message.requestId, module: data.module, msg: `module ${data.module} could not run in its thread: ${(error as Error)?.message ?? String(error)}` })}\n`);
    outcome = crashOutcome(message.requestId, data.module);
  } finally {
    running.delete(message.id);
    stoppedEarly.delete(message.id);
  }
  send({ type: 'outcome', id: message.id, outcome });
}

port.on('message', (message: ToThread) => {
  if (message.type === 'run') void run(message);
  else if (message.type === 'ping') send({ type: 'pong' });
  else if (running.has(message.id)) running.get(message.id)!.abort(message.reason);
  else stoppedEarly.set(message.id, message.reason);
});
