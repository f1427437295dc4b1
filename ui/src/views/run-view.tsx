/** The run view: the form, then the session it started (or one reopened from the history). */
import type { ModuleInfo } from '../model/modules.js';
import { currentSession } from '../state/app-state.js';
import { useStore } from '../state/store.js';
import { RunForm } from './run-form.js';
import { SessionView } from './session-view.js';

export function RunView({ modules }: { modules: ModuleInfo[] }) {
  const session = useStore(currentSession);
  return (
    <div class="run-view">
      <h2 class="visually-hidden">Run modules</h2>
      <RunForm modules={modules} />
      {session ? <SessionView key={session.id} session={session} /> : <p class="muted intro">Results appear here as each module answers. Past runs are in History.</p>}
    </div>
  );
}
