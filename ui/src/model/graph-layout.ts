/**
 * Places a graph's nodes in columns, left to right: the root, then each node
 * one column right of its layout parent. Within a column, children follow
 * their parents' order, so edges cross little. Plain arithmetic, no library:
 * the graphs here are trees with a few extra references.
 */
import type { Graph, GraphNode } from './graph.js';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 44;
const COLUMN_GAP = 110;
const ROW_GAP = 12;
const MARGIN = 16;

export interface Placed {
  node: GraphNode;
  x: number;
  y: number;
}

export interface Layout {
  placed: Map<string, Placed>;
  width: number;
  height: number;
}

export function layoutGraph(graph: Graph): Layout {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const depth = new Map<string, number>();
  const depthOf = (node: GraphNode, seen = new Set<string>()): number => {
    const known = depth.get(node.id);
    if (known !== undefined) return known;
    const parent = node.parent ? byId.get(node.parent) : undefined;
    // A parent not drawn, or a loop of parents: the node starts a column of its own at 1.
    const d = parent && !seen.has(parent.id) ? depthOf(parent, seen.add(node.id)) + 1 : node.parent ? 1 : 0;
    depth.set(node.id, d);
    return d;
  };
  const columns: GraphNode[][] = [];
  for (const node of graph.nodes) (columns[depthOf(node)] ??= []).push(node);

  const placed = new Map<string, Placed>();
  let height = 0;
  columns.forEach((column, index) => {
    // Children in their parents' order (the previous column is already placed).
    const order = (n: GraphNode) => (n.parent ? (placed.get(n.parent)?.y ?? 0) : 0);
    const sorted = index === 0 ? column : [...column].sort((a, b) => order(a) - order(b));
    sorted.forEach((node, row) => {
      placed.set(node.id, { node, x: MARGIN + index * (NODE_WIDTH + COLUMN_GAP), y: MARGIN + row * (NODE_HEIGHT + ROW_GAP) });
    });
    height = Math.max(height, MARGIN * 2 + sorted.length * (NODE_HEIGHT + ROW_GAP));
  });
  // Parents sit level with the middle of their children when their column is shorter.
  for (let index = columns.length - 2; index >= 0; index--) {
    const column = columns[index]!;
    if (column.length !== 1) continue;
    const only = placed.get(column[0]!.id)!;
    const children = graph.nodes.filter((n) => n.parent === only.node.id).map((n) => placed.get(n.id)!);
    if (children.length > 0) only.y = (Math.min(...children.map((c) => c.y)) + Math.max(...children.map((c) => c.y))) / 2;
  }
  const width = MARGIN * 2 + Math.max(1, columns.length) * NODE_WIDTH + Math.max(0, columns.length - 1) * COLUMN_GAP;
  return { placed, width, height: Math.max(height, NODE_HEIGHT + MARGIN * 2) };
}
