/**
 * The undici dispatchers behind `ctx.http`, built once per server:
 *  - `direct`: trusted URLs (the vendors modules call, upstream overrides);
 *  - `guarded`: user-supplied URLs, whose connections resolve names through
 *    the URL guard's lookup (a separate pool, so a guarded request never
 *    reuses a connection opened for a trusted one);
 *  - one ProxyAgent per proxy URL in use (the server's, or a module's own
 *    per-request `proxy`), and one that does not verify the target's certificate
 *    for each, for the case below;
 *  - `unverified`: admin-configured servers whose module has upstream's
 *    "verify" setting off (self-signed certificates), opened only on demand.
 * Each keeps `perHostConcurrency` concurrent requests per origin, so one slow
 * upstream cannot take the connections of another: over HTTP/1.1 that many
 * connections, over HTTP/2 (https origins that pick it by ALPN, when
 * `http2` is on) that many streams on a few connections
 * (`origin-factory.ts`, `http2-origin-pool.ts`). Only GET and HEAD without a
 * body share HTTP/2 connections (`multiplexing.ts`); the others go over
 * HTTP/1.1. Through a proxy, h2 is offered inside the CONNECT tunnel, by a
 * ProxyAgent used for those requests only.
 *
 * undici is imported on the first request (it costs ~70 ms at start, and a
 * server whose modules stay offline never needs it).
 */
import { createSecureContext, rootCertificates } from 'node:tls';
import type { Agent, Dispatcher, ProxyAgent } from 'undici';
import type { ConnectionCounts } from './origin-factory.js';
import { createProxyChooser, isLoopbackHost } from './proxy.js';
import type { ResolvedSettings } from './settings.js';
import { guardedLookup } from './url-guard.js';

export interface Route {
  dispatcher: Dispatcher;
  /** True when a proxy connects to the target (the guard cannot see the connected address). */
  proxied: boolean;
}

export interface Dispatchers {
  /**
   * `proxy`: a per-request proxy (HttpRequestOptions.proxy) that replaces the server's choice;
   * `verifyTls: false` is refused for guarded (user-supplied) URLs by the caller;
   * `multiplexable`: the request may share an HTTP/2 connection (`canMultiplex`); default false.
   */
  route(target: URL, guarded: boolean, choice?: { proxy?: string | undefined; verifyTls?: boolean; multiplexable?: boolean }): Promise<Route>;
  /** Upstream connections opened so far, by the protocol they speak. */
  connections(): ConnectionCounts;
  close(): Promise<void>;
}

interface Pools {
  direct: Agent;
  guarded: Agent;
  unverified(): Agent;
  proxyAgent(uri: string, verifyTls: boolean, http2: boolean): ProxyAgent;
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
  const counts: ConnectionCounts = { h2: 0, 'http/1.1': 0 };
  let pools: Promise<Pools> | undefined;
  const load = (): Promise<Pools> =>
    (pools ??= Promise.all([import('undici'), import('./origin-factory.js')]).then(([{ Agent, ProxyAgent }, { originFactory }]) => {
      // `ca` replaces Node's trust store, so the bundled roots are kept beside the extra CAs.
      // One context for every connection: given as `ca`, tls.connect would parse the ~140 roots
      // again for each connection (about 40 ms of CPU and 0.8 MB each, measured here).
      const tls = settings.ca ? { secureContext: createSecureContext({ ca: [...rootCertificates, ...settings.ca] }) } : {};
      const connect = { ...tls, timeout: settings.connectTimeoutMs };
      const factory = (http2: boolean) =>
        originFactory({
          http2,
          concurrency: settings.perHostConcurrency,
          streamsPerConnection: settings.http2StreamsPerConnection,
          http2IdleTimeoutMs: settings.http2IdleTimeoutMs,
          counts,
        });
      const common = { connections: settings.perHostConcurrency, factory: factory(settings.http2) };
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
        proxyAgent(uri, verifyTls, http2) {
          const key = `${verifyTls ? 'verified' : 'unverified'} ${http2 ? 'h2' : 'http/1.1'} ${uri}`;
          let agent = proxies.get(key);
          if (!agent) {
            // The TLS with the target inside the tunnel offers h2 or not for every connection of
            // a ProxyAgent: requests that must stay on HTTP/1.1 get a ProxyAgent of their own.
            const requestTls = { ...tls, allowH2: http2, ...(verifyTls ? {} : { rejectUnauthorized: false }) };
            agent = new ProxyAgent({ ...common, factory: factory(http2), uri, requestTls, proxyTls: tls, connect });
            proxies.set(key, agent);
          }
          return agent;
        },
        all: () => [direct, guarded, ...(unverified ? [unverified] : []), ...proxies.values()],
      };
    }));

  return {
    async route(target, isGuarded, choice = {}) {
      const p = await load();
      const verify = isGuarded || choice.verifyTls !== false;
      const proxy = choice.proxy === undefined ? chooser.proxyFor(target) : isLoopbackHost(target.hostname) ? undefined : choice.proxy;
      if (proxy) return { dispatcher: p.proxyAgent(proxy, verify, settings.http2 && choice.multiplexable === true), proxied: true };
      if (isGuarded) return { dispatcher: p.guarded, proxied: false };
      return { dispatcher: verify ? p.direct : p.unverified(), proxied: false };
    },
    connections: () => ({ ...counts }),
    async close() {
      if (!pools) return;
      await Promise.all((await pools).all().map((agent) => agent.destroy()));
    },
  };
}
