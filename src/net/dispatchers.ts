/**
 * The undici dispatchers behind `ctx.http`, built once per server:
 *  - `direct`: trusted URLs (the vendors modules call, upstream overrides);
 *  - `guarded`: user-supplied URLs, whose connections resolve names through
 *    the URL guard's lookup (a separate pool, so a guarded request never
 *    reuses a connection opened for a trusted one);
 *  - `unverified`: admin-configured servers whose module has upstream's
 *    "verify" setting off (self-signed certificates), opened only on demand;
 *  - one ProxyAgent per configured proxy URL (and one that does not verify
 *    the target's certificate, for the same case).
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
  /** `verifyTls: false` is refused for guarded (user-supplied) URLs by the caller. */
  route(target: URL, guarded: boolean, verifyTls?: boolean): Promise<Route>;
  close(): Promise<void>;
}

interface Pools {
  direct: Agent;
  guarded: Agent;
  unverified(): Agent;
  proxyAgent(uri: string, verifyTls: boolean): ProxyAgent;
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
      let unverified: Agent | undefined;
      return {
        direct,
        guarded,
        unverified: () => (unverified ??= new Agent({ ...common, connect: { ...connect, rejectUnauthorized: false } })),
        proxyAgent(uri, verifyTls) {
          const key = `${verifyTls ? 'verified' : 'unverified'} ${uri}`;
          let agent = proxies.get(key);
          if (!agent) {
            const requestTls = verifyTls ? tls : { ...tls, rejectUnauthorized: false };
            agent = new ProxyAgent({ ...common, uri, requestTls, proxyTls: tls, connect });
            proxies.set(key, agent);
          }
          return agent;
        },
        all: () => [direct, guarded, ...(unverified ? [unverified] : []), ...proxies.values()],
      };
    }));

  return {
    async route(target, isGuarded, verifyTls = true) {
      const p = await load();
      const verify = isGuarded || verifyTls;
      const proxy = chooser.proxyFor(target);
      if (proxy) return { dispatcher: p.proxyAgent(proxy, verify), proxied: true };
      if (isGuarded) return { dispatcher: p.guarded, proxied: false };
      return { dispatcher: verify ? p.direct : p.unverified(), proxied: false };
    },
    async close() {
      if (!pools) return;
      await Promise.all((await pools).all().map((agent) => agent.destroy()));
    },
  };
}
