/**
 * The connections to one https origin when HTTP/2 is on (`--upstream-http2`):
 * HTTP/2 when the server picks it by ALPN, HTTP/1.1 otherwise.
 *
 * undici 7 speaks HTTP/2 with `allowH2`, but its Pool does not multiplex a
 * burst: a connection still in its handshake takes one request, so 1,000
 * requests sent at once open 1,000 TLS connections, and a Client runs no
 * more streams than its `pipelining` (default 1) (undici issue #4143). One
 * of these per origin does what undici leaves out:
 *  - the first request opens one connection offering h2 and http/1.1; the
 *    requests that come during its handshake wait here (each can still be
 *    aborted);
 *  - h2 picked: a request goes to the HTTP/2 connection with the fewest
 *    requests among those under `streams` (`streamsPerConnection`, or
 *    `concurrency` when lower: the Client's `pipelining`); another
 *    connection is opened only when all are full, up to
 *    `ceil(concurrency / streams)`; past that requests wait here until a
 *    full Client's 'drain' says a stream is free;
 *  - http/1.1 picked: that connection finishes its request and closes; the
 *    origin's requests go to an ordinary undici Pool of `concurrency`
 *    HTTP/1.1-only connections, as with HTTP/2 off;
 *  - the first connection fails: the requests waiting for it fail with its
 *    error (a dead host is tried once, not once per request); the next
 *    request tries again.
 * Only GET and HEAD requests without a body are multiplexed
 * (`multiplexing.ts` says why); others go to the HTTP/1.1 pool whatever the
 * server speaks. An HTTP/2 connection idle for `idleTimeoutMs` is closed.
 * Every connection is opened by the connector it is given (the URL guard's
 * checked lookup, `--ca-file`, an unverified or a proxy-tunnelled TLS), so
 * HTTP/2 changes nothing in what may be reached or trusted.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Client, Dispatcher, Pool, errors, type buildConnector } from 'undici';
import { canMultiplex } from './multiplexing.js';

export type UpstreamProtocol = 'h2' | 'http/1.1';

export interface Http2OriginPoolOptions {
  /** Opens a connection offering h2 and http/1.1 by ALPN. */
  connectAny: buildConnector.connector;
  /** Opens a connection offering http/1.1 only (the Pool used once the server has chosen it). */
  connectHttp1: buildConnector.connector;
  /** Concurrent requests to the origin: HTTP/1.1 connections, or HTTP/2 streams over all connections. */
  concurrency: number;
  streamsPerConnection: number;
  /**
   * An HTTP/2 connection with nothing in flight for this long is closed.
   * undici closes idle HTTP/1.1 connections (after 4 s) but keeps HTTP/2
   * ones open, pinging them every minute, for as long as the server lets it:
   * without this, each origin ever reached (user URLs too) would keep its
   * connections.
   */
  idleTimeoutMs: number;
  /** Called for every connection opened, with the protocol it speaks. */
  onConnection(protocol: UpstreamProtocol): void;
}

type State = 'unknown' | 'probing' | UpstreamProtocol;

interface Waiting {
  opts: Dispatcher.DispatchOptions;
  handler: Dispatcher.DispatchHandler;
  /** Removes the abort listener. */
  stop(): void;
}

export function negotiatedProtocol(socket: Socket | TLSSocket): UpstreamProtocol {
  return (socket as TLSSocket).alpnProtocol === 'h2' ? 'h2' : 'http/1.1';
}

export class Http2OriginPool extends Dispatcher {
  readonly #origin: URL;
  readonly #options: Http2OriginPoolOptions;
  /** Requests one HTTP/2 connection carries at once: its undici `pipelining`. */
  readonly #streams: number;
  readonly #maxConnections: number;
  #state: State = 'unknown';
  /** The first connection's client while its handshake runs. */
  #prober: Client | undefined;
  /** Clients whose last connection spoke h2, in the order they were opened. */
  readonly #http2: Client[] = [];
  #http1: Pool | undefined;
  /** Every client or pool not yet closed (for close and destroy). */
  readonly #alive = new Set<Dispatcher>();
  readonly #waiting: Waiting[] = [];
  /** When each HTTP/2 client was last given a request. */
  readonly #lastUsed = new Map<Client, number>();
  #idleTimer: NodeJS.Timeout | undefined;
  #closing = false;
  #destroyed = false;
  #onIdle: (() => void) | undefined;

