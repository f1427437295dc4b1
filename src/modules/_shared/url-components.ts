/**
 * Splits a URL into the parts of a MISP `url` object, with the semantics of
 * PyMISP's PSLFaup (Python `urlparse` plus the Public Suffix List, private
 * domains included), which upstream's url modules use. Hand-written rather
 * than WHATWG `URL` because that one rewrites paths and hosts, and analysts
 * need the URL as it was seen.
 */
import { domainToASCII } from 'node:url';
import { lazyRequire } from '../../core/lazy-require.js';

const tldts = lazyRequire<typeof import('tldts')>('tldts');

export interface UrlComponents {
  scheme: string;
  credential?: string;
  host?: string;
  /** Set when the host is an IP address (normalised, e.g. 127.1 → 127.0.0.1). */
  ip?: string;
  port?: number;
  tld?: string;
  domain?: string;
  subdomain?: string;
  domainWithoutTld?: string;
  resourcePath: string;
  queryString: string;
  fragment: string;
}

export class UrlComponentsError extends Error {}

// RFC 3986 appendix B, as Python's urlsplit applies it.
const SPLIT = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;

/** inet_aton's forms: 1 to 4 parts, each decimal, octal (0…) or hex (0x…). */
function parseInetAton(host: string): string | undefined {
  const parts = host.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(part)) n = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) n = parseInt(part, 8);
    else if (/^[1-9][0-9]*$/.test(part)) n = parseInt(part, 10);
    else return undefined;
    numbers.push(n);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 2 ** (8 * (4 - numbers.length))) return undefined;
  let value = last;
  numbers.forEach((n, i) => {
    value += n * 2 ** (8 * (3 - i));
  });
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function parseIpv6(host: string): string | undefined {
  const address = host.split('%')[0]!;
  if (!/^[0-9a-f:.]+$/i.test(address) || !address.includes(':')) return undefined;
  // WHATWG URL normalises IPv6 as Python's ipaddress.compressed does.
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
}

export function decodeUrl(input: string): UrlComponents {
  const url = input.slice(0, 10).includes('//') ? input : `//${input}`;
  const m = SPLIT.exec(url);
  if (!m) throw new UrlComponentsError(`Cannot parse "${input}" as a URL.`);
  const [, scheme = '', netloc, rawPath = '', query = '', fragment = ''] = m;
  // urlparse moves ";params" of the last path segment out of the path.
  const lastSlash = rawPath.lastIndexOf('/');
  const semicolon = rawPath.indexOf(';', lastSlash + 1);
  const resourcePath = semicolon >= 0 ? rawPath.slice(0, semicolon) : rawPath;
  const out: UrlComponents = { scheme: scheme.toLowerCase(), resourcePath, queryString: query, fragment };
  if (netloc === undefined || netloc === '') return out;

  const at = netloc.lastIndexOf('@');
  const userinfo = at >= 0 ? netloc.slice(0, at) : undefined;
  const hostPort = at >= 0 ? netloc.slice(at + 1) : netloc;
  if (userinfo) out.credential = userinfo;
  let host: string;
  let port: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) throw new UrlComponentsError(`Invalid IPv6 URL: "${input}".`);
    host = hostPort.slice(1, close);
    const rest = hostPort.slice(close + 1);
    if (rest.startsWith(':')) port = rest.slice(1);
  } else {
    const colon = hostPort.indexOf(':');
    host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    if (colon >= 0) port = hostPort.slice(colon + 1);
  }
  if (port !== undefined && port !== '') {
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UrlComponentsError(`Invalid port "${port}" in "${input}".`);
    out.port = Number(port);
  }
  if (host === '') return out;
  host = host.toLowerCase();
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(host)) {
    const ascii = domainToASCII(host);
    if (ascii === '') throw new UrlComponentsError(`Invalid international domain name "${host}".`);
    host = ascii;
  }
  out.host = host;
  const ip = parseInetAton(host) ?? parseIpv6(host);
  if (ip) {
    out.ip = ip;
    return out;
  }
  const parsed = tldts().parse(host, { allowPrivateDomains: true, extractHostname: false, validateHostname: false });
  if (parsed.publicSuffix) out.tld = parsed.publicSuffix;
  if (parsed.domain) {
    out.domain = parsed.domain;
    const sub = host.slice(0, host.lastIndexOf(parsed.domain)).replace(/\.+$/, '');
    if (sub) out.subdomain = sub;
    if (out.tld) out.domainWithoutTld = parsed.domain.slice(0, parsed.domain.lastIndexOf(out.tld)).replace(/\.+$/, '');
  }
  return out;
}
