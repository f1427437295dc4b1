/**
 * How the event's indicators are linked: upstream's production rules
 * (`vt_graph_parser/helpers/rules.py`). The attributes are read in order;
 * each one is linked to the node of the current rule with the VirusTotal
 * relationship that fits their types (a domain then an IP: `resolutions`;
 * a URL then a file: `downloaded_files`…), and the new node becomes the
 * current one. A node of the same type as the current one goes back to the
 * last rule of another type (so a domain followed by three IPs links the
 * domain to each). Types VirusTotal has no node for (target-user,
 * target-email) get a `manual` link from the current node.
 */
import type { GraphNode, VtGraph } from './graph.js';

type RuleType = 'file' | 'url' | 'domain' | 'ip_address';
type Kind = RuleType | 'initial';

const RULE_TYPES: ReadonlySet<string> = new Set<RuleType>(['file', 'url', 'domain', 'ip_address']);

/** The connection from a node of the rule's type to a node of another type. */
function connection(from: RuleType, to: RuleType, category: string): string | undefined {
  const toFile = category === 'Artifacts dropped' ? 'downloaded_files' : 'communicating_files';
  const table: Record<RuleType, Partial<Record<RuleType, string>>> = {
    url: { file: 'downloaded_files', ip_address: 'contacted_ips', domain: 'contacted_domains' },
    ip_address: { file: toFile, url: 'urls', domain: 'resolutions' },
    domain: { file: toFile, ip_address: 'resolutions', url: 'urls' },
    file: { ip_address: 'contacted_ips', url: 'contacted_urls', domain: 'contacted_domains' },
  };
  return table[from][to];
}

export class Rule {
  private constructor(
    readonly kind: Kind,
    readonly node: GraphNode | undefined,
    private readonly last: Rule | undefined,
  ) {}

  static initial(): Rule {
    return new Rule('initial', undefined, undefined);
  }

  /** Links `node` (just added for an attribute of `category`) and returns the next rule. */
  resolve(graph: VtGraph, node: GraphNode, category: string): Rule {
    if (!RULE_TYPES.has(node.type)) return this.manualLink(graph, node);
    const to = node.type as RuleType;
    if (this.kind === 'initial' || !this.node) return new Rule(to, node, this);
    if (this.kind === to) {
      const previous = this.lastDifferent();
      if (previous && previous.kind !== 'initial') return previous.resolve(graph, node, category);
      if (to === 'domain') graph.addLink(this.node.id, node.id, 'siblings');
      return new Rule(to, node, this);
    }
    const type = connection(this.kind, to, category);
    if (type) graph.addLink(this.node.id, node.id, type);
    return new Rule(to, node, this);
  }

  /** Upstream fails when such a node comes first (no current node); it is then left unlinked. */
  private manualLink(graph: VtGraph, node: GraphNode): Rule {
    if (this.node) graph.addLink(this.node.id, node.id, 'manual');
    return this;
  }

  /** `get_last_different_rule`: the closest earlier rule of another kind. */
  private lastDifferent(): Rule | undefined {
    let rule = this.last;
    while (rule && rule.kind === this.kind) rule = rule.last;
    return rule;
  }
}
