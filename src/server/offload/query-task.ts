/**
 * A worker-pool task that runs a whole /query whose body is large: parsing,
 * the module and serialising the answer all happen here, so the server's
 * event loop never holds a 20 MB event. Each worker thread builds its own
 * runner once (registry, network, logger), from the server's settings.
 */
import type { MessagePort } from 'node:worker_threads';
import { importCustomModule } from '../../core/custom-module-file.js';
import { RequestError } from '../../base/errors.js';
import { ModuleRegistry } from '../../core/registry.js';
import { ResourceCache } from '../../core/resource-cache.js';
import { QueryRunner, type QueryOutcome } from '../../core/runner.js';
import { SecretRegistry } from '../../core/secrets.js';
import { parseTimeoutSeconds } from '../../core/timeout.js';
import { WorkerPool } from '../../core/worker-pool.js';
import { builtinModules } from '../../modules/index.js';
import { createNetwork } from '../../net/network.js';
import { parseQueryBody } from '../body.js';
import { createLogger } from '../logger.js';
import type { OffloadInput, OffloadSettings, StartedNotice } from './protocol.js';

/** One task runs at a time on a pool thread: log lines go to its port. */
let currentPort: MessagePort | undefined;
let runner: Promise<QueryRunner> | undefined;

async function buildRunner(settings: OffloadSettings): Promise<QueryRunner> {
  const secrets = new SecretRegistry();
  const logger = createLogger({ level: settings.logLevel, secrets, pretty: false, destination: { write: (line: string) => currentPort?.postMessage(line) } });
  const registry = new ModuleRegistry(builtinModules);
  for (const file of settings.customFiles) {
    const loaded = await importCustomModule(file);
    if ('module' in loaded) registry.add(loaded.module);
  }
  return new QueryRunner({
    registry,
    logger,
    secrets,
    network: createNetwork(settings.network),
    workers: new WorkerPool({ maxThreads: 1 }),
    resources: new ResourceCache(),
    defaultTimeoutSeconds: settings.defaultTimeoutSeconds,
    logSummary: false,
    ...(settings.strictResults ? { checkResult: (await import('../result-checker.js')).createResultChecker() } : {}),
  });
}

function timeoutOf(body: Record<string, unknown>, settings: OffloadSettings): number {
  try {
    return parseTimeoutSeconds(body['timeout'], settings.defaultTimeoutSeconds);
  } catch {
    return settings.defaultTimeoutSeconds; // the runner answers the bad timeout itself
  }
}

export default async function runOffloadedQuery(input: OffloadInput): Promise<QueryOutcome> {
  currentPort = input.port;
  try {
    runner ??= buildRunner(input.settings);
    const queryRunner = await runner;
    let body: Record<string, unknown>;
    try {
      body = parseQueryBody(Buffer.from(input.body), input.settings.maxJsonDepth);
    } catch (error) {
      if (error instanceof RequestError) return { status: error.status, body: JSON.stringify({ error: error.message }), outcome: 'bad-request' };
      throw error;
    }
    const name = body['module'];
    const notice: StartedNotice = { type: 'started', timeoutSeconds: timeoutOf(body, input.settings), ...(typeof name === 'string' ? { module: name.slice(0, 200) } : {}) };
    input.port.postMessage(notice);
    return await queryRunner.run(body, input.requestId);
  } finally {
    currentPort = undefined;
    input.port.close();
  }
}