  constructor(origin: URL, options: Http2OriginPoolOptions) {
    super();
    this.#origin = origin;
    this.#options = options;
    this.#streams = Math.max(1, Math.min(options.streamsPerConnection, options.concurrency));
    this.#maxConnections = Math.ceil(options.concurrency / this.#streams);
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  get closed(): boolean {
    return this.#closing;
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (this.#destroyed || this.#closing) {
      handler.onError?.(this.#destroyed ? new errors.ClientDestroyedError() : new errors.ClientClosedError());
      return false;
    }
    // Requests already waiting go first.
    if (this.#waiting.length > 0 || !this.#tryDispatch(opts, handler)) this.#wait(opts, handler);
    return true;
  }

  /** Sends the request on its way if it can go now. */
  #tryDispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (!canMultiplex(opts.method, opts.body != null)) {
      this.#pool().dispatch(opts, handler);
      return true;
    }
    switch (this.#state) {
      case 'probing':
        return false;
      case 'unknown':
        this.#state = 'probing';
        this.#prober = this.#openClient();
        this.#use(this.#prober);
        this.#prober.dispatch(opts, handler);
        return true;
      case 'http/1.1':
        this.#pool().dispatch(opts, handler);
        return true;
      case 'h2': {
        const client = this.#clientWithFreeStream();
        if (!client) return false;
        this.#use(client);
        client.dispatch(opts, handler);
        return true;
      }
    }
  }

  #wait(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): void {
    const signal = (opts as { signal?: AbortSignal | null }).signal;
    const entry: Waiting = { opts, handler, stop: () => {} };
    if (signal && typeof signal.addEventListener === 'function') {
      const abortError = () => (signal.reason as Error | undefined) ?? new errors.RequestAbortedError();
      if (signal.aborted) {
        handler.onError?.(abortError());
        return;
      }
      const onAbort = () => {
        const at = this.#waiting.indexOf(entry);
        if (at === -1) return;
        this.#waiting.splice(at, 1);
        handler.onError?.(abortError());
        this.#checkIdle();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.stop = () => signal.removeEventListener('abort', onAbort);
    }
    this.#waiting.push(entry);
  }

  /** Sends waiting requests while they can go. */
  #pump(): void {
    while (this.#waiting.length > 0 && !this.#destroyed) {
      const next = this.#waiting[0]!;
      const signal = (next.opts as { signal?: AbortSignal | null }).signal;
      if (signal?.aborted) {
        // Its abort listener (after undici's own) has not run yet: fail it here instead of sending it.
        this.#waiting.shift();
        next.stop();
        next.handler.onError?.((signal.reason as Error | undefined) ?? new errors.RequestAbortedError());
        continue;
      }
      if (!this.#tryDispatch(next.opts, next.handler)) break;
      this.#waiting.shift();
      next.stop();
    }
    this.#checkIdle();
  }

  #checkIdle(): void {
    if (this.#waiting.length === 0 && this.#onIdle) {
      const resolve = this.#onIdle;
      this.#onIdle = undefined;
      resolve();
    }
  }

