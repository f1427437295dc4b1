/**
 * Loads custom modules from `DIR/<family folder>/*.js|*.mjs` (the same folder
 * names as upstream: expansion, import_mod, export_mod, action_mod). A file
 * that fails to load, does not load in time, or whose definition is invalid
 * is reported and skipped: it never stops the server.
 *
 * Each file is first tried on a thread of its own within a time limit
 * (custom-load-check.ts), so an import that loops or never settles cannot
 * hold the server. A module that runs on its own thread (`--isolate`, by
 * default every custom module) is then listed from the description that
 * thread sent: its code never runs on the server's thread. Other files that
 * passed are imported here, again within the limit.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkCustomFiles } from './custom-load-check.js';
import { customFile, definitionRunElsewhere, importCustomModule, type CustomFile } from './custom-module-file.js';
import { KIND_FOLDERS, type ModuleDefinition, type ModuleKind } from './module.js';
import type { LoadProblem } from './registry.js';

export interface CustomLoadResult {
  modules: ModuleDefinition[];
  /** The file each module came from (other threads load it again from there). */
  files: Map<ModuleDefinition, CustomFile>;
  problems: LoadProblem[];
}

export interface CustomLoadOptions {
  /** How long one file may take to import, in ms. */
  loadTimeoutMs: number;
  /** Whether the module of this name runs on the server's thread (then the file is imported here). Default: all. */
  runsHere?: (name: string) => boolean;
}

export const DEFAULT_CUSTOM_LOAD_TIMEOUT_MS = 10_000;

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

/** Every candidate module file under the folder, family by family. */
async function listCustomFiles(root: string): Promise<CustomFile[]> {
  const files: CustomFile[] = [];
  for (const [kind, folder] of Object.entries(KIND_FOLDERS) as Array<[ModuleKind, string]>) {
    for (const name of (await listFolder(join(root, folder))) ?? []) files.push(customFile(join(root, folder, name), kind));
  }
  return files;
}

/** The import on this thread, bounded too: a file may behave differently the second time. */
async function importWithin(file: CustomFile, timeoutMs: number): ReturnType<typeof importCustomModule> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<{ problem: string }>((resolve) => {
    timer = setTimeout(() => resolve({ problem: `did not finish loading within ${timeoutMs} ms on the server's thread (it loaded in its trial thread)` }), timeoutMs);
  });
  try {
    return await Promise.race([importCustomModule(file), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export async function loadCustomModules(dir: string, options: CustomLoadOptions = { loadTimeoutMs: DEFAULT_CUSTOM_LOAD_TIMEOUT_MS }): Promise<CustomLoadResult> {
  const root = resolve(dir);
  const modules: ModuleDefinition[] = [];
  const files = new Map<ModuleDefinition, CustomFile>();
  const problems: LoadProblem[] = [];
  try {
    await readdir(root);
  } catch (error) {
    problems.push({ source: root, reason: `cannot read the custom modules folder: ${(error as Error).message}` });
    return { modules, files, problems };
  }
  const candidates = await listCustomFiles(root);
  const trials = await checkCustomFiles(candidates, options.loadTimeoutMs);
  const runsHere = options.runsHere ?? (() => true);
  for (const file of candidates) {
    const trial = trials.get(file.url) ?? { problem: 'was not tried' };
    const loaded =
      'problem' in trial
        ? trial
        : trial.description && !runsHere(trial.description.name)
          ? { module: definitionRunElsewhere(trial.description) }
          : await importWithin(file, options.loadTimeoutMs);
    if ('problem' in loaded) {
      problems.push({ source: file.path, reason: loaded.problem });
      continue;
    }
    modules.push(loaded.module);
    files.set(loaded.module, file);
  }
  return { modules, files, problems };
}
