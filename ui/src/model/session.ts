/**
 * A session: one value (or file) run through modules, and every pivot made
 * from its results, as a tree. Each query node is an attribute; each run is
 * one module's query on it; a pivot is a child node hanging from the run
 * whose result gave its attribute.
 */
import type { ViewResult } from './results.js';
import { newUuid } from './uuid.js';

export interface QueryInput {
  /** The attribute's uuid: sent to misp_standard modules, which reference it. */
  uuid: string;
  type: string;
  value: string;
  category?: string;
  /** For a file: its name and size (its bytes are not kept). */
  file?: { name: string; size: number };
}

export type RunStatus = 'running' | 'done' | 'error' | 'interrupted';

export interface RunRecord {
  id: string;
  module: string;
  status: RunStatus;
  startedAt: number;
  durationMs?: number;
  /** The answer as the server sent it. */
  answer?: unknown;
  error?: string;
  /** An answer with neither results nor error, described. */
  note?: string;
  result?: ViewResult;
  /** An export's file (base64). */
  exportData?: string;
  pivots: QueryNode[];
}

export interface QueryNode {
  id: string;
  input: QueryInput;
  /** The module whose result this node's attribute came from (absent for the session's root). */
  from?: string;
  runs: RunRecord[];
}

export interface Session {
  id: string;
  createdAt: number;
  updatedAt: number;
  root: QueryNode;
}

export function newSession(input: QueryInput): Session {
  const now = Date.now();
  return { id: newUuid(), createdAt: now, updatedAt: now, root: { id: newUuid(), input, runs: [] } };
}

export function newRun(module: string): RunRecord {
  return { id: newUuid(), module, status: 'running', startedAt: Date.now(), pivots: [] };
}

/** Every node of the tree, depth first, root first. */
export function allNodes(session: Session): QueryNode[] {
  const nodes: QueryNode[] = [];
  const visit = (node: QueryNode) => {
    nodes.push(node);
    for (const run of node.runs) for (const child of run.pivots) visit(child);
  };
  visit(session.root);
  return nodes;
}

export function allRuns(session: Session): RunRecord[] {
  return allNodes(session).flatMap((node) => node.runs);
}

/** The pivot node for this attribute under the run, made when first asked for. */
export function pivotNode(run: RunRecord, input: QueryInput): QueryNode {
  let node = run.pivots.find((p) => p.input.uuid === input.uuid);
  if (!node) {
    node = { id: newUuid(), input, from: run.module, runs: [] };
    run.pivots.push(node);
  }
  return node;
}

/** Runs left "running" by a page that was closed: they will never end. */
export function markInterrupted(session: Session): void {
  for (const run of allRuns(session)) {
    if (run.status === 'running') {
      run.status = 'interrupted';
      run.error = 'The page was closed before this answer came.';
    }
  }
}

export function sessionTitle(session: Session): string {
  const input = session.root.input;
  return input.file ? `${input.type}: ${input.file.name}` : `${input.type}: ${input.value}`;
}