  #failWaiting(error: Error): void {
    for (const entry of this.#waiting.splice(0)) {
      entry.stop();
      entry.handler.onError?.(error);
    }
    this.#checkIdle();
  }

  #clientWithFreeStream(): Client | undefined {
    let best: Client | undefined;
    let bestSize = this.#streams;
    for (const client of [...this.#http2]) {
      if (client.closed || client.destroyed) {
        this.#retire(client);
        continue;
      }
      const size = client.stats.size;
      if (size < bestSize) {
        best = client;
        bestSize = size;
      }
    }
    if (best || this.#http2.length >= this.#maxConnections) return best;
    // Opened only when every connection is full: it takes requests up to the limit while it connects.
    const client = this.#openClient();
    this.#http2.push(client);
    return client;
  }

  /** A client whose connections offer h2 and http/1.1, and report what they got. */
  #openClient(): Client {
    const streams = this.#streams;
    const client: Client = new Client(this.#origin, {
      connect: (connectOptions, callback) => {
        this.#options.connectAny(connectOptions, (error, socket) => {
          if (error || !socket) {
            callback(error ?? new Error('no socket'), null);
            this.#connectFailed(client, error ?? new Error('no socket'));
            return;
          }
          const protocol = negotiatedProtocol(socket);
          // Set before undici takes the socket: its first write already sends up to this many.
          client.pipelining = protocol === 'h2' ? streams : 1;
          try {
            callback(null, socket);
          } catch (thrown) {
            // A bug inside undici (its queue no longer consistent): fail this client's
            // requests with it rather than let it escape from a socket callback and stop the server.
            this.#retire(client);
            void client.destroy(thrown as Error).catch(() => {});
            return;
          }
          this.#connected(client, protocol);
        });
      },
    });
    this.#track(client);
    client.on('drain', () => this.#pump());
    // As undici's Pool does: a client whose connection failed is not used again.
    client.on('connectionError', () => this.#retire(client));
    return client;
  }

  #connected(client: Client, protocol: UpstreamProtocol): void {
    this.#options.onConnection(protocol);
    if (client === this.#prober) this.#prober = undefined;
    if (protocol === 'h2') {
      this.#state = 'h2';
      // A retired client may reconnect to finish what it holds: it takes nothing new.
      if (!client.closed && !this.#http2.includes(client)) this.#http2.push(client);
    } else {
      // The server chose HTTP/1.1 (or no longer offers h2): this connection
      // finishes what it holds, and the origin's requests go to the pool.
      this.#state = 'http/1.1';
      this.#retire(client);
    }
    this.#pump();
  }

  #connectFailed(client: Client, error: Error): void {
    if (client !== this.#prober) return;
    this.#prober = undefined;
    this.#state = 'unknown';
    this.#failWaiting(error);
  }

  #use(client: Client): void {
    this.#lastUsed.set(client, Date.now());
    if (this.#idleTimer || this.#closing) return;
    const every = Math.max(50, Math.floor(this.#options.idleTimeoutMs / 2));
    this.#idleTimer = setInterval(() => this.#closeIdle(), every).unref();
  }

  #closeIdle(): void {
    const now = Date.now();
    for (const [client, lastUsed] of this.#lastUsed) {
      if (now - lastUsed >= this.#options.idleTimeoutMs && client.stats.size === 0) this.#retire(client);
    }
    if (this.#lastUsed.size === 0) this.#stopIdleTimer();
  }

  #stopIdleTimer(): void {
    clearInterval(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** No new requests go to the client; it finishes those it holds, then closes. */
  #retire(client: Client): void {
    this.#lastUsed.delete(client);
    const at = this.#http2.indexOf(client);
    if (at !== -1) this.#http2.splice(at, 1);
    if (client.closed) return;
    client
      .close()
      .catch(() => {})
      .finally(() => this.#alive.delete(client));
  }

  #pool(): Pool {
    if (!this.#http1) {
      this.#http1 = new Pool(this.#origin, { connections: this.#options.concurrency, connect: this.#options.connectHttp1 });
      this.#track(this.#http1);
    }
    return this.#http1;
  }

  /** Passes connection events on to the Agent, which keeps an origin's dispatcher while it has connections. */
  #track(dispatcher: Client | Pool): void {
    this.#alive.add(dispatcher);
    dispatcher.on('connect', (origin, targets) => this.emit('connect', origin, [this, ...targets]));
    dispatcher.on('disconnect', (origin, targets, error) => this.emit('disconnect', origin, [this, ...targets], error));
    dispatcher.on('connectionError', (origin, targets, error) => this.emit('connectionError', origin, [this, ...targets], error));
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const done = this.#close();
    if (!callback) return done;
    void done.then(callback, callback);
  }

  async #close(): Promise<void> {
    this.#closing = true;
    this.#stopIdleTimer();
    // Requests waiting here were accepted: they are sent before the connections close.
    if (this.#waiting.length > 0) await new Promise<void>((resolve) => (this.#onIdle = resolve));
    await Promise.all([...this.#alive].map((dispatcher) => dispatcher.close().catch(() => {})));
    this.#alive.clear();
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    const error = typeof first === 'function' ? null : (first ?? null);
    const callback = typeof first === 'function' ? first : second;
    const done = this.#destroy(error);
    if (!callback) return done;
    void done.then(callback, callback);
  }

  async #destroy(error: Error | null): Promise<void> {
    this.#destroyed = true;
    this.#closing = true;
    this.#stopIdleTimer();
    this.#failWaiting(error ?? new errors.ClientDestroyedError());
    await Promise.all([...this.#alive].map((dispatcher) => dispatcher.destroy(error).catch(() => {})));
    this.#alive.clear();
  }
}
