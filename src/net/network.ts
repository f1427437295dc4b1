/**
 * The network layer as the server builds it once at start-up. `forQuery`
 * hands each query its own `http`, `dns` and `net`, bound to the query's signal;
 * the connection pools behind them are shared.
 */
import { readFileSync } from 'node:fs';
import { netClientFactory } from './connect.js';
import { createDispatchers } from './dispatchers.js';
import { createDnsClient } from './dns-client.js';
import { createHttpClient } from './http-client.js';
import { resolveSettings, type NetworkSettings } from './settings.js';
import type { DnsClient, HttpClient, NetClient } from './types.js';

export interface QueryNetwork {
  http: HttpClient;
  dns: DnsClient;
  net: NetClient;
}

/** Upstream connections opened since start, by the protocol they speak (HTTP/2 or HTTP/1.1). */
export interface UpstreamConnectionCounts {
  h2: number;
  'http/1.1': number;
}

export interface Network {
  forQuery(signal: AbortSignal): QueryNetwork;
  connectionsOpened(): UpstreamConnectionCounts;
  /** Destroys every pooled connection; requests still running fail. */
  close(): Promise<void>;
}

/**
 * Throws a plain Error (a configuration mistake, reported at start-up) for a
 * malformed override, CIDR, proxy URL or unreadable CA file.
 */
export function createNetwork(settings: NetworkSettings, env: NodeJS.ProcessEnv = process.env): Network {
  const resolved = resolveSettings(settings, env, (path) => readFileSync(path, 'utf8'));
  const dispatchers = createDispatchers(resolved);
  const deps = { settings: resolved, dispatchers };
  const netClient = netClientFactory(resolved);
  return {
    forQuery: (signal) => ({
      http: createHttpClient(deps, signal),
      dns: createDnsClient(signal, resolved.dnsServers),
      net: netClient(signal),
    }),
    connectionsOpened: () => dispatchers.connections(),
    close: () => dispatchers.close(),
  };
}
