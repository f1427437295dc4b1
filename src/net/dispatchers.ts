/**
 * The undici dispatchers behind `ctx.http`, built once per server:
 *  - `direct`: trusted URLs (the vendors modules call, upstream overrides);
 *  - `guarded`: user-supplied URLs, whose connections resolve names through
 *    the URL guard's lookup (a separate pool, so a guarded request never
 *    reuses a connection opened for a trusted one);
 *  - one ProxyAgent per proxy URL in use (the server's, or a module's own
 *    per-request `proxy`).
 * Each pools `perHostConcurrency` connections per origin, so one slow
 * upstream cannot take the connections of another.
 *
 * undici is imported on the first request (it costs ~70 ms at start, and a
 * server whose modules stay offline never needs it).
 */
import { rootCertificates } from 'node:tls';
import type { Agent, Dispatcher, ProxyAgent } from 'undici';
import { createProxyChooser, isLoopbackHost } from './proxy.js';
import type { ResolvedSettings } from './settings.js';
import { guardedLookup } from './url-guard.js';

export interface Route {
  dispatcher: Dispatcher;
  /** True when a proxy connects to the target (the guard cannot see the connected address). */
  proxied: boolean;
}

export interface Dispatchers {
  /** `proxy`: a per-request proxy (HttpRequestOptions.proxy) that replaces the server's choice. */
  route(target: URL, guarded: boolean, proxy?: string): Promise<Route>;
  close(): Promise<void>;
}

interface Pools {
  direct: Agent;
  guarded: Agent;
  proxyAgent(uri: string): ProxyAgent;
  all(): Dispatcher[];
}

/** Throws "Invalid proxy URL: …" unless `uri` is an http(s) URL; the message never repeats the URL (it may hold a password). */
export function checkProxyUrl(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Error('Invalid proxy URL: not a URL (expected http://host:port).');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Invalid proxy URL: unsupported scheme ${url.protocol}`);
  if (url.hostname === '') throw new Error('Invalid proxy URL: no host.');
}

export function createDispatchers(settings: ResolvedSettings): Dispatchers {
  // Fail at start-up, not at the first request, on a malformed proxy URL.
  for (const uri of [settings.proxy.http, settings.proxy.https]) {
    if (uri) checkProxyUrl(uri);
  }
  const chooser = createProxyChooser(settings.proxy);
  let pools: Promise<Pools> | undefined;
  const load = (): Promise<Pools> =>
    (pools ??= import('undici').then(({ Agent, ProxyAgent }) => {
      // `ca` replaces Node's trust store, so the bundled roots are kept beside the extra CAs.
      const tls = settings.ca ? { ca: [...rootCertificates, ...settings.ca] } : {};
      const connect = { ...tls, timeout: settings.connectTimeoutMs };
      const common = { connections: settings.perHostConcurrency };
      const direct = new Agent({ ...common, connect });
      const guarded = new Agent({
        ...common,
        connect: { ...connect, lookup: guardedLookup(settings.allowUrlRanges, settings.lookup) },
      });
      const proxies = new Map<string, ProxyAgent>();
      return {
        direct,
        guarded,
        proxyAgent(uri) {
          let agent = proxies.get(uri);
          if (!agent) {
            agent = new ProxyAgent({ ...common, uri, requestTls: tls, proxyTls: tls, connect });
            proxies.set(uri, agent);
          }
          return agent;
        },
        all: () => [direct, guarded, ...proxies.values()],
      };
    }));

  return {
    async route(target, isGuarded, own) {
      const p = await load();
      const proxy = own === undefined ? chooser.proxyFor(target) : isLoopbackHost(target.hostname) ? undefined : own;
      if (proxy) return { dispatcher: p.proxyAgent(proxy), proxied: true };
      return { dispatcher: isGuarded ? p.guarded : p.direct, proxied: false };
    },
    async close() {
      if (!pools) return;
      await Promise.all((await pools).all().map((agent) => agent.destroy()));
    },
  };
}
