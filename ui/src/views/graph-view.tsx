/**
 * The session as a graph (SVG, laid out by model/graph-layout.ts): the
 * queried value on the left, what each module found to its right, objects'
 * references as labelled arrows, pivots further right. A node is a button:
 * selecting it shows its details, with a pivot for each of its values.
 */
import { useMemo, useState } from 'preact/hooks';
import { sessionGraph, type GraphEdge, type GraphNode } from '../model/graph.js';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type Layout } from '../model/graph-layout.js';
import type { ViewAttribute } from '../model/results.js';
import type { Session } from '../model/session.js';
import { PivotPanel } from './pivot-panel.js';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function Edge({ edge, layout }: { edge: GraphEdge; layout: Layout }) {
  const a = layout.placed.get(edge.from);
  const b = layout.placed.get(edge.to);
  if (!a || !b) return null;
  // From the side of one box facing the other.
  const leftToRight = a.x <= b.x;
  const x1 = leftToRight ? a.x + NODE_WIDTH : a.x;
  const x2 = leftToRight ? (a.x === b.x ? b.x + NODE_WIDTH : b.x) : b.x + NODE_WIDTH;
  const y1 = a.y + NODE_HEIGHT / 2;
  const y2 = b.y + NODE_HEIGHT / 2;
  const bend = a.x === b.x ? 60 : Math.abs(x2 - x1) / 2;
  const c1 = leftToRight ? x1 + bend : x1 - bend;
  const c2 = leftToRight ? (a.x === b.x ? x2 + bend : x2 - bend) : x2 + bend;
  // The label ends just left of the node further right: edges converge on the left, and their labels would pile up there.
  const [lx, ly] = a.x > b.x ? [x1, y1] : [x2, y2];
  return (
    <g class={`edge edge-${edge.kind}`}>
      <path d={`M${x1},${y1} C${c1},${y1} ${c2},${y2} ${x2},${y2}`} marker-end="url(#arrow)" />
      <text x={lx - 8} y={ly - 5} text-anchor="end">
        {clip(edge.label, 24)}
      </text>
    </g>
  );
}

function Node({ node, x, y, selected, onSelect }: { node: GraphNode; x: number; y: number; selected: boolean; onSelect: () => void }) {
  return (
    <g
      class={`node node-${node.kind}${selected ? ' selected' : ''}`}
      transform={`translate(${x},${y})`}
      // Lower case: Preact sets SVG attributes as written, and SVG attribute names are case-sensitive.
      tabindex={0}
      role="button"
      aria-pressed={selected}
      aria-label={`${node.sublabel} ${node.label}`}
      data-node-label={node.label}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      <title>{`${node.sublabel}: ${node.label}${node.module ? ` (from ${node.module})` : ''}`}</title>
      <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
      <text x={10} y={17} class="node-sublabel">
        {clip(node.sublabel, 30)}
      </text>
      <text x={10} y={35} class="node-label">
        {clip(node.label, 30)}
      </text>
    </g>
  );
}

function Details({ node, session }: { node: GraphNode; session: Session }) {
  const [pivotOn, setPivotOn] = useState<ViewAttribute | undefined>(undefined);
  const values: ViewAttribute[] = node.object ? node.object.attributes : node.attribute ? [node.attribute] : [];
  return (
    <aside class="graph-details" aria-label="Selected node">
      <h4>
        <code>{node.sublabel}</code> {node.label}
      </h4>
      {node.module && <p class="muted">Found by {node.module}</p>}
      {values.length > 0 && (
        <table class="results">
          <tbody>
            {values.map((a) => (
              <tr key={a.uuid}>
                <th scope="row">{'relation' in a ? String(a.relation) : a.type}</th>
                <td class="value">{a.value}</td>
                <td>
                  {node.run && (
                    <button type="button" class="pivot" aria-label={`Pivot on ${a.value}`} onClick={() => setPivotOn(a)}>
                      Pivot ▸
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pivotOn && node.run && <PivotPanel target={{ session, run: node.run, attribute: pivotOn }} onClose={() => setPivotOn(undefined)} />}
    </aside>
  );
}

export function GraphView({ session, version }: { session: Session; version: number }) {
  // The session changes in place: `version` says when to draw it again.
  const graph = useMemo(() => sessionGraph(session), [session, version]);
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const selectedNode = graph.nodes.find((n) => n.id === selected);
  return (
    <div class="graph-view">
      <div class="graph-canvas" tabIndex={-1}>
        <svg width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={`Graph of ${graph.nodes.length} nodes and ${graph.edges.length} links`}>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
            </marker>
          </defs>
          {graph.edges.map((e, i) => (
            <Edge key={i} edge={e} layout={layout} />
          ))}
          {[...layout.placed.values()].map(({ node, x, y }) => (
            <Node key={node.id} node={node} x={x} y={y} selected={node.id === selected} onSelect={() => setSelected(node.id === selected ? undefined : node.id)} />
          ))}
        </svg>
      </div>
      {graph.omitted > 0 && <p class="muted">{graph.omitted} more nodes are not drawn; the tables show everything.</p>}
      {selectedNode ? <Details key={selectedNode.id} node={selectedNode} session={session} /> : <p class="muted graph-hint">Select a node (click, or Tab then Enter) to see its values and pivot on them.</p>}
    </div>
  );
}
