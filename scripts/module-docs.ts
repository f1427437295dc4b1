/**
 * Writes docs/MODULES.md from the module definitions: every built-in module
 * with its family, inputs and the MISP settings an admin fills in.
 *   npm run docs:modules
 * test/docs.test.ts fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { KIND_FOLDERS, type ModuleDefinition } from '../src/core/module.js';
import { builtinModules } from '../src/modules/index.js';

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

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  writeFileSync('docs/MODULES.md', renderModuleDocs(builtinModules));
  process.stdout.write(`docs/MODULES.md: ${builtinModules.length} modules\n`);
}
