/**
 * `ctx.http`: one client per query, bound to the query's AbortSignal.
 *
 * Each call has one deadline (`timeoutMs`) covering connects, answers,
 * retries and redirects. The deadline and the query signal both abort the
 * undici request, which destroys the socket: the upstream sees the
 * connection close. A query abort is rethrown as an AbortedError (the runner
 * answers "Timeout."); everything else becomes a ModuleError naming the service.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AbortedError, ModuleError } from '../base/errors.js';
import { BodyTooLargeError, readCapped } from './body.js';
import { checkProxyUrl, type Dispatchers } from './dispatchers.js';
import { HttpStatusError, timeoutError, tooLargeError, transportError } from './http-errors.js';
import { canMultiplex } from './multiplexing.js';
import { rewriteUrl, unrewriteUrl } from './overrides.js';
import { buildRequest, serviceName, type Method, type RequestParts } from './request-parts.js';
import { flattenHeaders, makeResponse } from './response.js';
import { retryDelay } from './retry.js';
import type { ResolvedSettings } from './settings.js';
import type { HttpClient, HttpRequestOptions, HttpResponse } from './types.js';
import { BlockedAddressError, checkHostByResolving, checkUrlBeforeSending, refuseUrl } from './url-guard.js';

const MAX_REDIRECTS = 5;
/** Times a request is sent again after an HTTP/2 REFUSED_STREAM or GOAWAY. */
const MAX_HTTP2_RETRIES = 3;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export interface HttpDeps {
  settings: ResolvedSettings;
  dispatchers: Dispatchers;
}

export function createHttpClient(deps: HttpDeps, querySignal: AbortSignal): HttpClient {
  const request = (url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> =>
    send(deps, querySignal, url, options);

  async function expectJson<T>(url: string, options: HttpRequestOptions): Promise<T> {
    const headers = { accept: 'application/json', ...options.headers };
    const response = await request(url, { ...options, headers });
    if (response.status < 200 || response.status > 299) {
      throw new HttpStatusError(serviceName(new URL(url), options), response.status, response);
    }
    return response.json<T>();
  }

  return {
    request,
    getJson: <T>(url: string, options: HttpRequestOptions = {}) => expectJson<T>(url, options),
    postJson: <T>(url: string, json: unknown, options: HttpRequestOptions = {}) =>
      expectJson<T>(url, { method: 'POST', ...options, json }),
  };
}

/** What the failure mapping needs to know about where the request was. */
interface Progress {
  target: URL;
  proxied: boolean;
  answering: boolean;
}

async function send(deps: HttpDeps, querySignal: AbortSignal, rawUrl: string, options: HttpRequestOptions): Promise<HttpResponse> {
  if (querySignal.aborted) throw abortedFrom(querySignal);
  if (options.userUrl === true && options.verifyTls === false) {
    throw new TypeError('HttpRequestOptions: verifyTls: false is for admin-configured servers, not user URLs.');
  }
  const { settings } = deps;
  const parts = buildRequest(rawUrl, options, settings.userAgent);
  const service = serviceName(parts.url, options);
  if (options.proxy !== undefined) {
    try {
      checkProxyUrl(options.proxy);
    } catch (error) {
      throw new ModuleError(`Cannot reach ${service}: ${(error as Error).message}`);
    }
  }
  const timeoutMs = options.timeoutMs ?? settings.requestTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), timeoutMs);
  const signal = AbortSignal.any([querySignal, timer.signal]);
  const progress: Progress = { target: parts.url, proxied: false, answering: false };

  try {
    let current = parts;
    for (let hop = 0; ; hop += 1) {
      const response = await sendWithRetries(deps, current, options, { signal, deadline, service, progress });
      const location = response.headers.location;
      if (options.followRedirects === false || !REDIRECT_STATUS.has(response.status) || !location) return response;
      if (hop >= MAX_REDIRECTS) throw new ModuleError(`${service} redirected more than ${MAX_REDIRECTS} times.`);
      current = redirectedRequest(current, response.status, location, progress.target, settings, service, options.userUrl === true);
    }
  } catch (error) {
    throw mapFailure(error, { querySignal, timedOut: timer.signal.aborted, service, timeoutMs, progress });
  } finally {
    clearTimeout(handle);
  }
}

interface AttemptContext {
  signal: AbortSignal;
  deadline: number;
  service: string;
  progress: Progress;
}

async function sendWithRetries(deps: HttpDeps, parts: RequestParts, options: HttpRequestOptions, context: AttemptContext): Promise<HttpResponse> {
  const { settings } = deps;
  const maxRetries = options.retries ?? settings.maxRetries;
  for (let attempt = 0; ; attempt += 1) {
    const response = await sendAcceptedOnce(deps, parts, options, context);
    const now = Date.now();
    const delay = retryDelay({
      method: parts.method,
      status: response.status,
      retryAfter: response.headers['retry-after'],
      attempt,
      maxRetries,
      maxDelayMs: settings.maxRetryDelayMs,
      remainingMs: context.deadline - now,
      now,
    });
    if (delay === undefined) return response;
    await sleep(delay, undefined, { signal: context.signal });
  }
}

