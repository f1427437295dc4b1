/**
 * The web page (ui/) is a client of the server: it reaches it over HTTP
 * only. Of the server's sources it may bundle the MISP data model's type
 * table and nothing else, and no server file imports the page.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full, pattern) : pattern.test(entry.name) ? [full] : [];
  });
}

function targets(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => path.relative(ROOT, path.resolve(path.dirname(file), m[1]!)));
}

test('the page imports only its own files and the MISP type table', () => {
  const sources = files(path.join(ROOT, 'ui/src'), /\.tsx?$/);
  assert.ok(sources.length > 20, 'the page sources are read');
  const allowed = ['src/misp/attribute-types.js'];
  const offences = sources.flatMap((file) =>
    targets(file)
      .filter((t) => !t.startsWith('ui/') && !allowed.includes(t))
      .map((t) => `${path.relative(ROOT, file)} -> ${t}`),
  );
  assert.deepEqual(offences, []);
  // That table imports only types (nothing that would pull server code into the page).
  assert.deepEqual(targets(path.join(ROOT, 'src/misp/attribute-types.ts')), ['src/misp/categories.js']);
  assert.match(readFileSync(path.join(ROOT, 'src/misp/attribute-types.ts'), 'utf8'), /import type \{ Category \} from '\.\/categories\.js'/);
});

test('no server file imports the page', () => {
  const offences = files(path.join(ROOT, 'src'), /\.ts$/).flatMap((file) => targets(file).filter((t) => t.startsWith('ui/')).map((t) => `${file} -> ${t}`));
  assert.deepEqual(offences, []);
});
