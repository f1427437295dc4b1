/**
 * An HTTPS upstream on 127.0.0.1 that speaks HTTP/2 (node:http2
 * createSecureServer), and HTTP/1.1 too unless `allowHTTP1: false`. It
 * counts what a test needs to see: TLS connections, HTTP/2 sessions, the
 * protocol of each request, requests in flight at once, and the requests the
 * client gave up before they were answered.
 *
 *   const cert = createTestCertificate(['api.example.test']);
 *   const fake = await startFakeHttp2({ cert, handler: (req, res) => res.end('{}') });
 *   testNetwork({ upstreams: { 'api.example.test': fake.url }, caFile: cert.certFile });
 */
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse, type Http2Session, type Settings } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';

export type FakeHttp2Handler = (req: Http2ServerRequest, res: Http2ServerResponse) => void;

export interface FakeHttp2Options {
  cert: { key: string; cert: string };
  /** Answer HTTP/1.1 clients too (ALPN http/1.1). Default true. */
  allowHTTP1?: boolean;
  /** HTTP/2 SETTINGS the server sends, e.g. `{ maxConcurrentStreams: 10 }`. */
  settings?: Settings;
  handler: FakeHttp2Handler;
}

export interface FakeHttp2 {
  /** `https://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** TLS connections accepted (either protocol). */
  connections: number;
  /** HTTP/2 sessions (one per HTTP/2 connection) accepted so far. */
  sessions: number;
  /** HTTP/2 sessions open now. */
  openSessions(): number;
  /** `req.httpVersion` of every request, in arrival order: '2.0' or '1.1'. */
  versions: string[];
  inFlight: number;
  maxInFlight: number;
  /** Requests closed before the server began its answer: the client reset the stream (HTTP/2) or closed the connection (HTTP/1.1). */
  closedUnanswered: number;
  close(): Promise<void>;
}

export async function startFakeHttp2(options: FakeHttp2Options): Promise<FakeHttp2> {
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  const server = createSecureServer({
    key: options.cert.key,
    cert: options.cert.cert,
    allowHTTP1: options.allowHTTP1 ?? true,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const fake: FakeHttp2 = {
    url: '',
    port: 0,
    connections: 0,
    sessions: 0,
    versions: [],
    inFlight: 0,
    maxInFlight: 0,
    closedUnanswered: 0,
    openSessions: () => sessions.size,
    close: async () => {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  server.on('secureConnection', (socket: Socket) => {
    fake.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.on('session', (session: Http2Session) => {
    fake.sessions += 1;
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => {});
  });
  server.on('request', (req: Http2ServerRequest, res: Http2ServerResponse) => {
    fake.versions.push(req.httpVersion);
    fake.inFlight += 1;
    fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
    // Closed with no answer begun: the client reset the stream (HTTP/2) or closed the connection (HTTP/1.1).
    res.on('close', () => {
      fake.inFlight -= 1;
      if (!res.headersSent) fake.closedUnanswered += 1;
    });
    options.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as AddressInfo).port;
  fake.url = `https://127.0.0.1:${fake.port}`;
  return fake;
}

/** Answers `body` as JSON after `delayMs` (cancelled if the client goes away first). */
export function answerAfter(delayMs: number, body: unknown = { ok: true }): FakeHttp2Handler {
  return (_req, res) => {
    const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)), delayMs);
    res.on('close', () => clearTimeout(timer));
  };
}
