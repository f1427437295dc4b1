/**
 * The built-in modules: one file each in src/modules/<family>/<name>.ts.
 * The server holds their descriptions (src/modules/manifest.ts, generated
 * from the files by `npm run docs:modules`) and imports a module's file on
 * its first query (core/lazy-module.ts): start time and memory do not grow
 * with the number of modules.
 */
import { lazyModule, loadModuleCode } from '../core/lazy-module.js';
import type { ModuleDefinition } from '../core/module.js';
import { BUILTIN_MODULES } from './manifest.js';

export const builtinModules: readonly ModuleDefinition[] = BUILTIN_MODULES.map(lazyModule);

/** Every built-in module with its code loaded (tests and scripts that read the handlers). */
export function loadBuiltinModules(): Promise<ModuleDefinition[]> {
  return Promise.all(builtinModules.map(loadModuleCode));
}
