/**
 * The primary's listening socket for `--workers N`: it accepts each
 * connection and hands it to the next live worker in turn, over the
 * node:cluster IPC channel, as Node's own round-robin does (the same raw
 * handles, the same single accept). Unlike Node's, it keeps its copy of a
 * connection until the worker says it took it:
 *
 * - a worker that died before taking it (killed with the hand-over in
 *   flight, or with hand-overs queued behind it) does not take the
 *   connection with it: the connection goes to another worker. Node's
 *   round-robin leaves such a connection open in the primary forever, its
 *   client waiting for an answer that never comes (reproduced: about one
 *   connection per killed worker under a stream of new connections);
 * - with no worker serving (all dead, replacements starting) connections
 *   wait here, not in a closed socket, until one serves.
 *
 * A worker takes a connection before it reads a byte of it (worker-link.ts
 * says so at once), so a connection handed again was never read. Node's
 * SCHED_NONE (each worker accepting from the shared socket) has no such loss
 * but spreads a few keep-alive connections unevenly: measured, 8 of 8 on one
 * of two workers.
 */
import type { Worker } from 'node:cluster';
import { createServer, type Server } from 'node:net';
import type { ConnectionMessage } from './messages.js';

/** A raw accepted TCP handle (libuv's, as node:cluster passes them). */
interface RawHandle {
  close(callback?: () => void): void;
}

/** The listening handle of a net.Server: Node calls `onconnection` for every accepted connection. */
interface ListeningHandle {
  onconnection: (status: number, client?: RawHandle) => void;
}

interface InFlight {
  handle: RawHandle;
  /** The worker it was handed to (a replacement in the same slot is another Worker). */
  worker: Worker;
  attempts: number;
}

/** A connection is handed over at most this many times (each to a worker that then died): then it is closed. */
const MAX_ATTEMPTS = 5;

export class ConnectionDispatcher {
  private readonly servers: Server[] = [];
  /** Workers that serve, in hand-over order. */
  private readonly ready = new Set<Worker>();
  private rotation = 0;
  /** Connections waiting for a worker to serve. */
  private readonly waiting: Array<{ handle: RawHandle; attempts: number }> = [];
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: { maxWaiting: number }) {}

  /**
   * Binds the first address, then the others on the port it got, each as
   * far as it can (`localhost` is 127.0.0.1 and ::1, and a host may have no
   * IPv6: the single process's Fastify binds it the same way). Rejects as
   * net.Server.listen does (EADDRINUSE, EADDRNOTAVAIL, EACCES) when the
   * first cannot be bound. Resolves with the port and the addresses skipped.
   */
  async listen(hosts: readonly string[], port: number, backlog: number): Promise<{ port: number; skipped: Array<{ host: string; error: Error }> }> {
    const [first, ...others] = hosts;
    const bound = await this.listenOne(first!, port, backlog);
    const skipped: Array<{ host: string; error: Error }> = [];
    for (const host of others) {
      await this.listenOne(host, bound, backlog).catch((error: Error) => skipped.push({ host, error }));
    }
    return { port: bound, skipped };
  }

  private listenOne(host: string, port: number, backlog: number): Promise<number> {
    const server = createServer();
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, backlog }, () => {
        server.off('error', reject);
        // As node:cluster's round-robin: take the raw handles, never a net.Socket (the primary reads nothing).
        const listening = (server as unknown as { _handle: ListeningHandle })._handle;
        listening.onconnection = (status, client) => {
          if (status === 0 && client) this.dispatch(client, 0);
        };
        resolve((server.address() as { port: number }).port);
      });
    });
  }

  /** A worker serves: it gets its turn, and connections waiting for one go out. */
  add(worker: Worker): void {
    this.ready.add(worker);
    while (this.waiting.length > 0 && this.ready.size > 0) {
      const next = this.waiting.shift()!;
      this.dispatch(next.handle, next.attempts);
    }
  }

  /** A worker is going: nothing more is handed to it. */
  retire(worker: Worker): void {
    this.ready.delete(worker);
  }

  /**
   * A worker is gone. Call it once everything it sent has been read (its
   * IPC channel closed: see primary.ts), not as soon as Node reports its
   * exit: only then are the connections handed on to the others exactly
   * those it never took.
   */
  remove(worker: Worker): void {
    this.ready.delete(worker);
    for (const [id, entry] of this.inFlight) {
      if (entry.worker !== worker) continue;
      this.inFlight.delete(id);
      this.dispatch(entry.handle, entry.attempts);
    }
  }

  /** The worker's answer to a hand-over. */
  settle(worker: Worker, message: { id: number; taken: boolean; stopping: boolean }): void {
    const entry = this.inFlight.get(message.id);
    if (!entry || entry.worker !== worker) return;
    this.inFlight.delete(message.id);
    // Taken: the worker has its own copy, this one goes. Refused: another worker, or closed.
    if (message.taken) return entry.handle.close();
    if (message.stopping) this.ready.delete(worker);
    this.dispatch(entry.handle, entry.attempts);
  }

  /** Connections handed over and not yet taken or refused. */
  get pending(): number {
    return this.inFlight.size + this.waiting.length;
  }

  /** Stops accepting; connections still waiting for a worker are closed. Hand-overs in flight settle as usual. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const server of this.servers) server.close();
    for (const { handle } of this.waiting.splice(0)) handle.close();
  }

  private dispatch(handle: RawHandle, attempts: number): void {
    if (this.closed && this.ready.size === 0) return handle.close();
    if (attempts >= MAX_ATTEMPTS) return handle.close();
    const workers = [...this.ready];
    if (workers.length === 0) {
      if (this.closed || this.waiting.length >= this.options.maxWaiting) return handle.close();
      this.waiting.push({ handle, attempts });
      return;
    }
    const worker = workers[this.rotation++ % workers.length]!;
    const id = ++this.nextId;
    this.inFlight.set(id, { handle, worker, attempts: attempts + 1 });
    const message: ConnectionMessage = { kind: 'misp-modules:connection', id };
    // A failed send (the channel closed under it): the worker is gone or going; remove() hands the connection on.
    worker.send(message, handle as never, () => undefined);
  }
}
