/**
 * `ctx.net`: raw TCP and TLS connections, one client per query, bound to the
 * query's AbortSignal, for the protocols HTTP does not cover (an SSH banner,
 * a TLS certificate, a whois server).
 *
 * An address from the user (`userAddress`) goes through the URL guard's
 * address checks: an IP literal before anything is sent, a host name on every
 * address it resolves to, and the connection goes to one of those checked
 * addresses (no DNS-rebinding window). `--upstream` overrides never apply
 * here: they redirect vendors' HTTP APIs, not attribute values. TLS is always
 * verified, against Node's roots plus the server's `--ca-file`.
 *
 * One deadline (`connectTimeoutMs`) covers resolving, connecting and the TLS
 * handshake; then every wait for data is bounded by `readTimeoutMs`.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { connect as tcpConnect, isIP, type LookupFunction, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { AbortedError, ModuleError } from '../base/errors.js';
import { connectFailure, connectTimeout } from './connect-errors.js';
import { SocketConnection } from './connection.js';
import { parseIp } from './ip.js';
import type { ResolvedSettings } from './settings.js';
import { classifyAddress } from './special-ranges.js';
import type { Connection, ConnectOptions, NetClient } from './types.js';
import { checkResolved, refuseConnection } from './url-guard.js';

export const CONNECT_DEFAULTS = { maxBytes: 1024 * 1024 } as const;

/** Built once per server; hands each query its client. */
export function netClientFactory(settings: ResolvedSettings): (querySignal: AbortSignal) => NetClient {
  // `ca` replaces Node's trust store, so the bundled roots are kept beside the extra CAs.
  const ca = settings.ca ? [...rootCertificates, ...settings.ca] : undefined;
  return (querySignal) => ({ connect: (options) => openConnection(settings, ca, querySignal, options) });
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ModuleError(`Invalid port ${String(port)}: expected a number from 1 to 65535.`);
  return port;
}

/** `host:port`, `[v6]:port`. */
function hostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

async function openConnection(settings: ResolvedSettings, ca: string[] | undefined, querySignal: AbortSignal, options: ConnectOptions): Promise<Connection> {
  if (querySignal.aborted) throw new AbortedError();
  const port = checkPort(options.port);
  const host = options.host.trim().replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new ModuleError('No host to connect to.');
  const service = options.service ?? hostPort(host, port);
  const connectTimeoutMs = options.connectTimeoutMs ?? settings.connectTimeoutMs;
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), connectTimeoutMs);
  const signal = AbortSignal.any([querySignal, timer.signal]);
  try {
    const targets = options.userAddress ? await checkedAddresses(host, service, settings, signal) : [host];
    const socket = await connectToFirst(targets, port, host, options, ca, signal);
    const tls = options.tls ? { protocol: (socket as TLSSocket).getProtocol() ?? undefined, certificate: (socket as TLSSocket).getPeerCertificate() } : undefined;
    return new SocketConnection(socket, {
      service,
      readTimeoutMs: options.readTimeoutMs ?? settings.requestTimeoutMs,
      maxBytes: options.maxBytes ?? CONNECT_DEFAULTS.maxBytes,
      signal: querySignal,
    }, tls);
  } catch (error) {
    if (querySignal.aborted) throw new AbortedError();
    if (error instanceof ModuleError) throw error;
    if (timer.signal.aborted) throw connectTimeout(service, connectTimeoutMs);
    throw connectFailure(error, service, false);
  } finally {
    clearTimeout(handle);
  }
}

/** The addresses a user-given host may be reached at; a UrlGuardError when any is special-purpose. */
async function checkedAddresses(host: string, service: string, settings: ResolvedSettings, signal: AbortSignal): Promise<string[]> {
  const literal = parseIp(host);
  if (literal) {
    const verdict = classifyAddress(literal, settings.allowUrlRanges);
    if (verdict) throw refuseConnection(service, verdict);
    return [host];
  }
  const addresses = await resolveAll(host, settings.lookup ?? (dnsLookup as LookupFunction), signal);
  const refusal = checkResolved(host, addresses, settings.allowUrlRanges);
  if (refusal) throw refuseConnection(service, refusal.verdict, host);
  if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses;
}

function resolveAll(host: string, lookup: LookupFunction, signal: AbortSignal): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    lookup(host, { all: true }, (error, result) => {
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else if (Array.isArray(result)) resolve((result as LookupAddress[]).map((entry) => entry.address));
      else resolve(typeof result === 'string' ? [result] : []);
    });
  });
}

/** Tries each address in turn, as Python's `create_connection` does; the last failure when none answers. */
async function connectToFirst(targets: string[], port: number, host: string, options: ConnectOptions, ca: string[] | undefined, signal: AbortSignal): Promise<Socket> {
  let lastError: unknown;
  for (const target of targets) {
    try {
      return await attempt(target, port, host, options, ca, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const failure = connectFailure(error, host, false);
      // A certificate or protocol failure is the server's answer: another address would not change it.
      if (failure.code === 'TLS_VERIFY' || failure.code === 'TLS') throw error;
      lastError = error;
    }
  }
  throw lastError;
}

function attempt(target: string, port: number, host: string, options: ConnectOptions, ca: string[] | undefined, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const servername = options.servername ?? (isIP(host) ? undefined : host);
    const socket: Socket = options.tls
      ? tlsConnect({ host: target, port, rejectUnauthorized: true, ...(servername ? { servername } : {}), ...(ca ? { ca } : {}) })
      : tcpConnect({ host: target, port });
    const cleanup = () => signal.removeEventListener('abort', onAbort);
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      cleanup();
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      cleanup();
      socket.destroy();
      reject(error);
    });
  });
}

