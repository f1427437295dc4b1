/** Where a key of a single-document YAML rule is, as "line L, column C" (1-based), for error messages. */
import { isMap as isYamlMap, isPair, isScalar, parseDocument } from 'yaml';

export function keyPosition(text: string, path: readonly string[]): string | undefined {
  const doc = parseDocument(text, { version: '1.1', keepSourceTokens: false });
  if (doc.errors.length > 0) return undefined;
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const key of path) {
    if (!isYamlMap(node)) return undefined;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (!pair || !isPair(pair) || !isScalar(pair.key)) return undefined;
    offset = pair.key.range?.[0];
    node = pair.value;
  }
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}
