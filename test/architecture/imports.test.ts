/**
 * The layer rules of docs/ARCHITECTURE.md, checked on the source: no import
 * cycle between files (type-only imports included: they couple the files just
 * the same), and the lower layers never import the upper ones.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** file (relative to src/) -> the files it imports statically (relative to src/). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) =>
      path.relative(SRC, path.resolve(path.dirname(file), m[1]!)).replace(/\.js$/, '.ts'),
    );
    graph.set(path.relative(SRC, file), targets);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe('import rules', () => {
  const graph = importGraph();

  test('the graph is read (sanity: the runner imports the error classes)', () => {
    assert.ok(graph.get('core/runner.ts')?.includes('base/errors.ts'));
  });

  test('no import cycle between source files', () => {
    assert.deepEqual(cycles(graph), []);
  });

  test('base/ imports nothing of ours; net/ and misp/ import only base/ and themselves', () => {
    const allowed: Record<string, string[]> = { 'base/': ['base/'], 'net/': ['base/', 'net/'], 'misp/': ['base/', 'misp/'] };
    const offences: string[] = [];
    for (const [file, targets] of graph) {
      const layer = Object.keys(allowed).find((prefix) => file.startsWith(prefix));
      if (!layer) continue;
      for (const target of targets) {
        if (!allowed[layer]!.some((prefix) => target.startsWith(prefix))) offences.push(`${file} -> ${target}`);
      }
    }
    assert.deepEqual(offences, []);
  });

  test('core/ never imports server/, cli or a module', () => {
    const offences = [...graph]
      .filter(([file]) => file.startsWith('core/'))
      .flatMap(([file, targets]) => targets.filter((t) => /^(server\/|cli|modules\/)/.test(t)).map((t) => `${file} -> ${t}`));
    assert.deepEqual(offences, []);
  });

  test('a module family never reaches into another family’s helpers (shared helpers live in modules/_shared/)', () => {
    const family = (file: string) => /^modules\/(expansion|import|export|action)\//.exec(file)?.[1];
    const offences = [...graph].flatMap(([file, targets]) => {
      const own = family(file);
      if (!own) return [];
      return targets.filter((t) => family(t) !== undefined && family(t) !== own).map((t) => `${file} -> ${t}`);
    });
    assert.deepEqual(offences, []);
  });
});
