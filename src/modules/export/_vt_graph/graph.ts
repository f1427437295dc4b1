/**
 * The graph being built, and the document VirusTotal stores for it: a port
 * of vt_graph_api 2.2.0's VTGraph state (nodes, links) and its `save_graph`
 * output. Links with a connection type go through a "relationship" node
 * (`relationships_<expansion>_<node id without dots>`); nodes with exactly
 * the same children for an expansion share one, as VirusTotal's UI draws
 * them. Manual links join their nodes directly.
 *
 * This model makes no request: ids are resolved and node information
 * fetched before nodes are added (build.ts).
 */
import { SUPPORTED_NODE_TYPES } from './node-types.js';

type Json = Record<string, unknown>;

/** vt_graph_api's version, which VirusTotal stores in graph_data. */
export const GRAPH_API_VERSION = '2.2.0';
const MAX_CONNECTION_CHARS = 100;

export interface GraphNode {
  id: string;
  type: string;
  label: string;
  x: number;
  y: number;
  /** VirusTotal's attributes of the object (or a saved graph's entity_attributes). */
  attributes: Json | undefined;
  /** Children by connection type, in the order links were added (repeats kept, as upstream). */
  children: Map<string, string[]>;
}

export interface NewNode {
  label?: string;
  attributes?: Json | undefined;
  x?: number;
  y?: number;
}

export interface Sharing {
  private: boolean;
  userEditors: string[];
  userViewers: string[];
  groupEditors: string[];
  groupViewers: string[];
}

export class VtGraph {
  readonly nodes = new Map<string, GraphNode>();
  private readonly links = new Map<string, [source: string, target: string, connection: string]>();
  /** From a loaded graph: group nodes, and relationship nodes with a special meaning (commonalities…). */
  groupNodes: Json[] = [];
  specialNodes: Json[] = [];
  specialLinks: Json[] = [];

  constructor(
    /** Empty until the graph is saved the first time. */
    public id: string,
    readonly name: string,
    readonly sharing: Sharing,
  ) {}

  /** Adds a node unless one has this id; returns the graph's node either way. */
  addNode(id: string, type: string, extra: NewNode = {}): GraphNode {
    const existing = this.nodes.get(id);
    if (existing) return existing;
    const node: GraphNode = {
      id,
      type,
      label: extra.label ?? '',
      x: extra.x ?? 0,
      y: extra.y ?? 0,
      attributes: extra.attributes,
      children: new Map(),
    };
    this.nodes.set(id, node);
    return node;
  }

  /**
   * Links two nodes of the graph. Upstream raises on a link from a node to
   * itself (an event listing one domain twice made the export fail); here
   * such a link, or one to a missing node, is skipped. Returns whether it was added.
   */
  addLink(source: string, target: string, connection: string): boolean {
    const from = this.nodes.get(source);
    if (source === target || !from || !this.nodes.has(target)) return false;
    const type = connection.replaceAll(' ', '_').slice(0, MAX_CONNECTION_CHARS);
    this.links.set(`${source}\u0000${target}\u0000${type}`, [source, target, type]);
    const children = from.children.get(type);
    if (children) children.push(target);
    else from.children.set(type, [target]);
    return true;
  }

  /** The body of POST/PATCH /graphs (`save_graph`). */
  toDocument(): Json {
    const nodes: Json[] = [];
    const links: Json[] = [];
    const added = new Set<string>();
    const relationshipIds = this.relationshipIds();
    const output = (id: string): void => {
      if (added.has(id)) return;
      nodes.push(this.nodeDocument(id, nodes.length));
      added.add(id);
    };

    for (const [source, target, connection] of this.links.values()) {
      output(source);
      output(target);
      if (connection === '' || connection === 'manual') {
        links.push({ connection_type: connection, source, target });
        continue;
      }
      const relationship = relationshipIds.get(source)?.get(connection) ?? relationshipId(connection, source);
      output(relationship);
      links.push({ connection_type: connection, source, target: relationship });
      links.push({ connection_type: connection, source: relationship, target });
    }
    for (const id of this.nodes.keys()) output(id);

    // What a loaded graph held beyond plain nodes and links.
    this.specialNodes.forEach((node) => {
      nodes.push({ ...node, index: nodes.length });
      added.add(String(node['entity_id']));
    });
    links.push(...this.specialLinks.filter((l) => added.has(String(l['source'])) && added.has(String(l['target']))));
    const groups = this.groupNodes.flatMap((group): Json[] => {
      const attributes = (group['entity_attributes'] ?? {}) as Json;
      const members = toStrings(attributes['grouped_node_ids']).filter((id) => added.has(id));
      return members.length > 0 ? [{ ...group, entity_attributes: { ...attributes, grouped_node_ids: members } }] : [];
    });
    for (const group of groups) {
      nodes.push({ ...group, index: nodes.length });
      added.add(String(group['entity_id']));
    }
    links.push(...groupLinks(groups, links));

    return {
      data: {
        attributes: {
          graph_data: { description: this.name, version: GRAPH_API_VERSION },
          private: this.sharing.private,
          nodes,
          links,
          representation: 'force_graph',
        },
        type: 'graph',
      },
    };
  }

