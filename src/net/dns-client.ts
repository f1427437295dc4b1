/**
 * `ctx.dns`: node:dns Resolver queries, one Resolver per call so per-query
 * nameservers never leak into other queries. The resolver asked is the
 * call's `nameservers`, else the server's `--dns-server` list, else the
 * call's `defaultNameservers`, else the system's. The query's AbortSignal cancels
 * the outstanding lookups (`resolver.cancel()`) and the call rejects with an
 * AbortedError.
 */
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AbortedError, ModuleError } from '../base/errors.js';
import { parseIp, reverseName } from './ip.js';
import type { DnsClient, DnsQueryOptions, DnsRecordType } from './types.js';

export type DnsErrorCode = 'NXDOMAIN' | 'NODATA' | 'TIMEOUT' | 'SERVFAIL' | 'REFUSED' | 'BADNAME' | 'UNREACHABLE' | 'OTHER';

/** A failed lookup; `code` lets a module choose its own wording ("NXDOMAIN", "Timeout"). */
export class DnsError extends ModuleError {
  constructor(
    message: string,
    readonly code: DnsErrorCode,
    readonly hostname: string,
    readonly rrtype: string,
    /** The node:dns (c-ares) code, e.g. ENOTFOUND. */
    readonly systemCode: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const DNS_DEFAULTS = { timeoutMs: 2000, tries: 2 } as const;

const CODES: Record<string, DnsErrorCode> = {
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NODATA',
  ETIMEOUT: 'TIMEOUT',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  EBADNAME: 'BADNAME',
  ECONNREFUSED: 'UNREACHABLE',
};

/**
 * Accepts `ip`, `ip:port`, `[v6]` and `[v6]:port`; returns the form
 * Resolver#setServers takes. A ModuleError for anything else (it is module
 * configuration, so the admin sees the message).
 */
export function parseNameserver(text: string): string {
  const value = text.trim();
  const invalid = () => new ModuleError(`Invalid nameserver "${value}": expected an IP address, ip:port or [ipv6]:port.`);
  const port = (p: string): string => {
    if (!/^\d{1,5}$/.test(p) || Number(p) < 1 || Number(p) > 65535) throw invalid();
    return p;
  };
  if (isIP(value)) return value;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(value);
  if (bracketed?.[1]) {
    if (isIP(bracketed[1]) !== 6) throw invalid();
    return bracketed[2] === undefined ? bracketed[1] : `[${bracketed[1]}]:${port(bracketed[2])}`;
  }
  const colon = value.lastIndexOf(':');
  if (colon > 0 && isIP(value.slice(0, colon)) === 4) return `${value.slice(0, colon)}:${port(value.slice(colon + 1))}`;
  throw invalid();
}

function dnsError(error: unknown, hostname: string, rrtype: string): ModuleError {
  const systemCode = (error as NodeJS.ErrnoException | undefined)?.code;
  const code: DnsErrorCode = (systemCode ? CODES[systemCode] : undefined) ?? 'OTHER';
  const messages: Record<DnsErrorCode, string> = {
    NXDOMAIN: `${hostname} does not exist (NXDOMAIN).`,
    NODATA: `${hostname} has no ${rrtype} record.`,
    TIMEOUT: `The DNS server did not answer in time for ${hostname} (timeout).`,
    SERVFAIL: `The DNS server failed to resolve ${hostname} (SERVFAIL).`,
    REFUSED: `The DNS server refused to resolve ${hostname} (REFUSED).`,
    BADNAME: `${hostname} is not a valid domain name.`,
    UNREACHABLE: `Could not reach the DNS server to resolve ${hostname}.`,
    OTHER: `Could not resolve ${hostname} (${systemCode ?? 'unknown error'}).`,
  };
  return new DnsError(messages[code], code, hostname, rrtype, systemCode, { cause: error });
}

/**
 * The server-wide resolver list (`--dns-server`, repeatable, or comma
 * separated entries), checked at start-up: a plain Error names a bad entry.
 */
export function parseDnsServers(list: readonly string[]): string[] {
  const servers: string[] = [];
  for (const raw of list.flatMap((item) => item.split(','))) {
    if (raw.trim() === '') continue;
    try {
      servers.push(parseNameserver(raw));
    } catch (error) {
      throw new Error(`Invalid DNS server "${raw.trim()}": expected an IP address, ip:port or [ipv6]:port, e.g. 192.0.2.53 or 127.0.0.1:5353.`, { cause: error });
    }
  }
  return servers;
}

function chooseServers(options: DnsQueryOptions, serverWide: readonly string[]): string[] {
  if (options.nameservers?.length) return options.nameservers.map(parseNameserver);
  if (serverWide.length > 0) return [...serverWide];
  return (options.defaultNameservers ?? []).map(parseNameserver);
}

/** `serverWide`: the server's `--dns-server` list, already parsed (empty: the system's resolvers). */
export function createDnsClient(signal: AbortSignal, serverWide: readonly string[] = []): DnsClient {
  // One abort listener for every lookup of the query (rbl runs a dozen at a
  // time: one listener each would trip MaxListenersExceededWarning).
  const inFlight = new Set<Resolver>();
  let listening = false;
  const track = (resolver: Resolver): void => {
    inFlight.add(resolver);
    if (listening) return;
    listening = true;
    signal.addEventListener('abort', () => {
      for (const r of inFlight) r.cancel();
    }, { once: true });
  };

  async function run<T>(hostname: string, rrtype: string, options: DnsQueryOptions, query: (resolver: Resolver) => Promise<T>): Promise<T> {
    if (signal.aborted) throw new AbortedError();
    const timeoutMs = options.timeoutMs ?? DNS_DEFAULTS.timeoutMs;
    const tries = options.tries ?? DNS_DEFAULTS.tries;
    const servers = chooseServers(options, serverWide);
    const resolver = new Resolver({ timeout: timeoutMs, tries });
    if (servers.length > 0) resolver.setServers(servers);
    track(resolver);
    // c-ares checks its timeouts on a coarse tick (a 400 ms lookup may take
    // a second longer): timeoutMs × tries is a hard limit on the whole lookup.
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      resolver.cancel();
    }, timeoutMs * tries);
    try {
      return await query(resolver);
    } catch (error) {
      if (signal.aborted) throw new AbortedError();
      throw dnsError(timedOut ? Object.assign(new Error('timeout'), { code: 'ETIMEOUT' }) : error, hostname, rrtype);
    } finally {
      clearTimeout(deadline);
      inFlight.delete(resolver);
    }
  }

  return {
    resolve4: (name, options = {}) => run(name, 'A', options, (r) => r.resolve4(name)),
    resolve6: (name, options = {}) => run(name, 'AAAA', options, (r) => r.resolve6(name)),
    resolve: (name: string, type: DnsRecordType, options: DnsQueryOptions = {}) =>
      run(name, type, options, async (r) => {
        const records: unknown = await r.resolve(name, type as string);
        return Array.isArray(records) ? (records as unknown[]) : [records];
      }),
    reverse: (ip, options = {}) => {
      const address = isIP(ip) ? parseIp(ip) : undefined;
      if (!address) return Promise.reject(new ModuleError(`${ip} is not an IP address.`));
      // A PTR query rather than Resolver#reverse, whose getHostByAddr calls
      // every failure (SERVFAIL, timeout, no record) ENOTFOUND.
      return run(ip, 'PTR', options, (r) => r.resolvePtr(reverseName(address)));
    },
  };
}
