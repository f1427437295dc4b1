/**
 * A worker-pool task that runs a whole query whose body is large: parsing,
 * the module and serialising the answer all happen here, so the server's
 * event loop never holds a 20 MB event. Each pool thread builds its runner
 * once, with the same function as the server (buildRunner), from the
 * server's settings. A query for an isolated module is handed back: it runs
 * on that module's own thread, never here.
 */
import type { MessagePort } from 'node:worker_threads';
import type { QueryExecution } from './execution.js';
import { hostQuery } from './host.js';
import type { FromThread, PoolAnswer, PoolInput, ToThread } from './protocol.js';
import { buildThreadRunner } from './thread-runner.js';

/** One task runs at a time on a pool thread: log lines go to its port. */
let currentPort: MessagePort | undefined;
let execution: Promise<QueryExecution> | undefined;

export default async function runPooledQuery(input: PoolInput): Promise<PoolAnswer> {
  const { port } = input;
  currentPort = port;
  const send = (message: FromThread) => port.postMessage(message);
  try {
    execution ??= buildThreadRunner(input.settings, { role: 'pool' }, (line) => currentPort?.postMessage({ type: 'log', line } satisfies FromThread));
    const hosted = hostQuery(await execution, input, (notice) => send({ type: 'started', id: 0, ...notice }));
    port.on('message', (message: ToThread) => {
      if (message.type === 'abort') hosted.abort(message.reason);
    });
    const answer = await hosted.outcome;
    return 'runOn' in answer ? answer : { outcome: answer };
  } finally {
    currentPort = undefined;
    // After the last log line on the same port: the server waits for it before answering, so a crash's cause is never lost.
    send({ type: 'lines-done' });
    port.close();
  }
}
