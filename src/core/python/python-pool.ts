/**
 * The processes of one Python module: up to `size` of them, started on
 * demand, each running one query at a time, so one slow module never blocks
 * the others and a slow query never blocks the module's other queries beyond
 * the pool. A query whose query is aborted (timeout, client gone) has its
 * process killed (Python code cannot be interrupted otherwise); the next
 * query starts a fresh one. A process that dies mid-query fails that query.
 */
import { AbortedError } from '../../base/errors.js';
import { BridgeProcess, type BridgeAnswer, type BridgeOptions } from './bridge-process.js';

export interface PythonPoolOptions extends Omit<BridgeOptions, 'onExit'> {
  size: number;
}

interface Waiter {
  resolve: (process: BridgeProcess) => void;
  reject: (error: Error) => void;
}

export class PythonPool {
  private readonly processes = new Set<BridgeProcess>();
  private readonly idle: BridgeProcess[] = [];
  private readonly waiting: Waiter[] = [];
  private closed = false;

  constructor(private readonly options: PythonPoolOptions) {}

  /** Adopts the process that described the module at load time, as the pool's first idle one. */
  adopt(process: BridgeProcess): void {
    this.processes.add(process);
    this.idle.push(process);
  }

  /** A new process, watched: when it exits it leaves the pool. */
  spawn(): BridgeProcess {
    return new BridgeProcess({
      ...this.options,
      onExit: (process) => {
        this.processes.delete(process);
        const index = this.idle.indexOf(process);
        if (index >= 0) this.idle.splice(index, 1);
        this.serveWaiting();
      },
    });
  }

  get size(): number {
    return this.processes.size;
  }

  private serveWaiting(): void {
    while (this.waiting.length > 0 && !this.closed) {
      const idle = this.idle.pop();
      if (idle) {
        this.waiting.shift()!.resolve(idle);
        continue;
      }
      if (this.processes.size >= this.options.size) return;
      const fresh = this.spawn();
      this.processes.add(fresh);
      const waiter = this.waiting.shift()!;
      fresh.ready.then(
        () => waiter.resolve(fresh),
        (error: Error) => waiter.reject(new Error(`the module could not be started again: ${error.message.split('\n').slice(-2).join(' ')}`)),
      );
    }
  }

  private acquire(signal: AbortSignal): Promise<BridgeProcess> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (process) => {
          signal.removeEventListener('abort', onAbort);
          if (signal.aborted) this.release(process);
          else resolve(process);
        },
        reject,
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new AbortedError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.serveWaiting();
    });
  }

  private release(process: BridgeProcess): void {
    if (process.alive && !this.closed) this.idle.push(process);
    this.serveWaiting();
  }

  /** Runs one query (the /query body as JSON text) on a free process. */
  async run(body: string, signal: AbortSignal): Promise<BridgeAnswer> {
    const process = await this.acquire(signal);
    const onAbort = () => process.kill();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await process.query(body);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.release(process);
    }
  }

  close(): void {
    this.closed = true;
    for (const process of this.processes) process.kill();
    for (const waiter of this.waiting.splice(0)) waiter.reject(new AbortedError('The server is shutting down.'));
  }
}
