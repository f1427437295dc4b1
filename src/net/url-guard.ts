/**
 * The URL guard for URLs that come from users. Three checks, all needed:
 *  - the scheme and any IP literal in the URL, before anything is sent;
 *  - every address a host name resolves to, inside the connection's own
 *    `lookup`, so the address checked is the address connected to (no
 *    DNS-rebinding window between a check and the connect);
 *  - each redirect hop, which goes through the same two checks again.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { ModuleError } from '../base/errors.js';
import { parseIp, type Cidr } from './ip.js';
import { classifyAddress, describeVerdict, type Verdict } from './special-ranges.js';

/** A refused URL. The message names the URL (without credentials or query) and the reason. */
export class UrlGuardError extends ModuleError {
  readonly verdict: Verdict | undefined;

  constructor(message: string, verdict?: Verdict) {
    super(message);
    this.verdict = verdict;
  }
}

/**
 * Raised inside `lookup`, where the URL is unknown; the HTTP client turns it
 * into a UrlGuardError naming the URL.
 */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'EBLOCKEDADDRESS';

  constructor(
    readonly hostname: string,
    readonly verdict: Verdict,
  ) {
    super(`${hostname} resolves to ${describeVerdict(verdict)}.`);
  }
}

const ALLOW_HINT = 'An admin can allow it with --allow-url-range.';

/** The URL as shown in a refusal: no credentials, query or fragment (they may hold secrets). */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export function refuseUrl(url: URL, reason: string, verdict?: Verdict): UrlGuardError {
  const hint = verdict ? ` ${ALLOW_HINT}` : '';
  return new UrlGuardError(`Refusing to fetch ${displayUrl(url)}: ${reason}.${hint}`, verdict);
}

/** A refused raw connection (`ctx.net`): names `host:port`, and the host name when it resolved to the address. */
export function refuseConnection(service: string, verdict: Verdict, hostname?: string): UrlGuardError {
  const reason = hostname ? `${hostname} resolves to ${describeVerdict(verdict)}` : describeVerdict(verdict);
  return new UrlGuardError(`Refusing to connect to ${service}: ${reason}. ${ALLOW_HINT}`, verdict);
}

/** Checks the scheme and, when the host is an IP literal, the address. Throws UrlGuardError. */
export function checkUrlBeforeSending(url: URL, allowed: readonly Cidr[]): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuseUrl(url, 'only http and https URLs can be fetched');
  }
  // WHATWG URL parsing has already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1.
  const ip = parseIp(url.hostname);
  if (!ip) return;
  const verdict = classifyAddress(ip, allowed);
  if (verdict) throw refuseUrl(url, describeVerdict(verdict), verdict);
}

/** Checks resolved addresses; returns the first refusal. */
export function checkResolved(hostname: string, addresses: readonly string[], allowed: readonly Cidr[]): BlockedAddressError | undefined {
  for (const address of addresses) {
    const ip = parseIp(address);
    const verdict = ip
      ? classifyAddress(ip, allowed)
      : { address, label: 'an address that could not be parsed' };
    if (verdict) return new BlockedAddressError(hostname, verdict);
  }
  return undefined;
}

/**
 * A `lookup` for net/tls.connect that refuses host names resolving to any
 * special-purpose address. Every resolved address is checked, not only the
 * one connected to, so a name mixing public and private answers is refused.
 */
export function guardedLookup(allowed: readonly Cidr[], resolve: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, result) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const addresses = normaliseLookupResult(result);
      const refusal = checkResolved(hostname, addresses.map((a) => a.address), allowed);
      if (refusal) {
        callback(refusal, '', 0);
        return;
      }
      const first = addresses[0];
      if (!first) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      } else if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
}

function normaliseLookupResult(result: unknown): LookupAddress[] {
  if (Array.isArray(result)) return result as LookupAddress[];
  if (typeof result === 'string') return [{ address: result, family: result.includes(':') ? 6 : 4 }];
  return [];
}

/** Resolves a host name and checks it, for proxied requests where the proxy connects (best effort: the proxy resolves again). */
export async function checkHostByResolving(url: URL, allowed: readonly Cidr[], resolve: LookupFunction = dnsLookup as LookupFunction): Promise<void> {
  if (parseIp(url.hostname)) return;
  const addresses = await new Promise<LookupAddress[]>((ok, fail) => {
    resolve(url.hostname, { all: true }, (error, result) => (error ? fail(error) : ok(normaliseLookupResult(result))));
  });
  const refusal = checkResolved(url.hostname, addresses.map((a) => a.address), allowed);
  if (refusal) throw refuseUrl(url, refusal.message.replace(/\.$/, ''), refusal.verdict);
}
