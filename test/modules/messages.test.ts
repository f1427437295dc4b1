/**
 * The message catalogue (src/base/messages.ts): every user-facing error a
 * module gives is declared in its `messages` and thrown by id. For each
 * built-in module, read its file and every file of ours it imports under
 * src/modules/, and check that:
 * - every declared message is used (`MESSAGES.error('id')`, `.format('id')`);
 * - every id used is declared;
 * - nothing throws a ModuleError with literal text instead of a declared message
 *   (helpers in modules/_shared/ are kit code, like ctx.http's own errors).
 *
 * Catalogue variables are named MESSAGES (or end in MESSAGES / Messages) so
 * that uses can be found in the source.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { builtinModules } from '../../src/modules/index.js';

const MODULES = fileURLToPath(new URL('../../src/modules/', import.meta.url));
const FAMILY_FOLDER = { expansion: 'expansion', import: 'import', export: 'export', action: 'action' } as const;

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const USE = /\b\w*(?:MESSAGES|[Mm]essages)\.(?:error|format)\(\s*['"](\w+)['"]/g;
const LITERAL_THROW = /new\s+\w*Error\(\s*(['"`])/g;

/** The module's file and every file under src/modules/ it imports, transitively. */
function sourceSet(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string): void => {
    if (files.has(file) || !existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const match of text.matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), match[1]!).replace(/\.js$/, '.ts');
      if (target.startsWith(MODULES)) visit(target);
    }
  };
  visit(entry);
  return files;
}

/** Literal-text errors a module's code throws (ModuleError and its kin, not programming errors). */
function literalThrows(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    // Helpers shared across families (archives, templates…) are kit code, like ctx.http's own errors.
    if (path.relative(MODULES, file).startsWith('_shared/')) continue;
    for (const match of text.matchAll(/throw\s+new\s+(\w*Error)\(\s*(['"`])([^'"`]{0,60})/g)) {
      const [, kind, , start] = match;
      // TypeError/RangeError and the like are bugs, not messages for the analyst.
      if (!/^(ModuleError|ArchiveError|UrlGuardError|HttpStatusError)$/.test(kind!) && !kind!.endsWith('ApiError')) continue;
      found.push(`${path.relative(MODULES, file)}: ${kind}(${JSON.stringify(start)}…)`);
    }
  }
  return found;
}

describe('message catalogues', () => {
  for (const module of builtinModules) {
    const entry = path.join(MODULES, FAMILY_FOLDER[module.kind], `${module.name}.ts`);
    test(`${module.name} declares what it says and says what it declares`, () => {
      assert.ok(existsSync(entry), `${entry} exists`);
      const files = sourceSet(entry);
      const used = new Set([...files.values()].flatMap((text) => [...text.matchAll(USE)].map((m) => m[1]!)));
      const declared = Object.keys(module.messages);
      const problems = {
        unused: declared.filter((id) => !used.has(id)),
        undeclared: [...used].filter((id) => !declared.includes(id)),
        literal: literalThrows(files),
      };
      assert.deepEqual(problems.unused, [], 'declared messages that are never used');
      assert.deepEqual(problems.undeclared, [], 'messages used but not declared');
      assert.deepEqual(problems.literal, [], 'errors thrown with literal text instead of a declared message');
    });
  }

  test('the pattern finds uses (sanity)', () => {
    assert.deepEqual([..."throw MESSAGES.error('noKey'); x.format('no'); API_MESSAGES.format('a', {})".matchAll(USE)].map((m) => m[1]), ['noKey', 'a']);
    assert.equal([...'throw new ModuleError(`x`)'.matchAll(LITERAL_THROW)].length, 1);
  });
});
