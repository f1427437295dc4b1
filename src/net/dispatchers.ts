/**
 * The undici dispatchers behind `ctx.http`, built once per server:
 *  - `direct`: trusted URLs (the vendors modules call, upstream overrides);
 *  - `guarded`: user-supplied URLs, whose connections resolve names through
 *    the URL guard's lookup (a separate pool, so a guarded request never
 *    reuses a connection opened for a trusted one);
 *  - one ProxyAgent per configured proxy URL.
 * Each pools `perHostConcurrency` connections per origin, so one slow
 * upstream cannot take the connections of another.
 *
 * undici is imported on the first request (it costs ~70 ms at start, and a
 * server whose modules stay offline never needs it).
 */
import { rootCertificates } from 'node:tls';
import type { Agent, Dispatcher, ProxyAgent } from 'undici';
import { createProxyChooser } from './proxy.js';
import type { ResolvedSettings } from './settings.js';
import { guardedLookup } from './url-guard.js';

export interface Route {
  dispatcher: Dispatcher;
  /** True when a proxy connects to the target (the guard cannot see the connected address). */
  proxied: boolean;
}

export interface Dispatchers {
  route(target: URL, guarded: boolean): Promise<Route>;
  close(): Promise<void>;
}

interface Pools {
  direct: Agent;
  guarded: Agent;
  proxyAgent(uri: string): ProxyAgent;
  all(): Dispatcher[];
}

export function createDispatchers(settings: ResolvedSettings): Dispatchers {
  // Fail at start-up, not at the first request, on a malformed proxy URL.
  for (const uri of [settings.proxy.http, settings.proxy.https]) {
    if (uri) {
      try {
        const url = new URL(uri);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported scheme ${url.protocol}`);
      } catch (error) {
        throw new Error(`Invalid proxy URL: ${(error as Error).message}`, { cause: error });
      }
    }
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
    async route(target, isGuarded) {
      const p = await load();
      const proxy = chooser.proxyFor(target);
      if (proxy) return { dispatcher: p.proxyAgent(proxy), proxied: true };
      return { dispatcher: isGuarded ? p.guarded : p.direct, proxied: false };
    },
    async close() {
      if (!pools) return;
      await Promise.all((await pools).all().map((agent) => agent.destroy()));
    },
  };
}
