/**
 * The undici dispatchers behind `ctx.http`, built once per server:
 *  - `direct`: trusted URLs (the vendors modules call, upstream overrides);
 *  - `guarded`: user-supplied URLs, whose connections resolve names through
 *    the URL guard's lookup (a separate pool, so a guarded request never
 *    reuses a connection opened for a trusted one);
 *  - one ProxyAgent per configured proxy URL.
 * Each pools `perHostConcurrency` connections per origin, so one slow
 * upstream cannot take the connections of another.
 */
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { createProxyChooser } from './proxy.js';
import type { ResolvedSettings } from './settings.js';
import { guardedLookup } from './url-guard.js';

export interface Route {
  dispatcher: Dispatcher;
  /** True when a proxy connects to the target (the guard cannot see the connected address). */
  proxied: boolean;
}

export interface Dispatchers {
  route(target: URL, guarded: boolean): Route;
  close(): Promise<void>;
}

export function createDispatchers(settings: ResolvedSettings): Dispatchers {
  // `ca` replaces Node's trust store, so the bundled roots are kept beside the extra CAs.
  const tls = settings.ca ? { ca: [...rootCertificates, ...settings.ca] } : {};
  const connect = { ...tls, timeout: settings.connectTimeoutMs };
  const common = { connections: settings.perHostConcurrency };

  const direct = new Agent({ ...common, connect });
  const guarded = new Agent({
    ...common,
    connect: { ...connect, lookup: guardedLookup(settings.allowUrlRanges, settings.lookup) },
  });
  const chooser = createProxyChooser(settings.proxy);
  const proxies = new Map<string, ProxyAgent>();
  const proxyAgent = (uri: string): ProxyAgent => {
    let agent = proxies.get(uri);
    if (!agent) {
      agent = new ProxyAgent({ ...common, uri, requestTls: tls, proxyTls: tls, connect });
      proxies.set(uri, agent);
    }
    return agent;
  };
  // Fail at start-up, not at the first request, on a malformed proxy URL.
  for (const uri of [settings.proxy.http, settings.proxy.https]) {
    if (uri) {
      try {
        proxyAgent(uri);
      } catch (error) {
        throw new Error(`Invalid proxy URL: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  return {
    route(target, isGuarded) {
      const proxy = chooser.proxyFor(target);
      if (proxy) return { dispatcher: proxyAgent(proxy), proxied: true };
      return { dispatcher: isGuarded ? guarded : direct, proxied: false };
    },
    async close() {
      await Promise.all([direct, guarded, ...proxies.values()].map((agent) => agent.destroy()));
    },
  };
}
