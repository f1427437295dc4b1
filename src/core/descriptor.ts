/**
 * The `/modules` entry of a module: `{name, type, mispattributes, meta}`, in
 * the shape MISP dereferences without guards (PROTOCOL.md §4.1).
 */
import { KIND_FOLDERS, type ModuleDefinition } from './module.js';

export interface ModuleDescriptor {
  name: string;
  type: string;
  mispattributes: Record<string, unknown>;
  meta: Record<string, unknown>;
}

export function describeModule(module: ModuleDefinition): ModuleDescriptor {
  // A module written for the Python server is listed exactly as that server lists it.
  if (module.listedAs) return { name: module.name, type: KIND_FOLDERS[module.kind], ...module.listedAs };
  const { version, author, description, name, ...extraMeta } = module.meta;
  // Key order follows upstream's moduleinfo literals: documentation first, config last.
  const meta: Record<string, unknown> = {
    version,
    author,
    description,
    'module-type': [...module.moduleType],
    name,
    logo: extraMeta.logo ?? '',
    requirements: extraMeta.requirements ?? [],
    features: extraMeta.features ?? '',
    references: extraMeta.references ?? [],
    input: extraMeta.input ?? '',
    output: extraMeta.output ?? '',
  };
  for (const [key, value] of Object.entries(extraMeta)) {
    if (!(key in meta) && value !== undefined) meta[key] = value;
  }
  meta['config'] = module.action ? module.action : Object.keys(module.config);

  const mispattributes: Record<string, unknown> = module.action
    ? { config: module.action }
    : Object.fromEntries(Object.entries(module.attributes).filter(([, v]) => v !== undefined));

  return { name: module.name, type: KIND_FOLDERS[module.kind], mispattributes, meta };
}
