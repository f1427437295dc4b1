/**
 * One module's settings (API keys…), edited in place and kept in this
 * browser's localStorage (model/module-settings.ts).
 */
import { useState } from 'preact/hooks';
import { setSetting, settingsOf } from '../model/module-settings.js';
import { looksSecret, type ModuleInfo } from '../model/modules.js';

export function ModuleSettingsFields({ module }: { module: ModuleInfo }) {
  const [values, setValues] = useState(() => settingsOf(module.name));
  if (module.settings.length === 0) return <p class="muted">{module.name} has no settings.</p>;
  return (
    <div class="settings-fields" data-settings-for={module.name}>
      {module.settings.map((name) => (
        <label key={name}>
          <span>{name}</span>
          <input
            type={looksSecret(name) ? 'password' : 'text'}
            autocomplete="off"
            spellcheck={false}
            value={values[name] ?? ''}
            aria-label={`${module.name} setting ${name}`}
            onInput={(e) => {
              const value = e.currentTarget.value;
              setSetting(module.name, name, value);
              setValues({ ...values, [name]: value });
            }}
          />
        </label>
      ))}
      <small class="muted">Kept in this browser only; sent with {module.name}'s queries.</small>
    </div>
  );
}
