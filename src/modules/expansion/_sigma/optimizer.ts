/**
 * The legacy converter's tree optimizer, kept step for step because its
 * result decides the text of every query: drop empty groups, unwrap
 * single-item groups, remove duplicates, merge nested groups of the same
 * kind, and cancel double NOTs (sigmatools 0.23 no longer factors out items
 * common to all branches).
 * Subexpressions are removed first and put back around every AND/OR at the
 * end; the subtree under a NOT is left as it is (as legacy did).
 */
import { sameItem, sub, type Node } from './tree.js';

function strip(node: Node): Node {
  if (node.kind === 'sub') return strip(node.item);
  if (node.kind === 'and' || node.kind === 'or') node.items = node.items.map(strip);
  return node;
}

function unstrip(node: Node): Node {
  if (node.kind === 'and' || node.kind === 'or') {
    node.items = node.items.map(unstrip);
    return sub(node);
  }
  return node;
}

function uniq(items: Node[]): Node[] {
  const out: Node[] = [];
  for (const item of items) if (!out.some((seen) => sameItem(seen, item))) out.push(item);
  return out;
}

type Step = [Node | undefined, boolean];

function optimizeNode(node: Node, changed = false): Step {
  if (node.kind === 'and' || node.kind === 'or') {
    if (node.items.length === 0) return [undefined, true];
    if (node.items.length === 1) return optimizeNode(node.items[0]!, true);
    const unique = uniq(node.items);
    if (unique.length < node.items.length) {
      node.items = unique;
      return optimizeNode(node, true);
    }
    const kind = node.kind;
    if (node.items.some((c) => c.kind === kind) && node.items.every((c) => c.kind === kind || c.kind === 'map')) {
      node.items = node.items.flatMap((c) => (c.kind === kind ? (c as { items: Node[] }).items : [c]));
      return optimizeNode(node, true);
    }
    let any = changed;
    const items: Node[] = [];
    for (const item of node.items) {
      const [result, itemChanged] = optimizeNode(item, changed);
      any ||= itemChanged;
      // An emptied child disappears (legacy removed None items on the next pass).
      if (result) items.push(result);
      else any = true;
    }
    node.items = items;
    return [node, any];
  }
  if (node.kind === 'not') {
    const child = node.item;
    if (child.kind === 'not') return optimizeNode(child.item, true);
    if (child.kind === 'null') return optimizeNode({ kind: 'notnull', field: child.field }, true);
    if (child.kind === 'notnull') return optimizeNode({ kind: 'null', field: child.field }, true);
    // The operand of a NOT is a subexpression, which the optimizer does not enter.
    return [node, changed];
  }
  return [node, changed];
}

/** The optimized tree, or undefined when nothing is left to search for. */
export function optimizeTree(tree: Node): Node | undefined {
  let current: Node | undefined = strip(tree);
  let changed = true;
  while (changed && current) [current, changed] = optimizeNode(current);
  return current ? unstrip(current) : undefined;
}
