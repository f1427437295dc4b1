/**
 * Writes docs/MODULES.md from the module definitions: every built-in module
 * with its family, inputs and the MISP settings an admin fills in.
 *   npm run docs:modules
 * and the README's count of the upstream modules served (between its
 * coverage markers). test/docs.test.ts fails when either is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { KIND_FOLDERS, type ModuleDefinition } from '../src/core/module.js';
import { builtinModules } from '../src/modules/index.js';
import { UPSTREAM_MODULES } from './upstream-modules.js';

const FAMILY: Record<string, string> = { expansion: 'Enrichment', import: 'Import', export: 'Export', action: 'Action' };

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function settings(m: ModuleDefinition): string {
  const entries = Object.entries(m.config);
  if (entries.length === 0) return '–';
  return entries
    .map(([name, s]) => `\`Plugin.${FAMILY[m.kind]}_${m.name}_${name}\`${s.secret ? ' (secret)' : ''}${s.required ? ' (required)' : ''}${s.default !== undefined ? ` (default \`${s.default}\`)` : ''}: ${cell(s.description)}`)
    .join('<br>');
}

function inputs(m: ModuleDefinition): string {
  if (m.kind === 'export') return `${m.attributes.outputFileExtension} (${m.attributes.responseType})`;
  if (m.kind === 'import') return (m.attributes.inputSource ?? ['paste']).join(', ');
  if (m.kind === 'action') return 'workflow data';
  return (m.attributes.input ?? []).join(', ');
}

export function renderModuleDocs(modules: readonly ModuleDefinition[]): string {
  const lines = [
    '# Built-in modules',
    '',
    'Generated from the module definitions by `npm run docs:modules`; do not edit by hand.',
    '',
    'Settings appear in MISP under *Server Settings → Plugin settings* once the family is enabled.',
    'Values marked secret are never logged.',
    '',
  ];
  for (const kind of Object.keys(KIND_FOLDERS)) {
    const group = modules.filter((m) => m.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
    if (group.length === 0) continue;
    lines.push(`## ${FAMILY[kind]} (${group.length})`, '', '| module | module-type | format | input | description | settings |', '|---|---|---|---|---|---|');
    for (const m of group) {
      lines.push(`| \`${m.name}\` | ${m.moduleType.join(', ')} | ${m.attributes.format ?? 'legacy'} | ${cell(inputs(m))} | ${cell(m.meta.description)} | ${settings(m)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

const FOLDER_OF = KIND_FOLDERS;
export const COVERAGE_START = '<!-- coverage:start (npm run docs:modules) -->';
export const COVERAGE_END = '<!-- coverage:end -->';

/** The README paragraph saying how many of upstream's modules are served, and which are not yet. */
export function renderCoverage(modules: readonly ModuleDefinition[]): string {
  const served = new Set(modules.map((m) => `${FOLDER_OF[m.kind]}/${m.name}`));
  const families = Object.entries(UPSTREAM_MODULES) as Array<[string, readonly string[]]>;
  const total = families.reduce((n, [, names]) => n + names.length, 0);
  const missing = families.flatMap(([folder, names]) => names.filter((name) => !served.has(`${folder}/${name}`)).map((name) => ({ folder, name })));
  const perFamily = families
    .map(([folder, names]) => `${folder} ${names.filter((name) => served.has(`${folder}/${name}`)).length}/${names.length}`)
    .join(', ');
  const lines = [COVERAGE_START, `This server serves **${total - missing.length} of upstream's ${total} modules** (${perFamily}).`];
  if (missing.length === 0) lines.push('Every upstream module is served.');
  else {
    lines.push(`Not served yet (${missing.length}):`);
    for (const [folder] of families) {
      const names = missing.filter((m) => m.folder === folder).map((m) => `\`${m.name}\``);
      if (names.length > 0) lines.push(`- ${folder}: ${names.join(', ')}`);
    }
  }
  lines.push(COVERAGE_END);
  return lines.join('\n');
}

/** The README with its coverage block replaced. */
export function withCoverage(readme: string, modules: readonly ModuleDefinition[]): string {
  const start = readme.indexOf(COVERAGE_START);
  const end = readme.indexOf(COVERAGE_END);
  if (start < 0 || end < start) throw new Error('README.md has no coverage markers');
  return readme.slice(0, start) + renderCoverage(modules) + readme.slice(end + COVERAGE_END.length);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  writeFileSync('docs/MODULES.md', renderModuleDocs(builtinModules));
  writeFileSync('README.md', withCoverage(readFileSync('README.md', 'utf8'), builtinModules));
  process.stdout.write(`docs/MODULES.md: ${builtinModules.length} modules; README coverage updated\n`);
}
