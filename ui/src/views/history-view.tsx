/**
 * The history: past sessions kept in this browser's IndexedDB, newest
 * first; each can be reopened, exported as a MISP event, sent to an export
 * module, or deleted.
 */
import { useEffect, useState } from 'preact/hooks';
import { sessionEvent } from '../model/event-export.js';
import { clearHistory, deleteSession, listSessions } from '../model/history-store.js';
import { allNodes, allRuns, markInterrupted, sessionTitle, type Session } from '../model/session.js';
import { currentSession } from '../state/app-state.js';
import { exportDraft } from '../state/draft.js';
import { go } from '../state/route.js';
import { liveSession } from '../state/run-actions.js';
import { exportSessionEvent } from './session-view.js';

function Row({ session, onDelete }: { session: Session; onDelete: () => void }) {
  const runs = allRuns(session);
  const failed = runs.filter((r) => r.status === 'error' || r.status === 'interrupted').length;
  const modules = [...new Set(session.root.runs.map((r) => r.module))];
  const open = () => {
    // A session still running in this page is shown live; one saved by a closed page has runs that will never end.
    const running = liveSession(session.id);
    if (!running) markInterrupted(session);
    currentSession.set(running ?? session);
    go('run');
  };
  const toExport = () => {
    exportDraft.set({ eventJson: JSON.stringify(sessionEvent(session), null, 2) });
    go('export');
  };
  return (
    <tr data-session={session.id}>
      <td>
        <time dateTime={new Date(session.createdAt).toISOString()}>{new Date(session.createdAt).toLocaleString()}</time>
      </td>
      <td class="value">{sessionTitle(session)}</td>
      <td>{modules.join(', ')}</td>
      <td>
        {runs.length - failed} ok{failed > 0 ? `, ${failed} failed` : ''}
      </td>
      <td>{allNodes(session).length - 1}</td>
      <td class="actions">
        <button type="button" class="secondary" onClick={open} aria-label={`Open ${sessionTitle(session)}`}>
          Open
        </button>
        <button type="button" class="secondary" onClick={() => exportSessionEvent(session)} aria-label={`Export ${sessionTitle(session)} as a MISP event`}>
          MISP event
        </button>
        <button type="button" class="secondary" onClick={toExport} aria-label={`Send ${sessionTitle(session)} to an export module`}>
          To export…
        </button>
        <button type="button" class="link danger" onClick={onDelete} aria-label={`Delete ${sessionTitle(session)}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}

export function HistoryView() {
  const [sessions, setSessions] = useState<Session[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const reload = () =>
    listSessions()
      .then(setSessions)
      .catch((error: unknown) => setProblem(`The history could not be read: ${(error as Error).message}`));
  useEffect(() => {
    void reload();
  }, []);
  return (
    <section class="history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p class="muted">Past queries and their results are kept in this browser (IndexedDB) only; the server keeps nothing.</p>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {sessions === undefined ? (
        <p class="muted">Reading…</p>
      ) : sessions.length === 0 ? (
        <p class="empty">Nothing yet: runs appear here as soon as they start.</p>
      ) : (
        <>
          <table class="results history-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Query</th>
                <th scope="col">Modules</th>
                <th scope="col">Runs</th>
                <th scope="col">Pivots</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <Row key={s.id} session={s} onDelete={() => void deleteSession(s.id).then(reload)} />
              ))}
            </tbody>
          </table>
          <p>
            {confirming ? (
              <>
                Delete all {sessions.length} sessions?{' '}
                <button type="button" class="danger" onClick={() => void clearHistory().then(reload).then(() => setConfirming(false))}>
                  Yes, clear the history
                </button>{' '}
                <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                  No
                </button>
              </>
            ) : (
              <button type="button" class="link danger" onClick={() => setConfirming(true)}>
                Clear the history…
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}
