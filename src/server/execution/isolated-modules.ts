/**
 * The modules that run on a thread of their own (`--isolate`), one
 * ModuleThread each, started on first use. The server lists their
 * definitions as usual; the execution policy (execution.ts) sends their
 * queries here.
 */
import type { QueryOutcome } from '../../core/runner.js';
import type { OwnThreads, QueryPlace } from './execution.js';
import { ModuleThread, type ModuleThreadOptions } from './module-thread.js';
import type { ExecutionSettings } from './protocol.js';

/** The words --isolate takes besides module names. */
export const ISOLATE_KEYWORDS: readonly string[] = ['custom', 'all', 'none'];

/** Which modules run isolated: names, `custom` (every -c module), `all`, or `none`. */
export function isolationMatcher(list: readonly string[]): (name: string, custom: boolean) => boolean {
  const names = new Set(list);
  if (names.has('none')) return () => false;
  return (name, custom) => names.has('all') || names.has(name) || (custom && names.has('custom'));
}

export class IsolatedModules implements OwnThreads {
  private readonly threads = new Map<string, ModuleThread>();
  private settings: ExecutionSettings | undefined;

  constructor(private readonly options: ModuleThreadOptions) {}

  /** The settings threads are started with (set once the server knows its modules). */
  configure(settings: ExecutionSettings): void {
    this.settings = settings;
  }

  forModule(name: string): QueryPlace<QueryOutcome> {
    let thread = this.threads.get(name);
    if (!thread) {
      if (!this.settings) throw new Error('IsolatedModules used before configure()');
      thread = new ModuleThread({ settings: this.settings, module: name }, this.options);
      this.threads.set(name, thread);
    }
    return thread;
  }

  get running(): number {
    let count = 0;
    for (const thread of this.threads.values()) count += thread.running;
    return count;
  }

  /** Threads alive now. */
  get aliveThreads(): number {
    let count = 0;
    for (const thread of this.threads.values()) if (thread.alive) count++;
    return count;
  }

  abortAll(): void {
    for (const thread of this.threads.values()) thread.abortAll();
  }

  async close(): Promise<void> {
    await Promise.all([...this.threads.values()].map((t) => t.close()));
  }
}
