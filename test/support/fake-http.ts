/**
 * A fake upstream HTTP service on 127.0.0.1 (port 0) for module and network
 * tests. Routes are declared as `'GET /api/vulnerability/:id'` (method `*`
 * for any, a trailing `/*` for any rest of the path) mapped to a response or
 * to a function of the request. Every request is recorded.
 *
 *   const fake = await startFakeHttp({
 *     'GET /api/vulnerability/:id': (req) => ({ json: { id: req.params.id } }),
 *     'GET /slow': { delayMs: 200, json: {} },
 *     'GET /never': { hang: true },
 *   });
 *   try { ... fake.url ... } finally { await fake.close(); }
 *
 * Misbehaviours for failure tests: `hang` (headers never come), `trickle`
 * (a chunk every few ms), `resetAfter` (part of the body, then a reset),
 * `endless` (a body that never ends), `body` with any bytes (malformed JSON).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The request target as sent: path and query. */
  target: string;
  /** Query parameters; the last value wins for repeated names (all values are in `searchParams`). */
  query: Record<string, string>;
  searchParams: URLSearchParams;
  /** Lower-case names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  body: string;
  rawBody: Buffer;
}

export interface FakeRequest extends RecordedRequest {
  /** `:name` path segments (URL-decoded); `*` holds the rest of a wildcard path. */
  params: Record<string, string>;
  /** The body parsed as JSON (throws on invalid JSON). */
  json<T = unknown>(): T;
  /** Decoded `Authorization: Basic` credentials, when sent. */
  basicAuth: { username: string; password: string } | undefined;
}

export interface FakeResponse {
  /** Default 200 (302 when `redirect` is set). */
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Raw body (malformed JSON, HTML, binary…). */
  body?: string | Buffer;
  /** Shorthand for a redirect: sets `Location` (status 302 unless given). */
  redirect?: string;
  /** Wait before sending anything. */
  delayMs?: number;
  /** Never send the headers; the connection stays open until the client or close() ends it. */
  hang?: boolean;
  /** Send headers, then `chunk` every `everyMs`, `count` times (forever when omitted). */
  trickle?: { chunk: string; everyMs: number; count?: number };
  /** Send headers and these bytes, then reset the connection. */
  resetAfter?: string | Buffer;
  /** Send headers, then data without end (respecting backpressure). */
  endless?: boolean;
}

export type RouteHandler = FakeResponse | ((req: FakeRequest) => FakeResponse | Promise<FakeResponse>);
export type Routes = Record<string, RouteHandler>;

export interface FakeHttpOptions {
  /** Serve HTTPS with this key and certificate (see tls-cert.ts). */
  tls?: { key: string; cert: string };
}

export interface FakeHttp {
  /** `http://127.0.0.1:PORT` (`https://` with `tls`), no trailing slash. */
  url: string;
  port: number;
  host: '127.0.0.1';
  requests: RecordedRequest[];
  /** Connections currently open (for leak checks after aborts). */
  openConnections(): number;
  /** Connections accepted since start. */
  connectionCount(): number;
  /** Force-closes every connection, stops timers and the listener. */
  close(): Promise<void>;
}

interface CompiledRoute {
  method: string;
  segments: string[];
  wildcard: boolean;
  handler: RouteHandler;
}

function compile(routes: Routes): CompiledRoute[] {
  return Object.entries(routes).map(([key, handler]) => {
    const match = /^(\S+)\s+(\/\S*)$/.exec(key.trim());
    if (!match?.[1] || !match[2]) throw new Error(`fake-http: route "${key}" must look like "GET /path/:param"`);
    const segments = match[2].split('/').filter((s) => s !== '');
    const wildcard = segments.at(-1) === '*';
    if (wildcard) segments.pop();
    return { method: match[1].toUpperCase(), segments, wildcard, handler };
  });
}

