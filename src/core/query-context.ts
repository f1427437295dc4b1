/**
 * The context a module's handler receives. A class with prototype getters:
 * an object literal with getters would allocate new accessor closures on
 * every query (measurable at thousands of queries per second). The abort
 * signal and the clients bound to it are made on first use.
 */
import type { DnsClient, HttpClient, NetClient } from '../net/types.js';
import type { LazyAbort } from './lazy-abort.js';
import type { ModuleConfig, ModuleContext, ModuleLogger } from './module.js';
import type { SlotLimiter } from './rate-limiter.js';
import type { SharedResources } from './resource-cache.js';
import { VendorApi, type VendorSpec } from './vendor-api.js';
import type { WorkerPool, WorkerRunner } from './worker-pool.js';

/** Network clients bound to one query's abort signal. */
export interface QueryNetwork {
  forQuery(signal: AbortSignal): { http: HttpClient; dns: DnsClient; net: NetClient };
}

export class QueryContext implements ModuleContext {
  #clients: { http: HttpClient; dns: DnsClient; net: NetClient } | undefined;
  #workers: WorkerRunner | undefined;

  constructor(
    readonly config: ModuleConfig,
    readonly configProvided: boolean,
    readonly log: ModuleLogger,
    readonly requestId: string,
    private readonly abort: LazyAbort,
    private readonly network: QueryNetwork,
    private readonly pool: WorkerPool,
    readonly resources: SharedResources,
    /** Where vendor requests wait for a rate-limit slot (this server's, or shared through Redis); default the process's. */
    private readonly limiter?: SlotLimiter,
  ) {}

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get http(): HttpClient {
    this.#clients ??= this.network.forQuery(this.abort.signal);
    return this.#clients.http;
  }

  get dns(): DnsClient {
    this.#clients ??= this.network.forQuery(this.abort.signal);
    return this.#clients.dns;
  }

  get net(): NetClient {
    this.#clients ??= this.network.forQuery(this.abort.signal);
    return this.#clients.net;
  }

  vendor(spec: VendorSpec): VendorApi {
    const { deadline } = this.abort;
    return new VendorApi(this.http, this.config, spec, {
      signal: this.abort.signal,
      ...(deadline === undefined ? {} : { deadline }),
      ...(this.limiter ? { limiter: this.limiter } : {}),
    });
  }

  get workers(): WorkerRunner {
    this.#workers ??= this.pool.forQuery(this.abort.signal);
    return this.#workers;
  }
}
