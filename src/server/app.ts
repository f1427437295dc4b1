/**
 * The HTTP layer: routes only, no module logic. Responses that do not change
 * are serialised once and served as bytes: /healthcheck and /version at
 * start; /modules and /openapi.json on their first request, and again only
 * after the module registry changed.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { describeModule } from '../core/descriptor.js';
import { RequestError } from '../base/errors.js';
import type { ModuleRegistry } from '../core/registry.js';
import type { QueryExecution } from './execution/execution.js';
import { buildOpenApiDocument } from './openapi.js';
import { EXPLORER_HTML, explorerAsset } from './api-explorer.js';
import { isWebPagePath, webPageRoutes } from './web-page/routes.js';

export interface AppOptions {
  registry: ModuleRegistry;
  /** Runs every query: where it runs (here, the worker pool, a module's own thread) is its business. */
  runner: QueryExecution;
  logger: Logger;
  version: string;
  bodyLimit: number;
  /** How long a client may take to send a whole request, headers and body (ms); 408 and the connection closed after it. */
  requestTimeoutMs?: number;
  authToken?: string;
  /** Renders /metrics (Prometheus text format). */
  metrics?: () => Promise<string>;
  /** Serve the web page at /ui from this folder (the build's dist/ui/); absent: no page (--no-ui). */
  webPage?: { dir: string };
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** The paths this server answers, with their one method. */
const ROUTES: Record<string, string> = {
  '/modules': 'GET',
  '/query': 'POST',
  '/healthcheck': 'GET',
  '/version': 'GET',
  '/openapi.json': 'GET',
  '/metrics': 'GET',
};

const OTHER_METHODS = ['DELETE', 'PATCH', 'POST', 'PUT', 'OPTIONS', 'GET'] as const;

interface StaticResponse {
  body: Buffer;
  etag: string;
  /** Compressed once at start, for clients that accept gzip (MISP's libcurl does); absent when not worth it. */
  gzip?: { body: Buffer; etag: string };
}

const GZIP_MIN_BYTES = 1024;

function staticResponse(value: unknown): StaticResponse {
  const body = Buffer.from(JSON.stringify(value));
  const etag = createHash('sha1').update(body).digest('hex');
  const response: StaticResponse = { body, etag: `"${etag}"` };
  if (body.length >= GZIP_MIN_BYTES) response.gzip = { body: gzipSync(body, { level: 9 }), etag: `"${etag}-gzip"` };
  return response;
}

/** `compute()`, kept until the registry changes (a module added or replaced). */
function perRegistryRevision<T>(registry: ModuleRegistry, compute: () => T): () => T {
  let cached: { revision: number; value: T } | undefined;
  return () => {
    if (cached?.revision !== registry.revision) cached = { revision: registry.revision, value: compute() };
    return cached.value;
  };
}

function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  return typeof accept === 'string' && /\bgzip\b/i.test(accept) && !/\bgzip\s*;\s*q=0(\.0*)?\b/i.test(accept);
}

function sendStatic(request: FastifyRequest, reply: FastifyReply, response: StaticResponse): FastifyReply {
  const variant = response.gzip && acceptsGzip(request) ? response.gzip : undefined;
  const etag = variant?.etag ?? response.etag;
  if (response.gzip) reply.header('vary', 'accept-encoding');
  reply.header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  if (variant) reply.header('content-encoding', 'gzip');
  return reply.code(200).type(JSON_TYPE).send(variant?.body ?? response.body);
}

function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type(JSON_TYPE).send(JSON.stringify({ error: message }));
}

let requestCounter = 0;
const requestPrefix = randomBytes(3).toString('hex');

