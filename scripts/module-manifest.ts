/**
 * Writes src/modules/manifest.ts from the module files: for every built-in
 * module (each file of src/modules/<family>/, named after its module), its
 * description (the definition without its handler) and how to import the
 * file. The server lists and checks modules from it and imports a module's
 * code on its first query (src/core/lazy-module.ts).
 *   npm run docs:modules       (this, then docs/MODULES.md and the README)
 * test/modules/manifest.test.ts fails when the file is out of date.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeDefinition, type ModuleDescription } from '../src/core/custom-module-file.js';
import { checkModuleSpec, type ModuleDefinition, type ModuleKind } from '../src/core/module.js';

/** The families, in the order /modules lists them. */
export const FAMILIES: readonly ModuleKind[] = ['expansion', 'import', 'export', 'action'];

export const MODULES_DIR = fileURLToPath(new URL('../src/modules/', import.meta.url));
export const MANIFEST_FILE = join(MODULES_DIR, 'manifest.ts');

export interface ModuleFile {
  /** The file's path under src/modules/, without `.ts` (`expansion/eql`). */
  path: string;
  definition: ModuleDefinition;
}

/** Case-insensitive, then by code point: the order /modules has always had. */
function byName(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** Where `value` holds something JSON would not keep as it is (a function, a class instance, NaN…). */
function notPlainData(value: unknown, at: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : at;
  if (Array.isArray(value)) return value.map((v, i) => notPlainData(v, `${at}[${i}]`)).find(Boolean);
  if (typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    return Object.entries(value)
      .map(([k, v]) => (v === undefined ? undefined : notPlainData(v, `${at}.${k}`)))
      .find(Boolean);
  }
  return at;
}

/** Imports every module file of `modulesDir` and checks what the manifest relies on. */
export async function readModuleFiles(modulesDir = MODULES_DIR): Promise<ModuleFile[]> {
  const files: ModuleFile[] = [];
  const names = new Set<string>();
  for (const family of FAMILIES) {
    const stems = readdirSync(join(modulesDir, family))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => f.slice(0, -3))
      .sort(byName);
    for (const stem of stems) {
      const file = join(modulesDir, family, `${stem}.ts`);
      const exported = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
      const problems = checkModuleSpec(exported);
      if (problems.length > 0) throw new Error(`${file}: the default export is not a module (${problems.join('; ')})`);
      const definition = exported as ModuleDefinition;
      if (!Object.isFrozen(definition)) throw new Error(`${file}: export default defineModule({...})`);
      if (definition.name !== stem) throw new Error(`${file}: the module is named '${definition.name}'; its file must be ${definition.name}.ts`);
      if (definition.kind !== family) throw new Error(`${file}: a ${definition.kind} module in ${family}/`);
      if (names.has(stem)) throw new Error(`two built-in modules are named ${stem}`);
      const where = notPlainData(describeDefinition(definition), definition.name);
      if (where) throw new Error(`${file}: ${where} is not plain data (the manifest keeps strings, numbers, booleans, arrays and objects)`);
      names.add(stem);
      files.push({ path: `${family}/${stem}`, definition });
    }
  }
  return files;
}

/** JSON, one key a line; a short array of strings or numbers stays on one line. */
function formatData(value: unknown, depth = 0): string {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(value)) {
    const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (value.every((v) => typeof v !== 'object' || v === null) && inline.length <= 100) return inline;
    return `[\n${value.map((v) => pad + formatData(v, depth + 1)).join(',\n')}\n${end}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${formatData(v, depth + 1)}`).join(',\n')}\n${end}}`;
  }
  return JSON.stringify(value);
}

export function renderManifest(files: readonly ModuleFile[]): string {
  const entries = files.map(
    ({ path, definition }) =>
      `  {\n    load: () => import('./${path}.js'),\n    description: ${formatData(describeDefinition(definition) satisfies ModuleDescription, 2)},\n  },\n`,
  );
  return `/**
 * GENERATED from the module files by scripts/module-manifest.ts (npm run
 * docs:modules): do not edit. Each built-in module's description (its
 * definition without the handler), from which the server lists it and checks
 * its queries, and the import of its file, run on its first query
 * (src/core/lazy-module.ts). test/modules/manifest.test.ts fails when this
 * file is out of date.
 */
import type { BuiltinModuleEntry } from '../core/lazy-module.js';

export const BUILTIN_MODULES: readonly BuiltinModuleEntry[] = [
${entries.join('')}];
`;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const files = await readModuleFiles();
  writeFileSync(MANIFEST_FILE, renderManifest(files));
  process.stdout.write(`src/modules/manifest.ts: ${files.length} modules\n`);
}
