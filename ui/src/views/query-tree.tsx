/**
 * The tree of queries, recursively: a query node (the attribute asked about)
 * holds one card per module run on it; a run card shows the run's status and
 * duration (ticking while it runs), its error, its results as tables or its
 * raw JSON, and the pivots made from it, which are query nodes again.
 */
import { useState } from 'preact/hooks';
import type { QueryNode, RunRecord, Session } from '../model/session.js';
import { Elapsed, seconds } from './elapsed.js';
import { ResultTables } from './result-tables.js';

function Status({ run }: { run: RunRecord }) {
  switch (run.status) {
    case 'running':
      return (
        <span class="status status-running">
          Running… <Elapsed since={run.startedAt} />
        </span>
      );
    case 'done':
      return <span class="status status-done">Done in {seconds(run.durationMs ?? 0)}</span>;
    case 'error':
      return <span class="status status-error">Error after {seconds(run.durationMs ?? 0)}</span>;
    default:
      return <span class="status status-error">Interrupted</span>;
  }
}

/** What the run found, the queried attribute echoed back left out. */
function summary(run: RunRecord, inputUuid: string): string {
  const r = run.result;
  if (!r) return '';
  const attributes = r.attributes.filter((a) => a.uuid !== inputUuid).length;
  const parts = [];
  if (r.objects.length > 0) parts.push(`${r.objects.length} object${r.objects.length === 1 ? '' : 's'}`);
  if (attributes > 0) parts.push(`${attributes} attribute${attributes === 1 ? '' : 's'}`);
  return parts.join(', ') || 'no results';
}

export function RunCard({ run, node, session, labels }: { run: RunRecord; node: QueryNode; session: Session; labels: Map<string, string> }) {
  const [raw, setRaw] = useState(false);
  return (
    <article class={`run-card run-${run.status}`} data-module={run.module} data-status={run.status} aria-label={`${run.module} on ${node.input.value}`}>
      <header>
        <h3>
          <code>{run.module}</code>
        </h3>
        <Status run={run} />
        <span class="muted">{summary(run, node.input.uuid)}</span>
        {run.answer !== undefined && (
          <span class="view-switch" role="group" aria-label="Show">
            <button type="button" aria-pressed={!raw} onClick={() => setRaw(false)}>
              Tables
            </button>
            <button type="button" aria-pressed={raw} onClick={() => setRaw(true)}>
              JSON
            </button>
          </span>
        )}
      </header>
      {run.error !== undefined && (
        <p class="error">
          <strong>Error:</strong> {run.error}
        </p>
      )}
      {run.note && <p class="muted">{run.note}</p>}
      {raw ? (
        <pre class="raw-json" tabIndex={0} aria-label={`${run.module} answer as JSON`}>
          {JSON.stringify(run.answer, null, 2)}
        </pre>
      ) : (
        run.result && <ResultTables result={run.result} inputUuid={node.input.uuid} session={session} run={run} labels={labels} />
      )}
      {run.pivots.length > 0 && (
        <div class="pivots">
          {run.pivots.map((child) => (
            <QueryNodeView key={child.id} node={child} session={session} labels={labels} />
          ))}
        </div>
      )}
    </article>
  );
}

export function QueryNodeView({ node, session, labels }: { node: QueryNode; session: Session; labels: Map<string, string> }) {
  const input = node.input;
  return (
    <section class={`query-node${node.from ? ' pivot-node' : ''}`} data-value={input.value} aria-label={`Query ${input.type} ${input.value}`}>
      <h3 class="query-title">
        {node.from && <span class="muted">Pivot from {node.from}: </span>}
        <code>{input.type}</code> <span class="value">{input.file ? `${input.file.name}` : input.value}</span>
        {input.category && <span class="muted"> · {input.category}</span>}
      </h3>
      <div class="runs" aria-live="polite">
        {node.runs.map((run) => (
          <RunCard key={run.id} run={run} node={node} session={session} labels={labels} />
        ))}
      </div>
    </section>
  );
}
