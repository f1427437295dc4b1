/**
 * A connected socket seen as a byte stream the module pulls from
 * (`read`, `readExactly`, `readLine`, `readToEnd`), as Python's `recv` loops
 * do. Every wait is bounded by the read timeout, every byte counts against
 * `maxBytes` (an endless answer costs at most that much memory), and the
 * query's abort destroys the socket: the peer sees the connection close.
 */
import type { Socket } from 'node:net';
import { AbortedError } from '../base/errors.js';
import { connectFailure, readTimeout, tooMuchData } from './connect-errors.js';
import type { Connection, TlsPeer } from './types.js';

export interface ConnectionLimits {
  service: string;
  readTimeoutMs: number;
  maxBytes: number;
  signal: AbortSignal;
}

export class SocketConnection implements Connection {
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly tls: TlsPeer | undefined;
  readonly #socket: Socket;
  readonly #limits: ConnectionLimits;
  #buffer: Buffer = Buffer.alloc(0);
  #received = 0;
  #ended = false;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;
  readonly #onAbort = (): void => this.#fail(new AbortedError());

  constructor(socket: Socket, limits: ConnectionLimits, tls?: TlsPeer) {
    this.#socket = socket;
    this.#limits = limits;
    this.remoteAddress = socket.remoteAddress ?? '';
    this.remotePort = socket.remotePort ?? 0;
    this.tls = tls;
    socket.on('data', (chunk: Buffer) => {
      this.#received += chunk.length;
      if (this.#received > limits.maxBytes) {
        this.#fail(tooMuchData(limits.service, limits.maxBytes));
        return;
      }
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#notify();
    });
    socket.on('end', () => {
      this.#ended = true;
      this.#notify();
    });
    socket.on('close', () => {
      this.#ended = true;
      this.#notify();
    });
    socket.on('error', (error) => this.#fail(connectFailure(error, limits.service, true)));
    limits.signal.addEventListener('abort', this.#onAbort, { once: true });
    if (limits.signal.aborted) this.#onAbort();
  }

  async read(limit = Number.MAX_SAFE_INTEGER): Promise<Buffer | undefined> {
    while (this.#buffer.length === 0) {
      if (this.#done()) return undefined;
      await this.#waitForData();
    }
    return this.#take(Math.max(1, Math.min(limit, this.#buffer.length)));
  }

  async readExactly(length: number): Promise<Buffer | undefined> {
    while (this.#buffer.length < length) {
      if (this.#done()) return undefined;
      await this.#waitForData();
    }
    return this.#take(length);
  }

  async readLine(maxLength: number): Promise<Buffer | undefined> {
    for (;;) {
      const newline = this.#buffer.subarray(0, maxLength).indexOf(0x0a);
      if (newline >= 0) return this.#take(newline + 1);
      if (this.#buffer.length >= maxLength || this.#done()) return undefined;
      await this.#waitForData();
    }
  }

  async readToEnd(): Promise<Buffer> {
    while (!this.#done()) await this.#waitForData();
    return this.#take(this.#buffer.length);
  }

  write(data: string | Uint8Array): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#socket.write(data, (error) => (error ? reject(this.#failure ?? connectFailure(error, this.#limits.service, true)) : resolve()));
    });
  }

  close(): void {
    this.#limits.signal.removeEventListener('abort', this.#onAbort);
    this.#socket.destroy();
  }

  /** True at the end of the stream; throws the failure that ended it, if any. */
  #done(): boolean {
    if (this.#failure) throw this.#failure;
    return this.#ended;
  }

  #take(length: number): Buffer {
    const head = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return head;
  }

  #fail(error: Error): void {
    // An abort outranks whatever the socket said while being destroyed.
    if (!this.#failure || error instanceof AbortedError) this.#failure = error;
    this.#buffer = Buffer.alloc(0);
    this.#socket.destroy();
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Resolves on the next data, end or failure; a ConnectError after `readTimeoutMs` of silence. */
  #waitForData(): Promise<void> {
    const { readTimeoutMs, service } = this.#limits;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        const error = readTimeout(service, readTimeoutMs);
        this.#fail(error);
        reject(error);
      }, readTimeoutMs);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