  private nodeDocument(id: string, index: number): Json {
    const node = this.nodes.get(id);
    if (!node) return { type: 'relationship', entity_id: id, index, x: 0, y: 0 };
    const data: Json = { type: node.type, entity_id: id, index, x: node.x, y: node.y };
    if (node.label) data['text'] = node.label;
    const attributes = node.attributes;
    if (attributes && Object.keys(attributes).length > 0) {
      if (node.type === 'file') {
        data['entity_attributes'] = {
          has_detections: detections(attributes),
          ...('type_tag' in attributes ? { type_tag: attributes['type_tag'] } : {}),
        };
      } else if (node.type === 'ip_address' && 'country' in attributes) {
        data['entity_attributes'] = { country: attributes['country'] };
      } else if (node.type === 'url') {
        data['entity_attributes'] = { has_detections: detections(attributes) };
      }
    }
    if (!SUPPORTED_NODE_TYPES.has(node.type)) {
      data['type'] = 'custom';
      data['entity_attributes'] = { custom_type: node.type };
    }
    return data;
  }

  /**
   * `_compute_common_relationship_ids`: two nodes whose children for one
   * expansion are the same (as multisets) share that relationship node.
   */
  private relationshipIds(): Map<string, Map<string, string>> {
    const list = [...this.nodes.values()];
    const ids = new Map(list.map((node) => [node.id, new Map<string, string>()]));
    list.forEach((node, i) => {
      const mine = ids.get(node.id)!;
      const toMinimise: Array<[GraphNode, string]> = [];
      for (const other of list.slice(i + 1)) {
        for (const [expansion, children] of node.children) {
          const theirs = other.children.get(expansion);
          if (children.length > 0 && theirs && sameMultiset(children, theirs)) toMinimise.push([other, expansion]);
        }
      }
      for (const [other, expansion] of toMinimise) {
        const their = ids.get(other.id)!;
        const id = mine.get(expansion) ?? their.get(expansion) ?? relationshipId(expansion, node.id);
        mine.set(expansion, id);
        their.set(expansion, id);
      }
      for (const expansion of node.children.keys()) {
        if (!mine.has(expansion)) mine.set(expansion, relationshipId(expansion, node.id));
      }
    });
    return ids;
  }
}

function relationshipId(expansion: string, nodeId: string): string {
  return `relationships_${expansion}_${nodeId.replaceAll('.', '')}`;
}

/** `Node.get_detections`. */
function detections(attributes: Json): unknown {
  if ('has_detections' in attributes) return attributes['has_detections'];
  const stats = (attributes['last_analysis_stats'] ?? {}) as Json;
  const count = (key: string): number => (typeof stats[key] === 'number' ? stats[key] : 0);
  return count('malicious') + count('suspicious');
}

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((value, i) => value === y[i]);
}

function toStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** `_get_groups_links`: each member to its group, and each link of a member repeated on its group. */
function groupLinks(groups: Json[], links: Json[]): Json[] {
  const groupOf = new Map<string, string>();
  for (const group of groups) {
    const members = toStrings(((group['entity_attributes'] ?? {}) as Json)['grouped_node_ids']);
    for (const member of members) groupOf.set(member, String(group['entity_id']));
  }
  const result: Json[] = [...groupOf].map(([source, target]) => ({ source, target, connection_type: 'group' }));
  for (const link of links) {
    const source = groupOf.get(String(link['source']));
    const target = groupOf.get(String(link['target']));
    if (source !== undefined) result.push({ ...link, source });
    else if (target !== undefined) result.push({ ...link, target });
  }
  return result;
}

