/**
 * The catalogue: every module with its family, module-types, inputs, outputs,
 * settings and description; search as you type, filter by family and by the
 * attribute type a module accepts.
 */
import { useMemo, useState } from 'preact/hooks';
import { FAMILY_FILTERS, matches, type FamilyFilter } from '../model/catalogue-filter.js';
import { modulesWithSettings } from '../model/module-settings.js';
import { acceptedTypes, looksSecret, type ModuleInfo } from '../model/modules.js';
import { exportDraft, runDraft } from '../state/draft.js';
import { go } from '../state/route.js';
import { ModuleBadges } from './badges.js';

function ModuleCard({ module, onType, configured }: { module: ModuleInfo; onType: (type: string) => void; configured: boolean }) {
  const run = () => {
    if (module.family === 'export') {
      exportDraft.set({ module: module.name });
      go('export');
    } else {
      runDraft.set(module.family === 'import' || module.input.includes('attachment') ? { mode: 'file', module: module.name } : { mode: 'value', type: module.input[0], module: module.name });
      go('run');
    }
  };
  return (
    <li class="module-card" data-module={module.name}>
      <div class="module-head">
        <h3>
          <code>{module.name}</code>
        </h3>
        <span class="module-display">{module.displayName !== module.name ? module.displayName : ''}</span>
        <ModuleBadges module={module} />
      </div>
      <p class="module-description">{module.description}</p>
      <dl class="module-facts">
        {module.input.length > 0 && (
          <>
            <dt>Input</dt>
            <dd>
              {module.input.map((t) => (
                <button type="button" class="chip" key={t} onClick={() => onType(t)} title={`Show the modules that accept ${t}`}>
                  {t}
                </button>
              ))}
            </dd>
          </>
        )}
        {module.output.length > 0 && (
          <>
            <dt>Output</dt>
            <dd>{module.output.join(', ')}</dd>
          </>
        )}
        {module.settings.length > 0 && (
          <>
            <dt>Settings</dt>
            <dd>
              {module.settings.map((s) => (
                <span class="setting-name" key={s}>
                  {s}
                  {looksSecret(s) && <span class="secret-mark"> (secret)</span>}
                </span>
              ))}
              {configured && <span class="muted"> (some set in this browser)</span>}
            </dd>
          </>
        )}
        {module.responseType && (
          <>
            <dt>Produces</dt>
            <dd>
              .{module.outputFileExtension} ({module.responseType})
            </dd>
          </>
        )}
        <dt>Author</dt>
        <dd>
          {module.author} · version {module.version}
        </dd>
      </dl>
      {(module.features || module.references.length > 0) && (
        <details>
          <summary>More about {module.name}</summary>
          {module.features && <p class="module-features">{module.features}</p>}
          {module.references.length > 0 && (
            <ul class="references">
              {module.references.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </details>
      )}
      {module.family !== 'action' && (
        <button type="button" class="secondary" onClick={run}>
          {module.family === 'export' ? 'Export an event…' : module.family === 'import' ? 'Import a file…' : 'Run…'}
        </button>
      )}
    </li>
  );
}

export function CatalogueView({ modules }: { modules: ModuleInfo[] }) {
  const [text, setText] = useState('');
  const [family, setFamily] = useState<FamilyFilter | undefined>(undefined);
  const [type, setType] = useState('');
  const types = useMemo(() => [...acceptedTypes(modules)].sort(([a], [b]) => a.localeCompare(b)), [modules]);
  const configured = new Set(modulesWithSettings());
  const shown = modules.filter((m) => matches(m, { text, ...(family ? { family } : {}), ...(type ? { type } : {}) }));
  return (
    <section class="catalogue" aria-labelledby="catalogue-title">
      <h2 id="catalogue-title">Catalogue</h2>
      <div class="filters">
        <label class="search">
          <span class="visually-hidden">Search modules</span>
          <input
            type="search"
            data-shortcut="search"
            placeholder="Search names, descriptions, types, settings…  ( / )"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            aria-label="Search modules"
          />
        </label>
        <div class="family-filter" role="group" aria-label="Family">
          <button type="button" aria-pressed={family === undefined} onClick={() => setFamily(undefined)}>
            All
          </button>
          {FAMILY_FILTERS.map((f) => (
            <button type="button" key={f} aria-pressed={family === f} onClick={() => setFamily(family === f ? undefined : f)}>
              {f}
            </button>
          ))}
        </div>
        <label>
          Accepts{' '}
          <select value={type} onChange={(e) => setType(e.currentTarget.value)} aria-label="Attribute type accepted">
            <option value="">any type</option>
            {types.map(([t, count]) => (
              <option value={t} key={t}>
                {t} ({count})
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="count" aria-live="polite">
        {shown.length} of {modules.length} modules
      </p>
      {shown.length === 0 ? (
        <p class="empty">No module matches. Clear the search or pick another family or type.</p>
      ) : (
        <ul class="module-list">
          {shown.map((m) => (
            <ModuleCard module={m} key={m.name} onType={setType} configured={configured.has(m.name)} />
          ))}
        </ul>
      )}
    </section>
  );
}
