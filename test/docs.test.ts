/** docs/MODULES.md is generated from the module definitions and must be current. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { builtinModules } from '../src/modules/index.js';
import { renderModuleDocs, withCoverage } from '../scripts/module-docs.js';

test('docs/MODULES.md matches the built-in modules (run npm run docs:modules)', () => {
  const current = readFileSync(new URL('../docs/MODULES.md', import.meta.url), 'utf8');
  assert.equal(current, renderModuleDocs(builtinModules));
});

test('README says how many of upstream\'s modules are served, and which are not yet (run npm run docs:modules)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.equal(readme, withCoverage(readme, builtinModules));
});
