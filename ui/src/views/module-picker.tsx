/**
 * The modules a query can go to, as checkboxes, each with its settings one
 * click away (and an import module's form when picked).
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { settingsOf } from '../model/module-settings.js';
import type { ModuleInfo } from '../model/modules.js';
import { ModuleBadges } from './badges.js';
import { ImportFields } from './import-fields.js';
import { ModuleSettingsFields } from './module-settings-fields.js';

export interface PickerProps {
  modules: ModuleInfo[];
  picked: Set<string>;
  onPick: (picked: Set<string>) => void;
  importAnswers?: Record<string, Record<string, string>>;
  onImportAnswers?: (answers: Record<string, Record<string, string>>) => void;
  /** A name for the group's checkboxes (the pivot panels have their own). */
  label: string;
}

function PickerRow({ module, checked, onToggle, children }: { module: ModuleInfo; checked: boolean; onToggle: () => void; children?: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const filled = Object.keys(settingsOf(module.name)).length;
  return (
    <li class={`picker-row${checked ? ' picked' : ''}`} data-module={module.name}>
      <label class="check">
        <input type="checkbox" checked={checked} onChange={onToggle} aria-label={module.name} />
        <code>{module.name}</code>
      </label>
      <ModuleBadges module={module} />
      <span class="picker-description" title={module.description}>
        {module.description}
      </span>
      {module.settings.length > 0 && (
        <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`Settings of ${module.name}`}>
          ⚙ {filled}/{module.settings.length} set
        </button>
      )}
      {open && <ModuleSettingsFields module={module} />}
      {checked && children}
    </li>
  );
}

export function ModulePicker({ modules, picked, onPick, importAnswers = {}, onImportAnswers, label }: PickerProps) {
  const toggle = (name: string) => {
    const next = new Set(picked);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    onPick(next);
  };
  return (
    <div class="picker" role="group" aria-label={label}>
      <div class="picker-tools">
        <span>
          {picked.size} of {modules.length} picked
        </span>
        <button type="button" class="link" onClick={() => onPick(new Set(modules.map((m) => m.name)))}>
          Pick all
        </button>
        <button type="button" class="link" onClick={() => onPick(new Set())}>
          Pick none
        </button>
      </div>
      <ul class="picker-list">
        {modules.map((m) => (
          <PickerRow key={m.name} module={m} checked={picked.has(m.name)} onToggle={() => toggle(m.name)}>
            {m.family === 'import' && onImportAnswers && (
              <ImportFields module={m} answers={importAnswers[m.name] ?? {}} onChange={(a) => onImportAnswers({ ...importAnswers, [m.name]: a })} />
            )}
          </PickerRow>
        ))}
      </ul>
    </div>
  );
}
