/**
 * Modules that submit or upload something to a vendor have a side effect:
 * two identical queries must be two submissions, never one shared run or a
 * cached answer. Their definitions say so with `coalesce: false`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinModules } from '../../src/modules/index.js';

/** Expansion modules that send the attribute (or its file) away, beyond the names that say so. */
const SUBMITTING = new Set(['mwdb', 'vmware_nsx']);

test('every submitting or uploading expansion module is never coalesced', () => {
  const submitting = builtinModules.filter((m) => m.kind === 'expansion' && (/submit|upload/.test(m.name) || SUBMITTING.has(m.name)));
  assert.ok(submitting.length >= 11, `found ${submitting.length} submitting modules`);
  assert.deepEqual(submitting.filter((m) => m.coalesce).map((m) => m.name), []);
});

test('import, export and action modules are never coalesced', () => {
  assert.deepEqual(builtinModules.filter((m) => m.kind !== 'expansion' && m.coalesce).map((m) => m.name), []);
});