function matchRoute(routes: CompiledRoute[], method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter((s) => s !== '');
  for (const route of routes) {
    if (route.method !== '*' && route.method !== method && !(route.method === 'GET' && method === 'HEAD')) continue;
    if (route.wildcard ? parts.length < route.segments.length : parts.length !== route.segments.length) continue;
    const params: Record<string, string> = {};
    const ok = route.segments.every((segment, i) => {
      const part = parts[i] ?? '';
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = safeDecode(part);
        return true;
      }
      return segment === part;
    });
    if (!ok) continue;
    if (route.wildcard) params['*'] = parts.slice(route.segments.length).map(safeDecode).join('/');
    return { route, params };
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A handler that answers 401 (JSON error) unless the request carries these Basic credentials. */
export function withBasicAuth(username: string, password: string, handler: RouteHandler, denied: FakeResponse = { status: 401, json: { error: 'Unauthorized' } }): RouteHandler {
  return (req) => {
    const auth = req.basicAuth;
    if (auth?.username !== username || auth.password !== password) return denied;
    return typeof handler === 'function' ? handler(req) : handler;
  };
}

/** A handler that answers 401 (JSON error) unless header `name` equals `value` (e.g. an API key). */
export function withHeader(name: string, value: string, handler: RouteHandler, denied: FakeResponse = { status: 401, json: { error: 'Invalid API key' } }): RouteHandler {
  return (req) => {
    if (req.headers[name.toLowerCase()] !== value) return denied;
    return typeof handler === 'function' ? handler(req) : handler;
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Matches a request against a route table and runs the handler, or gives
 * undefined when no route matches (the module tester layers per-row routes
 * over a table's routes with it).
 */
export function routeTable(routes: Routes): (req: FakeRequest) => FakeResponse | Promise<FakeResponse> | undefined {
  const compiled = compile(routes);
  return (req) => {
    const found = matchRoute(compiled, req.method, req.path);
    if (!found) return undefined;
    const { handler } = found.route;
    return typeof handler === 'function' ? handler({ ...req, params: found.params }) : handler;
  };
}

export async function startFakeHttp(routes: Routes = {}, options: FakeHttpOptions = {}): Promise<FakeHttp> {
  const compiled = compile(routes);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let accepted = 0;

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      target: req.url ?? '/',
      query: Object.fromEntries(url.searchParams),
      searchParams: url.searchParams,
      headers: req.headers,
      body: rawBody.toString('utf8'),
      rawBody,
    };
    requests.push(recorded);
    const found = matchRoute(compiled, recorded.method, recorded.path);
    let response: FakeResponse;
    if (!found) {
      response = { status: 404, json: { error: `no fake route for ${recorded.method} ${recorded.path}` } };
    } else {
      const request: FakeRequest = {
        ...recorded,
        params: found.params,
        json: <T>() => JSON.parse(recorded.body) as T,
        basicAuth: parseBasicAuth(req.headers.authorization),
      };
      try {
        const { handler } = found.route;
        response = typeof handler === 'function' ? await handler(request) : handler;
      } catch (error) {
        response = { status: 500, json: { error: `fake handler failed: ${(error as Error).message}` } };
      }
    }
    if (response.delayMs) later(response.delayMs, () => send(res, response));
    else send(res, response);
  }

  function send(res: ServerResponse, response: FakeResponse): void {
    if (res.destroyed) return;
    if (response.hang) return;
    const headers: Record<string, string> = { ...response.headers };
    let body: Buffer | undefined;
    if (response.json !== undefined) {
      body = Buffer.from(JSON.stringify(response.json));
      headers['content-type'] ??= 'application/json';
    } else if (response.body !== undefined) {
      body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body);
    }
    if (response.redirect) headers.location = response.redirect;
    const status = response.status ?? (response.redirect ? 302 : 200);

    if (response.trickle) {
      const { chunk, everyMs, count } = response.trickle;
      res.writeHead(status, headers);
      res.flushHeaders();
      let sent = 0;
      const tick = (): void => {
        if (res.destroyed) return;
        if (count !== undefined && sent >= count) {
          res.end();
          return;
        }
        sent += 1;
        res.write(chunk);
        later(everyMs, tick);
      };
      tick();
      return;
    }
    if (response.resetAfter !== undefined) {
      res.writeHead(status, { ...headers, 'content-length': '1000000' });
      res.write(response.resetAfter, () => later(10, () => res.socket?.resetAndDestroy()));
      return;
    }
    if (response.endless) {
      res.writeHead(status, headers);
      const block = Buffer.alloc(64 * 1024, 0x61);
      const pump = (): void => {
        while (!res.destroyed && res.write(block));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
    if (body !== undefined) headers['content-length'] ??= String(body.length);
    res.writeHead(status, headers);
    res.end(body);
  }

  const listener: RequestListener = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  // Count TCP connections (for TLS too, 'connection' is the raw socket).
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    host: '127.0.0.1',
    requests,
    openConnections: () => sockets.size,
    connectionCount: () => accepted,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
