/**
 * The set of modules the server offers: the built-ins, then custom modules
 * from `-c DIR` (a custom module with a built-in's name replaces it in place,
 * as upstream does).
 */
import type { ModuleDefinition } from './module.js';

export interface LoadProblem {
  /** The file (custom modules) or module name the problem is about. */
  source: string;
  reason: string;
}

export class ModuleRegistry {
  private readonly byName = new Map<string, ModuleDefinition>();
  readonly problems: LoadProblem[] = [];
  readonly replaced: string[] = [];
  private changes = 0;

  constructor(builtins: readonly ModuleDefinition[] = []) {
    for (const module of builtins) {
      if (this.byName.has(module.name)) throw new Error(`Two built-in modules are named ${module.name}`);
      this.byName.set(module.name, module);
    }
  }

  /** Adds a module; a module with the same name is replaced and keeps its position. Returns true when it replaced one. */
  add(module: ModuleDefinition): boolean {
    const existed = this.byName.has(module.name);
    this.byName.set(module.name, module);
    this.changes++;
    if (existed) this.replaced.push(module.name);
    return existed;
  }

  get(name: string): ModuleDefinition | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  all(): ModuleDefinition[] {
    return [...this.byName.values()];
  }

  /** Changes whenever a module is added or replaced: what is derived from the list (the /modules body) is built again. */
  get revision(): number {
    return this.changes;
  }

  get size(): number {
    return this.byName.size;
  }
}
