/**
 * Failures of raw connections (`ctx.net`) as ModuleErrors carrying a code, so
 * a module can word them its own way ("Connection refused (port closed)").
 * Messages name the service (`host:port` by default), never the data sent.
 */
import { ModuleError } from '../base/errors.js';
import { formatSeconds } from './http-errors.js';
import type { ConnectErrorCode } from './types.js';

export class ConnectError extends ModuleError {
  constructor(
    message: string,
    readonly code: ConnectErrorCode,
    /** The node:net / OpenSSL code behind it, e.g. ECONNREFUSED, CERT_HAS_EXPIRED. */
    readonly systemCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** What the socket or OpenSSL said, in one line ("wrong version number", "self-signed certificate"), with its code. */
  get detail(): string {
    const cause = this.cause;
    if (!(cause instanceof Error)) return this.message;
    const reason = (cause as { reason?: unknown }).reason;
    const text = typeof reason === 'string' && reason !== '' ? reason : (cause.message.split('\n')[0] ?? '').trim();
    return this.systemCode ? `${text} (${this.systemCode})` : text;
  }
}

const TLS_VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN', 'EHOSTDOWN']);

/** A socket, resolver or TLS failure while connecting or reading. */
export function connectFailure(error: unknown, service: string, connected: boolean): ConnectError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const make = (kind: ConnectErrorCode, message: string) => new ConnectError(message, kind, code, { cause: error });
  const reason = (error as { reason?: unknown } | undefined)?.reason;
  const detail = typeof reason === 'string' && reason !== '' ? reason : (error instanceof Error ? error.message.split('\n')[0]!.trim() : String(error));
  if (code === 'ECONNREFUSED') return make('REFUSED', `${service} refused the connection.`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_NONAME') {
    return make('UNRESOLVED', `Could not connect to ${service}: the host name does not resolve.`);
  }
  if (code && UNREACHABLE_CODES.has(code)) return make('UNREACHABLE', `Could not connect to ${service}: host or network unreachable (${code}).`);
  if (code && TLS_VERIFY_CODES.has(code)) return make('TLS_VERIFY', `The TLS certificate of ${service} could not be verified: ${detail} (${code}).`);
  if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS') || /SSL|TLS/.test(detail)) {
    return make('TLS', `TLS with ${service} failed: ${detail}${code ? ` (${code})` : ''}.`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return make('RESET', connected ? `${service} reset the connection.` : `${service} closed the connection while connecting.`);
  }
  return make('OTHER', `Connection to ${service} failed: ${detail}`);
}

export function connectTimeout(service: string, ms: number): ConnectError {
  return new ConnectError(`Could not connect to ${service} within ${formatSeconds(ms)}.`, 'CONNECT_TIMEOUT');
}

export function readTimeout(service: string, ms: number): ConnectError {
  return new ConnectError(`${service} sent nothing within ${formatSeconds(ms)}.`, 'READ_TIMEOUT');
}

export function tooMuchData(service: string, maxBytes: number): ConnectError {
  return new ConnectError(`${service} sent more than ${maxBytes} bytes.`, 'TOO_LARGE');
}
