/**
 * The worker side of `--workers N`: tells the primary when this process
 * serves, answers the primary's requests for this process's metrics, and
 * makes /metrics, scraped on this worker, answer for the whole set (the
 * primary gathers every worker's metrics: see primary.ts).
 */
import cluster from 'node:cluster';
import { isPrimaryMessage, WORKER_SLOT_ENV, type ListeningMessage, type WorkerMessage } from './messages.js';

/** How long a scrape waits for the primary to gather the set's metrics. */
const GATHER_TIMEOUT_MS = 5000;

export class ClusterWorkerLink {
  /** This worker's slot, 1 to N: a replacement keeps the slot of the worker it replaces. */
  readonly slot: number;
  private renderLocal: (() => Promise<string>) | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (text: string) => void; timer: NodeJS.Timeout }>();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.slot = Number(env[WORKER_SLOT_ENV]) || cluster.worker?.id || 0;
    process.on('message', (message: unknown) => void this.onMessage(message));
  }

  /** For startServer's `clusterMetrics`: this process's own rendering in, the set's rendering out. */
  readonly metrics = (renderLocal: () => Promise<string>): (() => Promise<string>) => {
    this.renderLocal = renderLocal;
    return () => this.gather();
  };

  listening(info: Omit<ListeningMessage, 'kind'>): void {
    this.send({ kind: 'misp-modules:listening', ...info });
  }

  private send(message: WorkerMessage): void {
    // The primary gone between the check and the send: nothing to tell (Node ends this worker then).
    if (process.connected && process.send) process.send(message, undefined, undefined, () => undefined);
  }

  private gather(): Promise<string> {
    if (!process.connected) return Promise.reject(new Error('the primary process is gone: cannot gather the metrics of every worker'));
    const id = ++this.nextId;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the primary process did not gather the workers' metrics within ${GATHER_TIMEOUT_MS} ms`));
      }, GATHER_TIMEOUT_MS);
      this.pending.set(id, { resolve, timer });
      this.send({ kind: 'misp-modules:metrics-request', id });
    });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isPrimaryMessage(message)) return;
    if (message.kind === 'misp-modules:metrics-render') {
      let text: string | undefined;
      try {
        text = this.renderLocal ? await this.renderLocal() : undefined;
      } catch {
        text = undefined;
      }
      this.send({ kind: 'misp-modules:metrics-rendered', id: message.id, ...(text === undefined ? {} : { text }) });
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    waiting.resolve(message.text);
  }
}
