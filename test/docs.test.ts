/** docs/MODULES.md and the README's coverage paragraph are generated from the module definitions and must be current. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { builtinModules } from '../src/modules/index.js';
import { renderModuleDocs, withCoverage } from '../scripts/module-docs.js';

/**
 * Fails naming the first line that differs. assert.equal on two large texts
 * builds a full diff first, which takes minutes on a file of this size.
 */
function assertSameText(actual: string, expected: string, fix: string): void {
  if (actual === expected) return;
  const have = actual.split('\n');
  const want = expected.split('\n');
  let line = 0;
  while (line < have.length && have[line] === want[line]) line += 1;
  assert.fail(`Out of date at line ${line + 1} (${fix}):\n  is:        ${JSON.stringify(have[line] ?? '<end>')}\n  should be: ${JSON.stringify(want[line] ?? '<end>')}`);
}

test('docs/MODULES.md matches the built-in modules (run npm run docs:modules)', () => {
  const current = readFileSync(new URL('../docs/MODULES.md', import.meta.url), 'utf8');
  assertSameText(current, renderModuleDocs(builtinModules), 'run npm run docs:modules');
});

test('README says how many of upstream\'s modules are served, and which are not yet (run npm run docs:modules)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assertSameText(readme, withCoverage(readme, builtinModules), 'run npm run docs:modules');
});
