/**
 * Turns HTTP statuses and transport failures into user-facing ModuleErrors
 * that name the service. Messages never carry request headers, credentials or
 * query strings: only the service name (a host name by default).
 */
import { STATUS_CODES } from 'node:http';
import { ModuleError } from '../base/errors.js';
import { vendorErrorDetail } from './error-detail.js';
import type { HttpResponse } from './types.js';

/** A non-2xx answer where a 2xx one was expected; modules can catch it to map a status (e.g. 404 -> "not found"). */
export class HttpStatusError extends ModuleError {
  /** What the vendor said in its answer (`{"error": {"message": …}}` and the like), if anything. */
  readonly detail: string | undefined;

  constructor(
    readonly service: string,
    readonly status: number,
    readonly response: HttpResponse,
  ) {
    const detail = vendorErrorDetail(response);
    super(`${service} answered HTTP ${statusLine(status)}${detail ? `: ${detail}` : ''}.`);
    this.detail = detail;
  }
}

export function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}

/** 30000 -> "30 s", 1500 -> "1.5 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 3 : 1))} s`;
}

const SOCKET_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EADDRNOTAVAIL: 'address not available',
};

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Finds the innermost error code (undici wraps some socket errors). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code && code !== 'UND_ERR_SOCKET' && code !== 'UND_ERR_ABORTED') return code;
    current = current.cause;
  }
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export interface FailureContext {
  service: string;
  proxied: boolean;
  /** Whether the answer's headers had arrived when the failure happened. */
  answering: boolean;
}

/** A transport failure (not a timeout, not an abort) as a ModuleError. */
export function transportError(error: unknown, context: FailureContext): ModuleError {
  const { service, proxied } = context;
  const via = proxied ? ' through the proxy' : '';
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);

  const proxyStatus = /Proxy response \((\d+)\)/.exec(message) ?? /Proxy Authentication Required \((\d+)\)/.exec(message);
  if (proxyStatus?.[1]) {
    return new ModuleError(`Could not connect to ${service} through the proxy: the proxy answered HTTP ${statusLine(Number(proxyStatus[1]))}.`, { cause: error });
  }
  if (code && TLS_CODES.has(code)) {
    return new ModuleError(`Could not connect to ${service}${via}: its TLS certificate could not be verified (${code}).`, { cause: error });
  }
  const http2 = http2Failure(error, context);
  if (http2) return http2;
  if (context.answering) {
    return new ModuleError(`${service} closed the connection before the end of its answer.`, { cause: error });
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    return new ModuleError(`${service} closed the connection without answering.`, { cause: error });
  }
  const reason = (code && SOCKET_MESSAGES[code]) ?? (code ? `network error (${code})` : 'network error');
  return new ModuleError(`Could not connect to ${service}${via}: ${reason}.`, { cause: error });
}

/**
 * HTTP/2 failures (node:http2 and undici's HTTP/2 client), named as such so
 * that an admin can tell a server's HTTP/2 fault from a network one (and
 * turn HTTP/2 off with --upstream-http2 off).
 */
function http2Failure(error: unknown, context: FailureContext): ModuleError | undefined {
  const { service, answering } = context;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  const streamError = /^Stream closed with error code (\w+)$/.exec(message);
  if (code === 'ERR_HTTP2_STREAM_ERROR' && streamError?.[1] === 'NGHTTP2_PROTOCOL_ERROR') {
    // Sent by our side when the answer breaks the protocol (e.g. a body longer or shorter than its content-length).
    return new ModuleError(`${service} broke the HTTP/2 protocol (stream error NGHTTP2_PROTOCOL_ERROR).`, { cause: error });
  }
  if (code === 'ERR_HTTP2_STREAM_ERROR' && streamError) {
    return answering
      ? new ModuleError(`${service} reset the HTTP/2 stream before the end of its answer (${streamError[1]}).`, { cause: error })
      : new ModuleError(`${service} reset the request (HTTP/2 error ${streamError[1]}).`, { cause: error });
  }
  const goaway = /^HTTP\/2: "GOAWAY" frame received with code (\d+)/.exec(message);
  if (goaway) {
    const when = answering ? 'before the end of its answer' : 'before answering';
    return new ModuleError(`${service} closed the HTTP/2 connection (GOAWAY, code ${goaway[1]}) ${when}.`, { cause: error });
  }
  if (code === 'ERR_HTTP2_ERROR' || code === 'ERR_HTTP2_SESSION_ERROR' || code === 'ERR_HTTP2_INVALID_HEADER_VALUE' || /^HTTP\/2: "frameError"/.test(message)) {
    return new ModuleError(`${service} broke the HTTP/2 protocol (${message.replace(/\.$/, '')}).`, { cause: error });
  }
  if (code === 'UND_ERR_INFO' && message.startsWith('HTTP/2: ')) {
    return answering
      ? new ModuleError(`${service} ended the HTTP/2 stream before the end of its answer.`, { cause: error })
      : new ModuleError(`${service} ended the HTTP/2 stream without answering.`, { cause: error });
  }
  return undefined;
}

export function timeoutError(service: string, timeoutMs: number, answering: boolean): ModuleError {
  return answering
    ? new ModuleError(`${service} did not finish its answer within ${formatSeconds(timeoutMs)}.`)
    : new ModuleError(`${service} answered nothing within ${formatSeconds(timeoutMs)}.`);
}

export function tooLargeError(service: string, maxBytes: number): ModuleError {
  return new ModuleError(`${service} answered more than ${maxBytes} bytes.`);
}
