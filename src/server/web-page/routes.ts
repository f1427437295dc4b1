/**
 * GET /ui: the web page (catalogue, runs, history, exports), and `/`
 * redirecting to it. The page's files hold no data, so they are served
 * without the auth token; the page asks for the token and sends it on its
 * API calls (docs/SECURITY.md). Every answer carries a Content-Security-Policy
 * that lets the page load and call nothing but this server.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readPageFiles, type PageFile, type PageFiles } from './page-files.js';

/** Scripts, styles, images and API calls from this server only; no inline code, no frames, no plugins. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Paths the page is served on: the auth token is not asked for them (an asset's name is one plain segment). */
export function isWebPagePath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/' || path === '/ui' || path === '/ui/' || /^\/ui\/assets\/[\w-]+\.[a-z0-9]+$/.test(path);
}

function acceptsGzip(request: FastifyRequest): boolean {
  const accept = request.headers['accept-encoding'];
  return typeof accept === 'string' && /\bgzip\b/i.test(accept) && !/\bgzip\s*;\s*q=0(\.0*)?\b/i.test(accept);
}

function sendFile(request: FastifyRequest, reply: FastifyReply, file: PageFile): FastifyReply {
  const variant = file.gzip && acceptsGzip(request) ? file.gzip : undefined;
  const etag = variant?.etag ?? file.etag;
  reply.headers(PAGE_HEADERS);
  // The page itself is checked on every load (a new build is picked up at once); hashed assets never change.
  reply.header('cache-control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (file.gzip) reply.header('vary', 'accept-encoding');
  reply.header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  if (variant) reply.header('content-encoding', 'gzip');
  return reply.code(200).type(file.type).send(variant?.body ?? file.body);
}

export interface WebPageOptions {
  /** The built page (dist/ui/). */
  dir: string;
  sendError: (reply: FastifyReply, status: number, message: string) => FastifyReply;
}

export type PageHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>;

/** The page's GET routes, by path; the app registers them. */
export function webPageRoutes(options: WebPageOptions): Record<string, PageHandler> {
  // Read on the first request: a server nobody browses pays nothing at start. A failed
  // read (the page not built yet) is tried again on the next request.
  let files: Promise<PageFiles> | undefined;
  const load = () => {
    files ??= readPageFiles(options.dir);
    files.catch(() => (files = undefined));
    return files.catch(() => undefined);
  };
  const notBuilt = (reply: FastifyReply) =>
    options.sendError(reply, 503, `The web page is not built (no index.html in ${options.dir}): run npm run build, or start the server with --no-ui.`);
  return {
    '/': (_request, reply) => reply.redirect('ui'),
    '/ui/': (_request, reply) => reply.redirect('../ui'),
    '/ui': async (request, reply) => {
      const page = await load();
      return page ? sendFile(request, reply, page.index) : notBuilt(reply);
    },
    '/ui/assets/:file': async (request, reply) => {
      const page = await load();
      if (!page) return notBuilt(reply);
      const file = page.assets.get((request.params as { file: string }).file);
      if (!file) return options.sendError(reply, 404, 'No such file in the web page.');
      return sendFile(request, reply, file);
    },
  };
}
