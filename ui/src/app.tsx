/** The page: header and navigation, the view the URL names, the token dialog, keyboard shortcuts. */
import { useEffect } from 'preact/hooks';
import { catalogue } from './state/app-state.js';
import { loadCatalogue } from './state/run-actions.js';
import { useView, type View } from './state/route.js';
import { useStore } from './state/store.js';
import { CatalogueView } from './views/catalogue.js';
import { ExportView } from './views/export-view.js';
import { HistoryView } from './views/history-view.js';
import { RunView } from './views/run-view.js';
import { SettingsView } from './views/settings-view.js';
import { ThemeToggle } from './views/theme-toggle.js';
import { TokenDialog } from './views/token-dialog.js';

const NAV: Array<[View, string]> = [
  ['run', 'Run'],
  ['catalogue', 'Catalogue'],
  ['history', 'History'],
  ['export', 'Export'],
  ['settings', 'Settings'],
];

/** "/" puts the cursor in the view's search or value field (unless typing somewhere already). */
function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        const field = document.querySelector<HTMLElement>('main [data-shortcut="search"]');
        if (field) {
          event.preventDefault();
          field.focus();
        }
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const view = useView();
  const c = useStore(catalogue);
  useShortcuts();
  useEffect(() => {
    void loadCatalogue();
  }, []);
  let body;
  if (view === 'history') body = <HistoryView />;
  else if (c.state === 'loading') body = <p class="muted">Loading the modules…</p>;
  else if (c.state === 'failed')
    body = (
      <div class="error" role="alert">
        <p>The modules could not be listed: {c.message}</p>
        <button type="button" class="secondary" onClick={() => void loadCatalogue()}>
          Try again
        </button>
      </div>
    );
  else if (view === 'catalogue') body = <CatalogueView modules={c.modules} />;
  else if (view === 'export') body = <ExportView modules={c.modules} />;
  else if (view === 'settings') body = <SettingsView modules={c.modules} />;
  else body = <RunView modules={c.modules} />;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <h1>MISP modules</h1>
        <nav aria-label="Views">
          {NAV.map(([name, label]) => (
            <a key={name} href={`#/${name}`} aria-current={view === name ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1}>
        {body}
      </main>
      <TokenDialog />
    </>
  );
}
