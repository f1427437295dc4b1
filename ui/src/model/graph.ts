/**
 * A session as a graph: the queried value, the attributes and objects the
 * modules found, and what links them: an object's references (with their
 * relationship), "found by <module>" for a result that references nothing,
 * and pivots (a result's attribute queried in turn). Each node has one
 * layout parent, which places it one column to the right of it.
 */
import type { QueryNode, RunRecord, Session } from './session.js';
import type { ViewAttribute, ViewObject } from './results.js';

export interface GraphNode {
  id: string;
  kind: 'input' | 'attribute' | 'object';
  label: string;
  sublabel: string;
  /** The node it is drawn beside (one column to its left); absent for the root. */
  parent?: string;
  /** What the node shows when selected. */
  attribute?: ViewAttribute;
  object?: ViewObject;
  /** The run that found it (to pivot from), and the module. */
  run?: RunRecord;
  module?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  kind: 'reference' | 'found' | 'pivot';
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Nodes left out beyond the limit. */
  omitted: number;
}

/**
 * An object's most telling value: the first attribute of a relation that
 * names a thing, other than the value queried (a passive-dns record of
 * circl.lu is told by its rdata, not its rrname); else its first attribute.
 */
const KEY_RELATIONS = ['domain', 'hostname', 'ip', 'ip-dst', 'ip-src', 'url', 'rrname', 'rdata', 'value', 'name', 'filename', 'sha256', 'md5', 'text'];
function objectLabel(o: ViewObject, queried: string): string {
  const named = KEY_RELATIONS.map((r) => o.attributes.find((a) => a.relation === r && a.value !== queried)).find((a) => a !== undefined);
  return (named ?? o.attributes[0])?.value ?? '';
}

export function sessionGraph(session: Session, limit = 400): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  let omitted = 0;
  const add = (node: GraphNode) => {
    if (nodes.has(node.id)) return false;
    if (nodes.size >= limit) {
      omitted++;
      return false;
    }
    nodes.set(node.id, node);
    return true;
  };
  const root = session.root.input;
  add({ id: root.uuid, kind: 'input', label: root.file?.name ?? root.value, sublabel: root.type });

  const visit = (node: QueryNode) => {
    const inputId = node.input.uuid;
    for (const run of node.runs) {
      const result = run.result;
      if (!result) continue;
      const known = new Set([...nodes.keys(), ...result.attributes.map((a) => a.uuid), ...result.objects.map((o) => o.uuid)]);
      for (const a of result.attributes) {
        if (a.uuid === inputId) continue;
        if (add({ id: a.uuid, kind: 'attribute', label: a.value, sublabel: a.type, parent: inputId, attribute: a, run, module: run.module })) {
          edges.push({ from: inputId, to: a.uuid, label: run.module, kind: 'found' });
        }
      }
      for (const o of result.objects) {
        const anchor = o.references.find((r) => r.target !== o.uuid && known.has(r.target))?.target;
        if (!add({ id: o.uuid, kind: 'object', label: objectLabel(o, node.input.value), sublabel: o.name, parent: anchor ?? inputId, object: o, run, module: run.module })) continue;
        if (!anchor) edges.push({ from: inputId, to: o.uuid, label: run.module, kind: 'found' });
        for (const r of o.references) if (known.has(r.target)) edges.push({ from: o.uuid, to: r.target, label: r.relationship, kind: 'reference' });
      }
      for (const child of run.pivots) {
        // A pivot on an object's attribute: that attribute becomes a node of its own.
        const holder = result.objects.find((o) => o.attributes.some((a) => a.uuid === child.input.uuid));
        if (holder && add({ id: child.input.uuid, kind: 'attribute', label: child.input.value, sublabel: child.input.type, parent: holder.uuid, run, module: run.module })) {
          edges.push({ from: holder.uuid, to: child.input.uuid, label: 'pivot', kind: 'pivot' });
        }
        visit(child);
      }
    }
  };
  visit(session.root);
  // References may point at nodes added later (a pivot's results): keep only edges between drawn nodes.
  return { nodes: [...nodes.values()], edges: edges.filter((e) => nodes.has(e.from) && nodes.has(e.to)), omitted };
}
