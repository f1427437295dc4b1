/**
 * A raw TCP (or TLS) server on 127.0.0.1:0 for the modules that speak a
 * protocol of their own (an SSH banner, whois): `onConnection` writes what
 * the real server would. It counts connections (a guard test proves zero)
 * and keeps what each client sent.
 *
 *   const ssh = await startFakeTcp((socket) => socket.write('SSH-2.0-OpenSSH_9.6\r\n'));
 *   … ssh.port, ssh.connections, ssh.received …
 *   await ssh.close();
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';

export interface FakeTcp {
  port: number;
  /** TCP connections accepted so far (TLS: counted before the handshake). */
  connections: number;
  /** Connections still open now. */
  readonly open: number;
  /** Bytes each connection sent (TLS: each completed handshake), in order. */
  received: Buffer[];
  close(): Promise<void>;
}

export async function startFakeTcp(onConnection: (socket: Socket, index: number) => void, tls?: TlsOptions): Promise<FakeTcp> {
  const sockets = new Set<Socket>();
  const fake: FakeTcp = {
    port: 0,
    connections: 0,
    received: [],
    get open() {
      return sockets.size;
    },
    close: () => Promise.resolve(),
  };
  let handled = 0;
  const accept = (socket: Socket) => {
    const index = handled;
    handled += 1;
    fake.received[index] = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      fake.received[index] = Buffer.concat([fake.received[index]!, chunk]);
    });
    socket.on('error', () => undefined);
    onConnection(socket, index);
  };
  let server: Server;
  if (tls) {
    server = createTlsServer(tls, accept);
    // A handshake the client gives up (an unknown CA, a timeout) is its answer, not a failure of the fake.
    server.on('tlsClientError', () => undefined);
  } else {
    server = createServer(accept);
  }
  server.on('connection', (socket: Socket) => {
    fake.connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as { port: number }).port;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return fake;
}

/** A port on 127.0.0.1 where nothing listens (it was just released). */
export async function closedPort(): Promise<number> {
  const probe = await startFakeTcp(() => undefined);
  await probe.close();
  return probe.port;
}