/** Short request ids, unique per process, that tie a client's error to its log line. */
function nextRequestId(incoming: string | string[] | undefined): string {
  if (typeof incoming === 'string' && /^[\w.:-]{1,64}$/.test(incoming)) return incoming;
  requestCounter = (requestCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${requestPrefix}-${requestCounter.toString(36)}`;
}

/** `Authorization: Bearer <token>`: the scheme name is case-insensitive (RFC 9110, 11.1), spaces or tabs follow it. */
function bearerMatches(header: string | undefined, token: Buffer): boolean {
  const text = header?.trim() ?? '';
  const gap = text.search(/[ \t]/);
  if (gap < 0 || text.slice(0, gap).toLowerCase() !== 'bearer') return false;
  const given = Buffer.from(text.slice(gap).trim());
  return given.length === token.length && timingSafeEqual(given, token);
}

/** How often Node looks for requests past their time: a tenth of it, between 50 ms and 1 s. */
function checkingInterval(requestTimeoutMs: number): number {
  return Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 10)));
}

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    loggerInstance: options.logger,
    // The runner writes one line per query; Fastify's per-request lines would double it.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit,
    genReqId: (req) => nextRequestId(req.headers['x-request-id']),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Node answers 408 and closes a connection whose request (a body trickled a byte at a
    // time) is not complete in time; it checks every connectionsCheckingInterval.
    ...(options.requestTimeoutMs
      ? {
          requestTimeout: options.requestTimeoutMs,
          http: { requestTimeout: options.requestTimeoutMs, connectionsCheckingInterval: checkingInterval(options.requestTimeoutMs) },
        }
      : {}),
    // MISP's libcurl keeps connections alive per PHP process.
    keepAliveTimeout: 65_000,
  });

  const { registry } = options;
  const descriptors = perRegistryRevision(registry, () => registry.all().map(describeModule));
  const modulesResponse = perRegistryRevision(registry, () => staticResponse(descriptors()));
  const openApiResponse = perRegistryRevision(registry, () => staticResponse(buildOpenApiDocument(descriptors(), options.version)));
  const healthResponse = staticResponse({ status: true });
  const versionResponse = staticResponse({ version: options.version });

  // Upstream reads the raw body whatever the Content-Type says; so do we.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Once the server is closing, an answer ends its keep-alive connection, so
  // that the connection does not hold the close until the client drops it.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  if (options.authToken) {
    const token = Buffer.from(options.authToken);
    app.addHook('onRequest', async (request, reply) => {
      if (request.url === '/healthcheck' || request.url.startsWith('/healthcheck?')) return;
      // The page's files hold no data; the page sends the token on its API calls.
      if (options.webPage && isWebPagePath(request.url)) return;
      if (!bearerMatches(request.headers.authorization, token)) {
        reply.header('www-authenticate', 'Bearer');
        return sendError(reply, 401, 'This server requires an Authorization: Bearer <token> header.');
      }
    });
  }

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof RequestError) return sendError(reply, error.status, error.message);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, 413, `The request body is larger than the limit of ${options.bodyLimit} bytes (set --body-limit to raise it).`);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error, reqId: request.id }, 'request failed');
    return sendError(reply, status, status === 500 ? `Internal server error (request id ${request.id}).` : error.message);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return sendError(
      reply,
      404,
      `Not found: ${request.method} ${path.slice(0, 200)}. This server answers GET /modules, POST /query, GET /healthcheck, GET /version, GET /metrics, GET /openapi.json${options.webPage ? ', GET /openapi and GET /ui' : ' and GET /openapi'}.`,
    );
  });

  app.get('/modules', (request, reply) => sendStatic(request, reply, modulesResponse()));
  app.get('/healthcheck', (request, reply) => sendStatic(request, reply, healthResponse));
  app.get('/version', (request, reply) => sendStatic(request, reply, versionResponse));
  app.get('/openapi.json', (request, reply) => sendStatic(request, reply, openApiResponse()));

  app.get('/metrics', async (_request, reply) => {
    if (!options.metrics) return sendError(reply, 404, 'Metrics are not enabled on this server.');
    return reply.code(200).type('text/plain; version=0.0.4; charset=utf-8').send(await options.metrics());
  });

  app.post('/query', async (request, reply) => {
    // A client that hangs up (MISP's curl timeout) aborts the module's work.
    let onClose: (() => void) | undefined;
    const clientGone = (listener: () => void) => {
      onClose = () => {
        if (!reply.raw.writableFinished) listener();
      };
      reply.raw.once('close', onClose);
    };
    const outcome = await options.runner.answer({ body: request.body as Buffer, requestId: request.id, clientGone });
    if (onClose) reply.raw.off('close', onClose);
    return reply.code(outcome.status).type(JSON_TYPE).send(outcome.body);
  });

  const routes = options.webPage ? { ...ROUTES, '/': 'GET', '/ui': 'GET' } : ROUTES;
  for (const [path, allowed] of Object.entries(routes)) {
    app.route({
      method: OTHER_METHODS.filter((m) => m !== allowed),
      url: path,
      handler: (request, reply) => {
        reply.header('allow', allowed === 'GET' ? 'GET, HEAD' : allowed);
        return sendError(reply, 405, `Method ${request.method} is not allowed on ${path}; use ${allowed}.`);
      },
    });
  }

  app.get('/openapi', (_request, reply) => reply.code(200).type('text/html; charset=utf-8').send(EXPLORER_HTML));
  app.get('/openapi/', (_request, reply) => reply.redirect('../openapi'));
  app.get('/openapi/static/:file', async (request, reply) => {
    const asset = explorerAsset((request.params as { file: string }).file);
    if (!asset) return sendError(reply, 404, 'No such file in the API explorer.');
    const { body, type } = await asset;
    return reply.code(200).type(type).header('cache-control', 'public, max-age=86400').send(body);
  });
  if (options.webPage) {
    for (const [path, handler] of Object.entries(webPageRoutes({ dir: options.webPage.dir, sendError }))) app.get(path, (request, reply) => handler(request, reply));
  }
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
