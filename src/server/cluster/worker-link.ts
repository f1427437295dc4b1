/**
 * The worker side of `--workers N`. The worker's HTTP server listens on a
 * private Unix socket (in a 0700 folder the primary made), so that it is a
 * whole, ordinary server (its stop waits for its connections as one
 * process's does), and takes the connections the primary hands it
 * (connection-dispatcher.ts) as if it had accepted them itself. It also
 * tells the primary when it serves, answers the primary's requests for its
 * metrics, and makes /metrics, scraped here, answer for the whole set.
 */
import cluster from 'node:cluster';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { isPrimaryMessage, WORKER_SLOT_ENV, WORKER_SOCKET_ENV, type ListeningMessage, type WorkerMessage } from './messages.js';

/** How long a scrape waits for the primary to gather the set's metrics. */
const GATHER_TIMEOUT_MS = 5000;

/** A raw TCP handle from the primary. */
interface RawHandle {
  close(callback?: () => void): void;
}

/** The listening handle of a net.Server: `onconnection` is what Node calls for a connection it accepted. */
interface ListeningHandle {
  onconnection(status: number, client: RawHandle): void;
}

export class ClusterWorkerLink {
  /** This worker's slot, 1 to N: a replacement keeps the slot of the worker it replaces. */
  readonly slot: number;
  /** The Unix socket this worker's server listens on. */
  readonly socketPath: string;
  private server: Server | undefined;
  /** Set when the stop begins: connections handed over from then on go to another worker, not to a 503. */
  private stopping = false;
  /** Connections taken whose first request has not arrived yet: the stop lets it arrive (see stopAccepting). */
  private readonly awaitingRequest = new Set<Socket>();
  private onSettled: (() => void) | undefined;
  private renderLocal: (() => Promise<string>) | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (text: string) => void; timer: NodeJS.Timeout }>();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.slot = Number(env[WORKER_SLOT_ENV]) || cluster.worker?.id || 0;
    const socketPath = env[WORKER_SOCKET_ENV];
    if (!socketPath) throw new Error(`a --workers worker needs ${WORKER_SOCKET_ENV}: it is started by the primary process only`);
    this.socketPath = socketPath;
    process.on('message', (message: unknown, handle: unknown) => void this.onMessage(message, handle as RawHandle | undefined));
  }

  /** For startServer's `clusterMetrics`: this process's own rendering in, the set's rendering out. */
  readonly metrics = (renderLocal: () => Promise<string>): (() => Promise<string>) => {
    this.renderLocal = renderLocal;
    return () => this.gather();
  };

  /** The server is listening on `socketPath`: connections from the primary go to it, and the primary is told. */
  listening(server: Server, info: Omit<ListeningMessage, 'kind'>): void {
    this.server = server;
    // Every connection here was handed over by the primary: it waits for its first request.
    server.on('connection', (socket: Socket) => {
      this.awaitingRequest.add(socket);
      socket.once('close', () => this.settled(socket));
    });
    server.on('request', (request: IncomingMessage) => this.settled(request.socket));
    this.send({ kind: 'misp-modules:listening', ...info });
  }

  private settled(socket: Socket): void {
    this.awaitingRequest.delete(socket);
    if (this.awaitingRequest.size === 0) this.onSettled?.();
  }

  /**
   * The stop begins: hand-overs are refused from now on (they go to another
   * worker), and the returned promise resolves once every connection taken
   * before has sent its first request, or after `limitMs`. Closing the
   * server before that would treat such a connection as idle and cut it,
   * its request unread (the client sees a reset), when the primary handed
   * it over an instant before the stop.
   */
  stopAccepting(limitMs: number): Promise<void> {
    this.stopping = true;
    if (this.awaitingRequest.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, limitMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.onSettled = done;
    });
  }

  private send(message: WorkerMessage): void {
    // The primary gone between the check and the send: nothing to tell (Node ends this worker then).
    if (process.connected && process.send) process.send(message, undefined, undefined, () => undefined);
  }

  /**
   * Takes a connection as the server's own accept would (Node's cluster
   * workers do the same with the connections its round-robin hands them),
   * then says so before any byte of it is read: the socket starts reading
   * on a later turn of the event loop. A stopping server refuses it.
   */
  private takeConnection(id: number, handle: RawHandle | undefined): void {
    const listening = this.server?.listening && !this.stopping ? (this.server as unknown as { _handle: ListeningHandle | null })._handle : null;
    if (!handle || !listening) {
      handle?.close();
      this.send({ kind: 'misp-modules:connection-taken', id, taken: false, stopping: this.stopping || !this.server?.listening });
      return;
    }
    listening.onconnection(0, handle);
    this.send({ kind: 'misp-modules:connection-taken', id, taken: true, stopping: false });
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

  private async onMessage(message: unknown, handle: RawHandle | undefined): Promise<void> {
    if (!isPrimaryMessage(message)) return;
    switch (message.kind) {
      case 'misp-modules:connection':
        this.takeConnection(message.id, handle);
        return;
      case 'misp-modules:metrics-render': {
        let text: string | undefined;
        try {
          text = this.renderLocal ? await this.renderLocal() : undefined;
        } catch {
          text = undefined;
        }
        this.send({ kind: 'misp-modules:metrics-rendered', id: message.id, ...(text === undefined ? {} : { text }) });
        return;
      }
      case 'misp-modules:metrics-answer': {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        clearTimeout(waiting.timer);
        waiting.resolve(message.text);
        return;
      }
    }
  }
}
