/**
 * The session on screen: its query tree as tables or as a graph, a summary
 * of its runs, and its export as a MISP event.
 */
import { useState } from 'preact/hooks';
import { sessionEvent } from '../model/event-export.js';
import { uuidLabels } from '../model/session-index.js';
import { allRuns, sessionTitle, type Session } from '../model/session.js';
import { currentSession } from '../state/app-state.js';
import { download, safeFileName } from './download.js';
import { GraphView } from './graph-view.js';
import { QueryNodeView } from './query-tree.js';

export function exportSessionEvent(session: Session): void {
  const event = sessionEvent(session);
  download(JSON.stringify(event, null, 2), `misp-event-${safeFileName(sessionTitle(session))}.json`, 'application/json');
}

export function SessionView({ session }: { session: Session }) {
  const [graph, setGraph] = useState(false);
  const runs = allRuns(session);
  const count = (status: string) => runs.filter((r) => r.status === status).length;
  const labels = uuidLabels(session);
  return (
    <section class="session" aria-labelledby="session-title">
      <header class="session-head">
        <h2 id="session-title">{sessionTitle(session)}</h2>
        <span class="muted" aria-live="polite">
          {runs.length} runs: {count('done')} done, {count('running')} running, {count('error') + count('interrupted')} failed
        </span>
        <span class="view-switch" role="group" aria-label="Show results as">
          <button type="button" aria-pressed={!graph} onClick={() => setGraph(false)}>
            Tables
          </button>
          <button type="button" aria-pressed={graph} onClick={() => setGraph(true)}>
            Graph
          </button>
        </span>
        <button type="button" class="secondary" onClick={() => exportSessionEvent(session)}>
          Export MISP event
        </button>
      </header>
      {graph ? <GraphView session={session} version={currentSession.version} /> : <QueryNodeView node={session.root} session={session} labels={labels} />}
    </section>
  );
}
