/**
 * What an undici Agent (or ProxyAgent) builds for each origin it is asked
 * to reach: an `Http2OriginPool` for https origins when HTTP/2 is on, an
 * ordinary undici Pool otherwise. Either way every connection is counted by
 * the protocol it speaks (`/metrics`: misp_modules_upstream_connections_total).
 *
 * The connector comes from the Agent's options: for a direct Agent its
 * `connect` TLS options (the URL guard's lookup, `--ca-file`,
 * `rejectUnauthorized`), built here with and without h2 in ALPN; for a
 * ProxyAgent its tunnel function, which offers h2 inside the CONNECT tunnel
 * when the ProxyAgent's `requestTls` has `allowH2`.
 */
import { Pool, buildConnector, type Dispatcher } from 'undici';
import { Http2OriginPool, negotiatedProtocol, type UpstreamProtocol } from './http2-origin-pool.js';

export type ConnectionCounts = Record<UpstreamProtocol, number>;

export interface OriginFactoryOptions {
  http2: boolean;
  /** Concurrent requests per origin (`--upstream-connections`). */
  concurrency: number;
  streamsPerConnection: number;
  http2IdleTimeoutMs: number;
  counts: ConnectionCounts;
}

type ConnectOption = buildConnector.BuildOptions | buildConnector.connector | undefined;

/** The Agent `factory` option. */
export function originFactory(options: OriginFactoryOptions): (origin: string | URL, agentOptions: object) => Dispatcher {
  const count = (protocol: UpstreamProtocol) => (options.counts[protocol] += 1);
  return (origin, agentOptions) => {
    const url = new URL(origin);
    const connect = (agentOptions as { connect?: ConnectOption }).connect;
    const connectHttp1 = counted(connector(connect, false), count);
    if (options.http2 && url.protocol === 'https:') {
      return new Http2OriginPool(url, {
        // The pool counts its own connections, once it knows what they speak.
        connectAny: connector(connect, true),
        connectHttp1,
        concurrency: options.concurrency,
        streamsPerConnection: options.streamsPerConnection,
        idleTimeoutMs: options.http2IdleTimeoutMs,
        onConnection: count,
      });
    }
    return new Pool(url, { connections: options.concurrency, connect: connectHttp1 });
  };
}

/** A function is used as it is (a proxy tunnel decides ALPN itself); TLS options are built into a connector. */
function connector(connect: ConnectOption, allowH2: boolean): buildConnector.connector {
  if (typeof connect === 'function') return connect;
  return buildConnector({ ...connect, allowH2 });
}

function counted(connect: buildConnector.connector, count: (protocol: UpstreamProtocol) => void): buildConnector.connector {
  return (connectOptions, callback) =>
    connect(connectOptions, (...outcome) => {
      if (outcome[1]) count(negotiatedProtocol(outcome[1]));
      callback(...outcome);
    });
}
