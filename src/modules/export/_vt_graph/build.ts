/**
 * One event → one VirusTotal graph (`import_misp_graph` with upstream's
 * defaults: links from the production rules, not searched through
 * VirusTotal): resolve the indicators' ids, fetch their information if
 * asked, add them in order with the rules' links, expand every node one
 * level if asked, save, and share.
 *
 * Requests that do not depend on each other (id resolutions, information
 * lookups, the relationships of one node) run a few at a time; the graph is
 * then built in the event's order, so the result is the one upstream's
 * sequential calls give.
 */
import type { NormalizedEvent } from '../../../misp/event.js';
import { isRecord, type Json } from '../_virustotal/api.js';
import type { VtGraphApi } from './api.js';
import { mapLimit } from '../../_shared/map-limit.js';
import { VtGraph, type GraphNode, type Sharing } from './graph.js';
import { loadSavedGraph } from './load.js';
import { GRAPH_LINK_PREFIX, graphAttributes, linkedGraphId } from './misp-attributes.js';
import { NodeIds } from './node-ids.js';
import { SUPPORTED_NODE_TYPES, expansionsOf } from './node-types.js';
import { Rule } from './rules.js';

/** The title upstream gives every graph. */
export const GRAPH_NAME = 'Graph created from MISP event';
const CONCURRENCY = 8;
/** vt_graph_api's default for `expand_n_level`. */
const MAX_NODES_PER_RELATIONSHIP = 40;

export interface GraphOptions {
  fetchInformation: boolean;
  fetchVtEnterprise: boolean;
  expandOneLevel: boolean;
  sharing: Sharing;
}

/** Whether the event gives a graph anything: an indicator, or a graph it was exported to before. */
export function hasGraphContent(event: NormalizedEvent): boolean {
  return graphAttributes(event).length > 0 || linkedGraphId(event) !== '';
}

/** Builds and saves the event's graph; returns its link. */
export async function exportGraph(api: VtGraphApi, event: NormalizedEvent, options: GraphOptions): Promise<string> {
  const attributes = graphAttributes(event);
  const linked = linkedGraphId(event);
  const ids = new NodeIds(api);
  // An event exported before links its graph: the new indicators are added to it.
  const graph = linked ? await loadSavedGraph(api, linked, ids) : new VtGraph('', GRAPH_NAME, options.sharing);

  const resolved = await mapLimit(attributes, CONCURRENCY, (a) => ids.resolve(a.value, a.type, graph, options.fetchVtEnterprise));
  const toAdd = attributes.map((a, i) => ({ ...a, id: resolved[i]! })).filter((a) => !graph.nodes.has(a.id));

  // A node's information is fetched once, for the type it is first added with.
  const information = new Map<string, Json | undefined>();
  if (options.fetchInformation) {
    const first = new Map<string, string>();
    for (const a of toAdd) if (!first.has(a.id)) first.set(a.id, a.type);
    const wanted = [...first].filter(([, type]) => SUPPORTED_NODE_TYPES.has(type));
    await mapLimit(wanted, CONCURRENCY, async ([id, type]) => information.set(id, await api.nodeAttributes(type, id)));
  }

  let rule = Rule.initial();
  for (const a of toAdd) {
    const node = graph.addNode(a.id, a.type, { label: a.label, attributes: information.get(a.id) });
    rule = rule.resolve(graph, node, a.category);
  }
  if (options.expandOneLevel) await expandOneLevel(api, graph, ids, options.fetchVtEnterprise);

  graph.id = await api.saveGraph(graph.toDocument(), graph.id);
  const { sharing } = graph;
  await api.pushCollaborators(graph.id, 'editors', { users: sharing.userEditors, groups: sharing.groupEditors });
  await api.pushCollaborators(graph.id, 'viewers', { users: sharing.userViewers, groups: sharing.groupViewers });
  return `${GRAPH_LINK_PREFIX}${graph.id}`;
}

interface Related {
  id: string;
  type: string;
  attributes: Json | undefined;
}

/**
 * `expand_n_level(1)`: every node the graph had is expanded with each of its
 * type's relationships (up to 40 nodes each), the related nodes added and
 * linked with the relationship's name. Custom nodes have none (upstream failed on them).
 */
async function expandOneLevel(api: VtGraphApi, graph: VtGraph, ids: NodeIds, searchIntelligence: boolean): Promise<void> {
  for (const node of [...graph.nodes.values()]) {
    const expansions = expansionsOf(node.type);
    const found = await Promise.all(expansions.map((expansion) => relatedNodes(api, node, expansion)));
    for (const [i, expansion] of expansions.entries()) {
      for (const related of found[i]!) {
        if (related.id === node.id) continue;
        const id = await ids.resolve(related.id, related.type, graph, searchIntelligence);
        graph.addNode(id, related.type, { attributes: related.attributes });
        graph.addLink(node.id, id, expansion);
      }
    }
  }
}

/** The nodes of one relationship, following VirusTotal's cursor up to the limit. */
async function relatedNodes(api: VtGraphApi, node: GraphNode, expansion: string): Promise<Related[]> {
  const result: Related[] = [];
  let remaining = MAX_NODES_PER_RELATIONSHIP;
  let cursor: string | undefined;
  do {
    const page = await api.relationshipPage(node.type, node.id, expansion, remaining, cursor);
    const data = page['data'];
    const items = Array.isArray(data) ? data.filter(isRecord) : isRecord(data) ? [data] : [];
    for (const item of items) {
      if (typeof item['id'] !== 'string' || typeof item['type'] !== 'string') continue;
      let { id, type } = item as { id: string; type: string };
      // A resolution's id is the IP address and the domain joined: keep the other end.
      if (type === 'resolution') {
        id = id.replaceAll(node.id, '');
        type = node.type === 'domain' ? 'ip_address' : 'domain';
      }
      const attributes = isRecord(item['attributes']) && Object.keys(item['attributes']).length > 0 ? item['attributes'] : undefined;
      result.push({ id, type, attributes });
    }
    const meta = page['meta'];
    cursor = isRecord(meta) && typeof meta['cursor'] === 'string' && meta['cursor'] !== '' ? meta['cursor'] : undefined;
    remaining -= items.length;
    if (items.length === 0) break; // a cursor with an empty page would never end
  } while (cursor && remaining > 0);
  return result;
}
