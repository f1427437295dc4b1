/**
 * The modules as GET /modules lists them, read into what the page shows and
 * needs: family, module-types, inputs, outputs, settings, description.
 */

/** One entry of GET /modules (`{name, type, mispattributes, meta}`). */
export interface ModuleDescriptor {
  name: string;
  type: string;
  mispattributes?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

export type Family = 'expansion' | 'import' | 'export' | 'action';

/** One field of an import module's form (`mispattributes.userConfig`). */
export interface UserConfigField {
  type: string;
  message: string;
  options?: Record<string, string>;
  checked?: string;
}

export interface ModuleInfo {
  name: string;
  displayName: string;
  family: Family;
  /** `meta["module-type"]`: expansion, hover, import, export, action. */
  moduleTypes: string[];
  input: string[];
  output: string[];
  format: 'misp_standard' | 'legacy';
  /** Setting names (`meta.config`); for an action module, its params. */
  settings: string[];
  description: string;
  author: string;
  version: string;
  features: string;
  references: string[];
  userConfig: Record<string, UserConfigField>;
  inputSource: string[];
  responseType?: string;
  outputFileExtension?: string;
}

const FAMILIES: Record<string, Family> = { expansion: 'expansion', import_mod: 'import', export_mod: 'export', action_mod: 'action' };

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value !== '' ? [value] : [];
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function userConfigOf(value: unknown): Record<string, UserConfigField> {
  const fields: Record<string, UserConfigField> = {};
  for (const [name, raw] of Object.entries(record(value))) {
    const field = record(raw);
    const options = record(field['options']);
    fields[name] = {
      type: text(field['type']) || 'String',
      message: text(field['message']) || name,
      ...(Object.keys(options).length > 0 ? { options: Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)])) } : {}),
      ...(field['checked'] !== undefined ? { checked: String(field['checked']) } : {}),
    };
  }
  return fields;
}

export function toModuleInfo(d: ModuleDescriptor): ModuleInfo {
  const attributes = record(d.mispattributes);
  const meta = record(d.meta);
  const family = FAMILIES[d.type] ?? 'expansion';
  const config = meta['config'];
  const settings = Array.isArray(config) ? strings(config) : Object.keys(record(record(config)['params']));
  return {
    name: d.name,
    displayName: text(meta['name']) || d.name,
    family,
    moduleTypes: strings(meta['module-type']),
    input: strings(attributes['input']),
    output: strings(attributes['output']),
    format: attributes['format'] === 'misp_standard' ? 'misp_standard' : 'legacy',
    settings,
    description: text(meta['description']),
    author: text(meta['author']),
    version: text(meta['version']),
    features: text(meta['features']),
    references: strings(meta['references']),
    userConfig: userConfigOf(attributes['userConfig']),
    inputSource: strings(attributes['inputSource']),
    ...(typeof attributes['responseType'] === 'string' ? { responseType: attributes['responseType'] } : {}),
    ...(typeof attributes['outputFileExtension'] === 'string' ? { outputFileExtension: attributes['outputFileExtension'] } : {}),
  };
}

/** Expansion (and hover) modules that take an attribute of this type. */
export function modulesAccepting(modules: readonly ModuleInfo[], type: string): ModuleInfo[] {
  return modules.filter((m) => m.family === 'expansion' && m.input.includes(type));
}

/** Modules a file can be given to: expansion modules taking attachments, and import modules. */
export function modulesForFiles(modules: readonly ModuleInfo[]): ModuleInfo[] {
  return modules.filter((m) => (m.family === 'expansion' && m.input.includes('attachment')) || m.family === 'import');
}

/** Every type some expansion module accepts, with how many do. */
export function acceptedTypes(modules: readonly ModuleInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of modules) if (m.family === 'expansion') for (const t of m.input) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Setting names the server treats as secrets (its log scrubber uses the same rule): shown as password fields. */
export const looksSecret = (name: string): boolean => /(api[-_]?key|apikey|key$|^key|token|secret|pass(word|wd|phrase)?|auth|credential|licen[cs]e|cookie|session)/i.test(name);
