/**
 * What of a MISP event goes into its graph (`vt_graph_parser/helpers/
 * parsers.py` and `wrappers.py`): the attributes of the types below, the
 * event's own first, then those of each object, in order; and the id of the
 * VirusTotal graph a previous export linked from the event, if any.
 *
 * Upstream read only the raw shape (`Attribute` beside `Event`); both of
 * MISP's shapes are read here.
 */
import type { EventAttribute, NormalizedEvent } from '../../../misp/event.js';

/** MISP type → VirusTotal Graph node type (`victim` and `email` are custom nodes). */
export const NODE_TYPE_OF: Readonly<Record<string, string>> = {
  hostname: 'domain',
  domain: 'domain',
  'ip-src': 'ip_address',
  'ip-dst': 'ip_address',
  url: 'url',
  'filename|md5': 'file',
  filename: 'file',
  md5: 'file',
  sha1: 'file',
  sha256: 'file',
  'target-user': 'victim',
  'target-email': 'email',
};

export const GRAPH_LINK_PREFIX = 'https://www.virustotal.com/graph/';

export interface GraphAttribute {
  /** VirusTotal Graph node type. */
  type: string;
  category: string;
  /** The node id before resolution (a hash, URL, domain, address or file name). */
  value: string;
  label: string;
}

function toGraphAttribute(attribute: EventAttribute): GraphAttribute | undefined {
  const type = NODE_TYPE_OF[attribute.type];
  if (type === undefined) return undefined;
  let { value } = attribute;
  let label = '';
  if (attribute.type === 'filename|md5') {
    // Split at the last `|`: a file name may hold one, a hash never does (upstream failed on it).
    const at = value.lastIndexOf('|');
    label = at < 0 ? '' : value.slice(0, at);
    value = at < 0 ? value : value.slice(at + 1);
  } else if (attribute.type === 'filename') {
    label = value;
  }
  if (value.trim() === '') return undefined;
  return { type, category: attribute.category, value, label };
}

export function graphAttributes(event: NormalizedEvent): GraphAttribute[] {
  return [...event.attributes, ...event.objects.flatMap((o) => o.Attribute)]
    .map(toGraphAttribute)
    .filter((a): a is GraphAttribute => a !== undefined);
}

/**
 * The graph of the event's `link` attribute to VirusTotal Graph with the
 * highest id (upstream takes the latest one), or '' when there is none.
 */
export function linkedGraphId(event: NormalizedEvent): string {
  let best = '';
  let bestId = -1;
  for (const attribute of event.attributes) {
    if (attribute.type !== 'link' || !attribute.value.startsWith(GRAPH_LINK_PREFIX)) continue;
    const id = Number.parseInt(attribute.id ?? '', 10);
    const rank = Number.isNaN(id) ? 0 : id;
    if (best !== '' && rank <= bestId) continue; // the first of equal ids stays, as upstream
    // The id is the path segment after /graph/ (no query string or fragment).
    const graphId = attribute.value.slice(GRAPH_LINK_PREFIX.length).split(/[/?#]/)[0] ?? '';
    if (graphId === '') continue;
    best = graphId;
    bestId = rank;
  }
  return best;
}
