/**
 * Which requests go through a proxy. Same NO_PROXY grammar as undici's
 * EnvHttpProxyAgent (`host`, `.host`, `*.host`, `host:port`, `*`), plus one
 * rule from Go's net/http: loopback destinations are never proxied, so a local
 * upstream override keeps working on a machine with HTTP_PROXY set. We decide
 * ourselves rather than through EnvHttpProxyAgent because the URL guard must
 * know whether a request is proxied (the proxy then resolves the name).
 */
import { parseIp, cidrContains, parseCidr, type Cidr } from './ip.js';
import type { ProxySettings } from './settings.js';

interface NoProxyEntry {
  hostname: string;
  port: number;
}

export interface ProxyChooser {
  /** The proxy URL for this target, or undefined for a direct connection. */
  proxyFor(target: URL): string | undefined;
}

const LOOPBACK: Cidr[] = [parseCidr('127.0.0.0/8') as Cidr, parseCidr('::1/128') as Cidr];

export function createProxyChooser(settings: ProxySettings): ProxyChooser {
  const http = settings.http;
  const https = settings.https ?? settings.http;
  const noProxy = (settings.noProxy ?? '').trim();
  const entries = parseNoProxy(noProxy);
  return {
    proxyFor(target) {
      const proxy = target.protocol === 'https:' ? https : http;
      if (!proxy || noProxy === '*') return undefined;
      const hostname = target.hostname.toLowerCase();
      if (isLoopbackHost(hostname)) return undefined;
      const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
      const bypass = entries.some(
        (entry) =>
          (entry.port === 0 || entry.port === port) &&
          (hostname === entry.hostname || hostname.endsWith(`.${entry.hostname}`)),
      );
      return bypass ? undefined : proxy;
    },
  };
}

function parseNoProxy(value: string): NoProxyEntry[] {
  return value
    .split(/[,\s]+/)
    .filter((entry) => entry !== '')
    .map((entry) => {
      const withPort = /^(.+):(\d+)$/.exec(entry);
      const host = (withPort?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase();
      return { hostname: host, port: withPort?.[2] ? Number(withPort[2]) : 0 };
    });
}

/** `localhost`, 127.0.0.0/8 or ::1: never proxied, so a local `--upstream` override keeps working. */
export function isLoopbackHost(name: string): boolean {
  const hostname = name.toLowerCase().replace(/^\[|\]$/g, '');
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  const ip = parseIp(hostname);
  return ip !== undefined && LOOPBACK.some((range) => cidrContains(range, ip));
}
