/** Module settings (API keys…) for every module that has some, kept in this browser only; and the access token. */
import { useState } from 'preact/hooks';
import { forgetToken, savedToken } from '../api/token.js';
import { forgetAllSettings } from '../model/module-settings.js';
import type { ModuleInfo } from '../model/modules.js';
import { ModuleSettingsFields } from './module-settings-fields.js';

export function SettingsView({ modules }: { modules: ModuleInfo[] }) {
  const [text, setText] = useState('');
  const [generation, setGeneration] = useState(0);
  const [hasToken, setHasToken] = useState(savedToken() !== undefined);
  const withSettings = modules.filter((m) => m.settings.length > 0 && m.family !== 'action');
  const shown = withSettings.filter((m) => `${m.name} ${m.settings.join(' ')}`.toLowerCase().includes(text.toLowerCase().trim()));
  return (
    <section class="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Module settings</h2>
      <p class="notice storage-notice">
        Settings you enter here (API keys, user names, passwords) are kept <strong>in this browser only</strong>, in its localStorage for this site. They are
        sent with each query, in its <code>config</code>, as MISP sends them; the server uses them for that query and never stores them, and it removes them from
        its logs.
      </p>
      <p>
        <button
          type="button"
          class="danger"
          onClick={() => {
            forgetAllSettings();
            setGeneration(generation + 1);
          }}
        >
          Forget all module settings
        </button>{' '}
        {hasToken && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              forgetToken();
              setHasToken(false);
            }}
          >
            Forget the access token (kept for this tab only)
          </button>
        )}
      </p>
      <label class="search">
        <span class="visually-hidden">Find a module</span>
        <input type="search" data-shortcut="search" placeholder="Find a module or a setting ( / )" value={text} onInput={(e) => setText(e.currentTarget.value)} aria-label="Find a module's settings" />
      </label>
      <ul class="settings-list" key={generation}>
        {shown.map((m) => (
          <li key={m.name}>
            <h3>
              <code>{m.name}</code> <span class="muted">{m.displayName !== m.name ? m.displayName : ''}</span>
            </h3>
            <ModuleSettingsFields module={m} />
          </li>
        ))}
      </ul>
    </section>
  );
}
