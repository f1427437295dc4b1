/** The catalogue's search: words anywhere in a module's text, a family, an accepted type. */
import type { ModuleInfo } from './modules.js';

export const FAMILY_FILTERS = ['expansion', 'hover', 'import', 'export', 'action'] as const;
export type FamilyFilter = (typeof FAMILY_FILTERS)[number];

export interface CatalogueFilter {
  text: string;
  family?: FamilyFilter;
  /** An attribute type the module must accept. */
  type?: string;
}

function haystack(m: ModuleInfo): string {
  return [m.name, m.displayName, m.description, m.author, m.features, ...m.input, ...m.output, ...m.settings, ...m.moduleTypes].join('\n').toLowerCase();
}

const cache = new WeakMap<ModuleInfo, string>();

export function matches(m: ModuleInfo, filter: CatalogueFilter): boolean {
  if (filter.family && !(filter.family === m.family || m.moduleTypes.includes(filter.family))) return false;
  if (filter.type && !m.input.includes(filter.type)) return false;
  const words = filter.text.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  let text = cache.get(m);
  if (text === undefined) cache.set(m, (text = haystack(m)));
  return words.every((w) => text.includes(w));
}
