/**
 * A built-in module whose code is imported on its first query. The server
 * lists it, checks input and settings, coalesces and counts its queries from
 * its description alone (name, kind, meta, config, attributes, messages…:
 * everything but the handler, from src/modules/manifest.ts, which a script
 * generates from the module files). Its file, with everything only it
 * imports, is evaluated when a query first needs the handler: concurrent
 * first queries share one import, and a file that fails to import is a
 * `ModuleLoadError` for that module's queries only (tried again on its next
 * query), the server serving everything else.
 */
import { isDeepStrictEqual } from 'node:util';
import { describeDefinition, type ModuleDescription } from './custom-module-file.js';
import { checkModuleSpec, type ModuleContext, type ModuleDefinition, type Query } from './module.js';
import type { LoadProblem } from './registry.js';

/** One built-in module: its description and how to import its file. */
export interface BuiltinModuleEntry {
  description: ModuleDescription;
  load: () => Promise<{ default?: unknown }>;
}

/** A module's file could not be imported, or no longer defines the module its description names. */
export class ModuleLoadError extends Error {
  constructor(
    readonly module: string,
    reason: unknown,
  ) {
    super(`Module '${module}' could not be loaded on this server`, { cause: reason });
    this.name = 'ModuleLoadError';
  }
}

/** How to get each lazy module's real definition (its code imported). */
const codeOf = new WeakMap<ModuleDefinition, () => Promise<ModuleDefinition>>();

function loadedDefinition(description: ModuleDescription, exported: unknown): ModuleDefinition {
  const problems = checkModuleSpec(exported);
  if (problems.length > 0) throw new Error(`its file does not export a module definition: ${problems.join('; ')}`);
  const module = exported as ModuleDefinition;
  if (module.name !== description.name || module.kind !== description.kind) {
    throw new Error(`its file defines the ${module.kind} module '${module.name}', not the ${description.kind} module '${description.name}' (run npm run docs:modules)`);
  }
  return module;
}

/** A definition whose data is `description` and whose handler imports the module's code on first call. */
export function lazyModule({ description, load }: BuiltinModuleEntry): ModuleDefinition {
  let code: ModuleDefinition | undefined;
  let loading: Promise<ModuleDefinition> | undefined;
  const loadCode = (): Promise<ModuleDefinition> =>
    (loading ??= load()
      .then((exports) => (code = loadedDefinition(description, exports.default)))
      .catch((error: unknown) => {
        // The next query tries again (a file that failed to evaluate keeps failing: Node caches that).
        loading = undefined;
        throw new ModuleLoadError(description.name, error);
      }));
  const definition: ModuleDefinition = Object.freeze({
    ...description,
    moduleType: Object.freeze([...description.moduleType]),
    meta: Object.freeze({ ...description.meta }),
    config: Object.freeze({ ...description.config }),
    attributes: Object.freeze({ ...description.attributes }),
    messages: Object.freeze({ ...description.messages }),
    // Called as a method of the module's own definition, as the runner calls a loaded module.
    handle: (query: Query, ctx: ModuleContext) => (code ? code.handle(query, ctx) : loadCode().then((module) => module.handle(query, ctx))),
  });
  codeOf.set(definition, loadCode);
  return definition;
}

/** The module with its code loaded: a lazy module's own definition, any other module itself. */
export function loadModuleCode(module: ModuleDefinition): Promise<ModuleDefinition> {
  return codeOf.get(module)?.() ?? Promise.resolve(module);
}

/** Whether `module`'s code is imported on its first query. */
export function isLazyModule(module: ModuleDefinition): boolean {
  return codeOf.has(module);
}

/** Plain data, as JSON keeps it (no undefined values, no frozen flags). */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * Imports the code of every lazy module (`misp-modules --check`): a file that
 * does not import, or whose definition differs from the description the
 * server lists, is a problem.
 */
export async function loadEveryModule(modules: readonly ModuleDefinition[]): Promise<LoadProblem[]> {
  const problems: LoadProblem[] = [];
  for (const module of modules.filter(isLazyModule)) {
    try {
      const loaded = await loadModuleCode(module);
      if (!isDeepStrictEqual(asJson(describeDefinition(loaded)), asJson(describeDefinition(module)))) {
        problems.push({ source: module.name, reason: 'its definition differs from src/modules/manifest.ts (run npm run docs:modules)' });
      }
    } catch (error) {
      const cause = error instanceof ModuleLoadError ? error.cause : error;
      problems.push({ source: module.name, reason: `its code failed to load: ${(cause as Error)?.message ?? String(cause)}` });
    }
  }
  return problems;
}
