/**
 * Loads custom modules from `DIR/<family folder>/*.js|*.mjs` (the same folder
 * names as upstream: expansion, import_mod, export_mod, action_mod). A file
 * that fails to load or whose definition is invalid is reported and skipped:
 * it never stops the server.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkModuleSpec, defineModule, KIND_FOLDERS, type ModuleDefinition, type ModuleSpec } from './module.js';
import type { LoadProblem } from './registry.js';

export interface CustomLoadResult {
  modules: ModuleDefinition[];
  /** The file each module came from (isolated modules are loaded again from it in their thread). */
  files: Map<ModuleDefinition, string>;
  problems: LoadProblem[];
}

const MODULE_FILE = /^[^_.][^/]*\.(m?js)$/;

/**
 * The module files of a family folder. Symbolic links are followed, as for
 * a symlinked folder: a link to a file is loaded like the file; a link that
 * leads nowhere (or to a folder) is listed too, so that loading it fails
 * with a problem line naming it and the reason, instead of a silent skip.
 */
async function listFolder(path: string): Promise<string[] | undefined> {
  try {
    return (await readdir(path, { withFileTypes: true }))
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && MODULE_FILE.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function loadCustomModules(dir: string): Promise<CustomLoadResult> {
  const root = resolve(dir);
  const modules: ModuleDefinition[] = [];
  const files = new Map<ModuleDefinition, string>();
  const problems: LoadProblem[] = [];
  try {
    await readdir(root);
  } catch (error) {
    problems.push({ source: root, reason: `cannot read the custom modules folder: ${(error as Error).message}` });
    return { modules, files, problems };
  }
  for (const [kind, folder] of Object.entries(KIND_FOLDERS)) {
    const names = await listFolder(join(root, folder));
    for (const file of names ?? []) {
      const path = join(root, folder, file);
      try {
        const imported = (await import(pathToFileURL(path).href)) as { default?: unknown };
        const spec = imported.default;
        const problemsOfSpec = checkModuleSpec(spec);
        if (problemsOfSpec.length > 0) {
          problems.push({ source: path, reason: problemsOfSpec.join('; ') });
          continue;
        }
        const module = isDefined(spec) ? spec : defineModule(spec as ModuleSpec);
        if (module.kind !== kind) {
          problems.push({ source: path, reason: `declares kind '${module.kind}' but sits in ${folder}/ (expected kind '${kind}')` });
          continue;
        }
        modules.push(module);
        files.set(module, pathToFileURL(path).href);
      } catch (error) {
        problems.push({ source: path, reason: `failed to load: ${(error as Error)?.message ?? String(error)}` });
      }
    }
  }
  return { modules, files, problems };
}

/** A plain object with the spec's shape is accepted too; defineModule fills its defaults. */
function isDefined(spec: unknown): spec is ModuleDefinition {
  const s = spec as Partial<ModuleDefinition>;
  return Object.isFrozen(spec) && typeof s.checkInput === 'boolean' && typeof s.coalesce === 'boolean' && typeof s.messages === 'object';
}
