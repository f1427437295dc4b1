/**
 * Wraps module definitions so that their handler runs on a thread of its
 * own (`--isolate`). The definition the server lists is unchanged; only
 * `handle` is replaced by a call to the module's thread.
 */
import type { ModuleDefinition } from '../module.js';
import type { NetworkSettings } from '../../net/settings.js';
import { ModuleThread, type ModuleThreadOptions } from './module-thread.js';
import type { ModuleSource } from './protocol.js';

/** The words --isolate takes besides module names. */
export const ISOLATE_KEYWORDS: readonly string[] = ['custom', 'all', 'none'];

/** Which modules run isolated: names, `custom` (every -c module), `all`, or `none`. */
export function isolationMatcher(list: readonly string[]): (module: ModuleDefinition, custom: boolean) => boolean {
  const names = new Set(list);
  if (names.has('none')) return () => false;
  return (module, custom) => names.has('all') || names.has(module.name) || (custom && names.has('custom'));
}

export class IsolatedModules {
  private readonly threads: ModuleThread[] = [];

  constructor(
    private readonly network: NetworkSettings,
    private readonly options: ModuleThreadOptions,
  ) {}

  /** A definition whose handler runs in the module's own thread. */
  isolate(module: ModuleDefinition, source: ModuleSource): ModuleDefinition {
    const thread = new ModuleThread({ source, network: this.network }, this.options);
    this.threads.push(thread);
    return Object.freeze({ ...module, handle: (query, ctx) => thread.run(query, ctx) } satisfies ModuleDefinition);
  }

  /** Threads alive now. */
  get aliveThreads(): number {
    return this.threads.filter((t) => t.alive).length;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}
