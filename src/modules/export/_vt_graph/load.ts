/**
 * A graph saved on VirusTotal, loaded to add an event's new indicators to it
 * (`VTGraph.load_graph`): its nodes, its links (a link through a
 * relationship node becomes a direct link with that connection type again),
 * its group and special relationship nodes kept as they are, its sharing.
 * As upstream, the module's own sharing settings do not apply to it.
 */
import { isRecord, type Json } from '../_virustotal/api.js';
import type { VtGraphApi } from './api.js';
import { VtGraph } from './graph.js';
import { GRAPH_MESSAGES } from './messages.js';
import type { NodeIds } from './node-ids.js';
import { SUPPORTED_NODE_TYPES } from './node-types.js';

function required(record: Json, key: string): unknown {
  if (!(key in record)) throw GRAPH_MESSAGES.error('badGraph', { key });
  return record[key];
}

const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const entityAttributes = (node: Json): Json => (isRecord(node['entity_attributes']) ? node['entity_attributes'] : {});

function isGroup(node: Json): boolean {
  return node['type'] === 'relationship' && entityAttributes(node)['relationship_type'] === 'group';
}

/** `_is_special_relationship_node` (commonalities, and relationship nodes of a named kind other than group). */
function isSpecial(node: Json): boolean {
  const kind = entityAttributes(node)['relationship_type'];
  const named = typeof kind === 'string' && kind !== '' && kind !== 'group';
  const commonalities = entityAttributes(node)['commonalities'];
  return (node['type'] === 'relationship' && named) || (commonalities !== undefined && commonalities !== null);
}

export async function loadSavedGraph(api: VtGraphApi, graphId: string, ids: NodeIds): Promise<VtGraph> {
  const body = await api.loadGraph(graphId);
  const data = isRecord(body['data']) ? body['data'] : {};
  const attributes = required(data, 'attributes');
  if (!isRecord(attributes)) throw GRAPH_MESSAGES.error('badGraph', { key: 'attributes' });
  const graphData = required(attributes, 'graph_data');
  const description = isRecord(graphData) ? required(graphData, 'description') : '';
  const isPrivate = required(attributes, 'private') === true;
  const nodes = records(required(attributes, 'nodes'));
  const links = records(required(attributes, 'links'));

  const viewers = await api.collaborators(graphId, 'viewers');
  const editors = await api.collaborators(graphId, 'editors');
  const graph = new VtGraph(graphId, typeof description === 'string' ? description : '', {
    private: isPrivate,
    userEditors: editors.users,
    userViewers: viewers.users,
    groupEditors: editors.groups,
    groupViewers: viewers.groups,
  });

  graph.groupNodes = nodes.filter(isGroup);
  graph.specialNodes = nodes.filter(isSpecial);
  const groupIds = new Set(graph.groupNodes.map((n) => n['entity_id']));
  const specialIds = new Set(graph.specialNodes.map((n) => n['entity_id']));
  graph.specialLinks = links.filter((l) => specialIds.has(l['source']) || specialIds.has(l['target']));

  for (const node of nodes) {
    if (node['type'] === 'relationship' || typeof node['entity_id'] !== 'string') continue;
    let type = String(node['type']);
    if (!SUPPORTED_NODE_TYPES.has(type)) type = String(entityAttributes(node)['custom_type'] ?? type);
    const id = await ids.resolve(node['entity_id'], type, graph, false);
    const saved = entityAttributes(node);
    graph.addNode(id, type, {
      label: typeof node['text'] === 'string' ? node['text'] : '',
      attributes: Object.keys(saved).length > 0 ? saved : undefined,
      x: typeof node['x'] === 'number' ? node['x'] : 0,
      y: typeof node['y'] === 'number' ? node['y'] : 0,
    });
  }

  // Links through a relationship node: source → relationship → each target.
  const plain = links.filter(
    (l) => !groupIds.has(l['source']) && !groupIds.has(l['target']) && !specialIds.has(l['source']) && !specialIds.has(l['target']),
  );
  const targetsOf = new Map<string, string[]>();
  for (const link of plain) {
    const source = String(link['source'] ?? '');
    if (!source.startsWith('relationship')) continue;
    targetsOf.set(source, [...(targetsOf.get(source) ?? []), String(link['target'] ?? '')]);
  }
  for (const link of plain) {
    const source = String(link['source'] ?? '');
    if (source.startsWith('relationship')) continue;
    const target = String(link['target'] ?? '');
    for (const end of targetsOf.get(target) ?? [target]) {
      graph.addLink(ids.idOf(source), ids.idOf(end), String(link['connection_type'] ?? ''));
    }
  }
  return graph;
}