/**
 * Sends the request again, at once, after an HTTP/2 failure that says it
 * may be:
 *  - REFUSED_STREAM: a server refuses the streams over its limit that were
 *    sent before its SETTINGS arrived, and did nothing with them (RFC 9113
 *    section 8.7), whatever the method; by then the connection knows the
 *    limit and they wait for a free stream;
 *  - GOAWAY, for GET and HEAD only: undici fails every request in flight on
 *    a connection the server is closing (nginx does after 1,000 requests);
 *    they go again on a new connection.
 */
async function sendAcceptedOnce(deps: HttpDeps, parts: RequestParts, options: HttpRequestOptions, context: AttemptContext): Promise<HttpResponse> {
  for (let again = 0; ; again += 1) {
    try {
      return await sendOnce(deps, parts, options, context);
    } catch (error) {
      const retry = isRefusedStream(error) || ((parts.method === 'GET' || parts.method === 'HEAD') && isGoaway(error));
      if (!retry || again >= MAX_HTTP2_RETRIES || context.signal.aborted) throw error;
    }
  }
}

async function sendOnce(deps: HttpDeps, parts: RequestParts, options: HttpRequestOptions, context: AttemptContext): Promise<HttpResponse> {
  const { settings, dispatchers } = deps;
  const { progress } = context;
  const guarded = options.userUrl === true;
  const { target } = rewriteUrl(parts.url, settings.upstreams);
  progress.target = target;
  progress.answering = false;
  progress.proxied = false;

  if (guarded) checkUrlBeforeSending(target, settings.allowUrlRanges);
  else if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new ModuleError(`Cannot fetch a ${target.protocol.replace(/:$/, '')} URL: only http and https are supported.`);
  }
  const route = await dispatchers.route(target, guarded, {
    proxy: options.proxy,
    verifyTls: options.verifyTls !== false,
    multiplexable: canMultiplex(parts.method, parts.body !== undefined),
  });
  progress.proxied = route.proxied;
  // Behind a proxy the proxy resolves and connects: check the name here (the proxy may still resolve differently).
  if (guarded && route.proxied) await checkHostByResolving(target, settings.allowUrlRanges, settings.lookup);

  const remaining = Math.max(1, context.deadline - Date.now());
  const answer = await route.dispatcher.request({
    origin: target.origin,
    path: `${target.pathname}${target.search}`,
    method: parts.method,
    headers: parts.headers,
    body: parts.body ?? null,
    signal: context.signal,
    headersTimeout: remaining,
    bodyTimeout: remaining,
  });
  progress.answering = true;
  const headers = flattenHeaders(answer.headers);
  const body = await readCapped(answer.body, options.maxBytes ?? settings.maxResponseBytes, headers['content-length']);
  return makeResponse(context.service, answer.statusCode, headers, parts.url.href, body);
}

function redirectedRequest(
  parts: RequestParts,
  status: number,
  location: string,
  answeredBy: URL,
  settings: ResolvedSettings,
  service: string,
  guarded: boolean,
): RequestParts {
  let next: URL;
  try {
    next = new URL(location, answeredBy);
  } catch {
    throw new ModuleError(`${service} redirected to an invalid URL.`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    if (guarded) throw refuseUrl(next, 'only http and https URLs can be fetched');
    throw new ModuleError(`${service} redirected to a ${next.protocol.replace(/:$/, '')} URL; only http and https are supported.`);
  }
  next.hash = '';
  const url = unrewriteUrl(next, parts.url, settings.upstreams);
  const headers = { ...parts.headers };
  let method: Method = parts.method;
  let body = parts.body;
  // As browsers do: 303 always, and 301/302 after a POST, continue as a GET without the body.
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    method = method === 'HEAD' ? 'HEAD' : 'GET';
    body = undefined;
    delete headers['content-type'];
    delete headers['content-length'];
  }
  if (url.origin !== parts.url.origin) {
    for (const name of CREDENTIAL_HEADERS) delete headers[name];
  }
  return { url, method, headers, body };
}

interface FailureInput {
  querySignal: AbortSignal;
  timedOut: boolean;
  service: string;
  timeoutMs: number;
  progress: Progress;
}

function mapFailure(error: unknown, input: FailureInput): Error {
  const { querySignal, service, progress } = input;
  if (querySignal.aborted) return abortedFrom(querySignal);
  if (error instanceof ModuleError) return error;
  if (input.timedOut || isUndiciTimeout(error)) return timeoutError(service, input.timeoutMs, progress.answering);
  if (error instanceof BodyTooLargeError) return tooLargeError(service, error.limit);
  const blocked = findCause(error, BlockedAddressError);
  if (blocked) return refuseUrl(progress.target, blocked.message.replace(/\.$/, ''), blocked.verdict);
  return transportError(error, { service, proxied: progress.proxied, answering: progress.answering });
}

function isRefusedStream(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_HTTP2_STREAM_ERROR' && /\bNGHTTP2_REFUSED_STREAM\b/.test((error as Error).message);
}

function isGoaway(error: unknown): boolean {
  return error instanceof Error && /^HTTP\/2: "GOAWAY" frame received/.test(error.message);
}

function isUndiciTimeout(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

function findCause<T extends Error>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof type) return current;
    current = current.cause;
  }
  return undefined;
}

function abortedFrom(signal: AbortSignal): Error {
  return signal.reason instanceof AbortedError ? signal.reason : new AbortedError();
}
