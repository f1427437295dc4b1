/**
 * A forward HTTP proxy on 127.0.0.1 for proxy tests: CONNECT tunnels (undici
 * tunnels both http and https this way) and absolute-form requests. Records
 * what it was asked for; can demand Proxy-Authorization.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { parseBasicAuth } from './fake-http.js';

export interface ProxiedRequest {
  method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
  headers: IncomingHttpHeaders;
}

export interface FakeProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  requests: ProxiedRequest[];
  openConnections(): number;
  close(): Promise<void>;
}

export interface FakeProxyOptions {
  /** Answer 407 unless these credentials come in Proxy-Authorization. */
  auth?: { username: string; password: string };
  /**
   * Where the proxy really connects: `{'api.example.test:443': '127.0.0.1:PORT'}`
   * (or a bare host for any port). Lets a test name a non-loopback host (the
   * network layer never proxies loopback) while everything stays on 127.0.0.1.
   */
  hosts?: Record<string, string>;
}

export async function startFakeProxy(options: FakeProxyOptions = {}): Promise<FakeProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const authorised = (headers: IncomingHttpHeaders): boolean => {
    if (!options.auth) return true;
    const given = parseBasicAuth(headers['proxy-authorization']);
    return given?.username === options.auth.username && given.password === options.auth.password;
  };

  const resolveTarget = (host: string, port: string): { host: string; port: number } => {
    const mapped = options.hosts?.[`${host}:${port}`] ?? options.hosts?.[host];
    if (!mapped) return { host: host.replace(/^\[|\]$/g, ''), port: Number(port) };
    const [mappedHost = '', mappedPort = port] = mapped.split(/:(?=\d+$)/);
    return { host: mappedHost, port: Number(mappedPort) };
  };

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', target: req.url ?? '', headers: req.headers });
    if (!authorised(req.headers)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="fake"' }).end();
      return;
    }
    const url = new URL(req.url ?? '');
    const where = resolveTarget(url.hostname, url.port || '80');
    const upstream = httpRequest({ host: where.host, port: where.port, path: `${url.pathname}${url.search}`, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });

  server.on('connection', track);
  server.on('connect', (req, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    if (!authorised(req.headers)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="fake"\r\n\r\n');
      return;
    }
    const [host = '', port = '80'] = (req.url ?? '').split(/:(?=\d+$)/);
    const where = resolveTarget(host, port);
    const upstream = connect(where.port, where.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    openConnections: () => sockets.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
