/** Where a key of a single-document YAML rule is, as "line L, column C" (1-based), for error messages. */
import { lazyRequire } from '../../../core/lazy-require.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

export function keyPosition(text: string, path: readonly string[]): string | undefined {
  const doc = yaml().parseDocument(text, { version: '1.1', keepSourceTokens: false });
  if (doc.errors.length > 0) return undefined;
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const key of path) {
    if (!yaml().isMap(node)) return undefined;
    const pair = node.items.find((p) => yaml().isPair(p) && yaml().isScalar(p.key) && String(p.key.value) === key);
    if (!pair || !yaml().isPair(pair) || !yaml().isScalar(pair.key)) return undefined;
    offset = pair.key.range?.[0];
    node = pair.value;
  }
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}
