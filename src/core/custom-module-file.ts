/**
 * One custom module file: importing it and checking that its default export
 * is a module of the family its folder names. Used by the load check's
 * thread and, once a file passed it, by the server itself.
 */
import { pathToFileURL } from 'node:url';
import { checkModuleSpec, defineModule, KIND_FOLDERS, type ModuleDefinition, type ModuleKind, type ModuleSpec } from './module.js';

export interface CustomFile {
  /** The file's path, as reported in problems. */
  path: string;
  /** Its file URL, as imported. */
  url: string;
  kind: ModuleKind;
}

export function customFile(path: string, kind: ModuleKind): CustomFile {
  return { path, url: pathToFileURL(path).href, kind };
}

/** The module the file defines, or why it is not one. */
export async function importCustomModule(file: CustomFile): Promise<{ module: ModuleDefinition } | { problem: string }> {
  let spec: unknown;
  try {
    spec = ((await import(file.url)) as { default?: unknown }).default;
  } catch (error) {
    return { problem: `failed to load: ${(error as Error)?.message ?? String(error)}` };
  }
  const problems = checkModuleSpec(spec);
  if (problems.length > 0) return { problem: problems.join('; ') };
  const module = isDefined(spec) ? spec : defineModule(spec as ModuleSpec);
  const folder = KIND_FOLDERS[file.kind];
  if (module.kind !== file.kind) return { problem: `declares kind '${module.kind}' but sits in ${folder}/ (expected kind '${file.kind}')` };
  return { module };
}

/** A module's definition without its handler: what the server lists, sent from the thread that loaded it. */
export type ModuleDescription = Omit<ModuleDefinition, 'handle'>;

export function describeDefinition(module: ModuleDefinition): ModuleDescription {
  const { handle: _handle, ...description } = module;
  return description;
}

/**
 * The definition the server lists for a module whose code it never loads
 * (it runs on its own thread): the description, with a handler that is never
 * called on this thread.
 */
export function definitionRunElsewhere(description: ModuleDescription): ModuleDefinition {
  return Object.freeze({
    ...description,
    handle: () => Promise.reject(new Error(`module ${description.name} runs on its own thread only`)),
  });
}

/** A plain object with the spec's shape is accepted too; defineModule fills its defaults. */
function isDefined(spec: unknown): spec is ModuleDefinition {
  const s = spec as Partial<ModuleDefinition>;
  return Object.isFrozen(spec) && typeof s.checkInput === 'boolean' && typeof s.coalesce === 'boolean' && typeof s.cache === 'boolean' && typeof s.messages === 'object';
}
