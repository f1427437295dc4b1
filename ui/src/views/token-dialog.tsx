/** Asks for the server's access token (--auth-token) once; it is kept in this tab's sessionStorage. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { tokenWorks } from '../api/client.js';
import { saveToken } from '../api/token.js';
import { tokenDialogOpen } from '../state/app-state.js';
import { loadCatalogue } from '../state/run-actions.js';
import { useStore } from '../state/store.js';

export function TokenDialog() {
  const open = useStore(tokenDialogOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const submit = async (event: Event) => {
    event.preventDefault();
    setChecking(true);
    setProblem(undefined);
    try {
      if (await tokenWorks(token.trim())) {
        saveToken(token.trim());
        setToken('');
        tokenDialogOpen.set(false);
        await loadCatalogue();
      } else setProblem('The server refused this token.');
    } catch (error) {
      setProblem(`The server could not be reached: ${(error as Error).message}`);
    } finally {
      setChecking(false);
    }
  };
  return (
    <dialog ref={dialog} class="token-dialog" aria-labelledby="token-title" onCancel={() => tokenDialogOpen.set(false)}>
      <form onSubmit={submit}>
        <h2 id="token-title">Access token</h2>
        <p>
          This server asks for a token (it runs with <code>--auth-token</code>). It is kept in this tab's sessionStorage until the browser session ends, and sent
          only to this server.
        </p>
        <label>
          <span>Token</span>
          <input type="password" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} autofocus aria-label="Access token" />
        </label>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <div class="run-row">
          <button type="submit" class="primary" disabled={checking || token.trim() === ''}>
            {checking ? 'Checking…' : 'Use this token'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
