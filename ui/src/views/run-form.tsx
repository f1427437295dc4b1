/**
 * The run form: a value and its MISP type (guessed as it is typed) and
 * category, or a file; the modules that accept it; settings; the timeout.
 * Every picked module is queried at once.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { fileToBase64, formatBytes } from '../model/files.js';
import { guessType } from '../model/guess-type.js';
import { CATEGORY_NAMES, TYPE_NAMES, categoriesOf, defaultCategoryOf, isKnownType } from '../model/misp-types.js';
import { acceptedTypes, modulesAccepting, modulesForFiles, type ModuleInfo } from '../model/modules.js';
import { newUuid } from '../model/uuid.js';
import { pickedModules, setPicked } from '../state/app-state.js';
import { runDraft } from '../state/draft.js';
import { startSession } from '../state/run-actions.js';
import { useStore } from '../state/store.js';
import { ModulePicker } from './module-picker.js';

const DEFAULT_TIMEOUT_SECONDS = 30;

export function RunForm({ modules }: { modules: ModuleInfo[] }) {
  const draft = useStore(runDraft);
  const remembered = useStore(pickedModules);
  const [mode, setMode] = useState<'value' | 'file'>('value');
  const [value, setValue] = useState('');
  const [type, setType] = useState('domain');
  const [typeChosen, setTypeChosen] = useState(false);
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [file, setFile] = useState<File | undefined>(undefined);
  const [timeout, setTimeoutSeconds] = useState(DEFAULT_TIMEOUT_SECONDS);
  const [picked, setPickedHere] = useState<Set<string>>(new Set(remembered));
  const [importAnswers, setImportAnswers] = useState<Record<string, Record<string, string>>>({});
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [reading, setReading] = useState(false);

  // "Run…" in the catalogue: its mode, type and module.
  useEffect(() => {
    if (!draft) return;
    setMode(draft.mode);
    if (draft.type) {
      setType(draft.type);
      setTypeChosen(true);
    }
    if (draft.module) setPickedHere(new Set([draft.module]));
    runDraft.set(undefined);
  }, [draft]);

  // Attribute types only: object enrichment modules list object names, which a value cannot be.
  const counts = useMemo(() => new Map([...acceptedTypes(modules)].filter(([t]) => isKnownType(t))), [modules]);
  const candidates = mode === 'value' ? modulesAccepting(modules, type) : modulesForFiles(modules);
  const chosen = candidates.filter((m) => picked.has(m.name));
  const categories = categoriesOf(type);
  const effectiveCategory = category && categories.includes(category) ? category : defaultCategoryOf(type);
  const guessed = guessType(value);
  const betterType = guessed && guessed !== type && (counts.get(guessed) ?? 0) > 0 ? guessed : undefined;

  const onValue = (next: string) => {
    setValue(next);
    setProblem(undefined);
    const guess = guessType(next);
    if (!typeChosen && guess) setType(guess);
  };
  const pick = (next: Set<string>) => {
    // Keep the choice for other types too: modules not offered here stay picked.
    const others = remembered.filter((name) => !candidates.some((m) => m.name === name));
    setPickedHere(next);
    setPicked([...others, ...next]);
  };

  const blocked =
    mode === 'value' && value.trim() === ''
      ? 'Enter a value.'
      : mode === 'file' && !file
        ? 'Choose a file.'
        : candidates.length === 0
          ? undefined
          : chosen.length === 0
            ? 'Pick at least one module.'
            : undefined;

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (blocked || chosen.length === 0 || reading) return;
    if (mode === 'value') {
      startSession({ uuid: newUuid(), type, value: value.trim(), ...(effectiveCategory ? { category: effectiveCategory } : {}) }, chosen, { timeoutSeconds: timeout });
      return;
    }
    if (!file) return;
    setReading(true);
    try {
      const data = await fileToBase64(file);
      startSession({ uuid: newUuid(), type: 'attachment', value: file.name, category: 'Payload delivery', file: { name: file.name, size: file.size } }, chosen, {
        timeoutSeconds: timeout,
        file: { name: file.name, size: file.size, data },
        importAnswers,
      });
    } catch (error) {
      setProblem(`The file could not be read: ${(error as Error).message}`);
    } finally {
      setReading(false);
    }
  };

  return (
    <form
      class="run-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
      }}
      aria-label="Run modules"
    >
      <div class="mode" role="radiogroup" aria-label="What to query">
        <label class="check">
          <input type="radio" name="mode" checked={mode === 'value'} onChange={() => setMode('value')} />
          <span>A value</span>
        </label>
        <label class="check">
          <input type="radio" name="mode" checked={mode === 'file'} onChange={() => setMode('file')} />
          <span>A file (import modules, attachment enrichment)</span>
        </label>
      </div>

      {mode === 'value' ? (
        <div class="value-row">
          <label class="grow">
            <span>Value</span>
            <input type="text" data-shortcut="search" value={value} onInput={(e) => onValue(e.currentTarget.value)} placeholder="circl.lu, 8.8.8.8, a hash, a URL…" autofocus spellcheck={false} />
          </label>
          <label>
            <span>Type</span>
            <select
              value={type}
              onChange={(e) => {
                setType(e.currentTarget.value);
                setTypeChosen(true);
              }}
            >
              <optgroup label="Types modules accept">
                {[...counts.keys()].sort().map((t) => (
                  <option value={t} key={t}>
                    {t} ({counts.get(t)})
                  </option>
                ))}
              </optgroup>
              <optgroup label="Other MISP types">
                {TYPE_NAMES.filter((t) => !counts.has(t)).map((t) => (
                  <option value={t} key={t}>
                    {t}
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          <label>
            <span>Category</span>
            <select value={effectiveCategory ?? ''} onChange={(e) => setCategory(e.currentTarget.value)}>
              {(categories.length > 0 ? categories : CATEGORY_NAMES).map((c) => (
                <option value={c} key={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : (
        <div class="value-row">
          <label class="grow">
            <span>File</span>
            <input type="file" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
          </label>
          {file && (
            <span class="muted file-size">
              {file.name}, {formatBytes(file.size)}
            </span>
          )}
        </div>
      )}

      {mode === 'value' && candidates.length === 0 ? (
        <div class="notice no-modules" role="status">
          <p>
            No module accepts the type <code>{type}</code>.{' '}
            {betterType ? (
              <>
                The value looks like <code>{betterType}</code>:{' '}
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    setType(betterType);
                    setTypeChosen(true);
                  }}
                >
                  query it as {betterType}
                </button>
                .
              </>
            ) : (
              'Pick another type: the list shows how many modules take each.'
            )}
          </p>
        </div>
      ) : (
        <ModulePicker label="Modules to run" modules={candidates} picked={picked} onPick={pick} importAnswers={importAnswers} onImportAnswers={setImportAnswers} />
      )}

      <div class="run-row">
        <label>
          <span>Timeout (s)</span>
          <input type="number" min={1} max={3600} value={timeout} onInput={(e) => setTimeoutSeconds(Math.max(1, Number(e.currentTarget.value) || DEFAULT_TIMEOUT_SECONDS))} class="narrow" />
        </label>
        <button type="submit" class="primary" disabled={Boolean(blocked) || chosen.length === 0 || reading}>
          {reading ? 'Reading the file…' : `Run ${chosen.length || ''} module${chosen.length === 1 ? '' : 's'}`}
        </button>
        <span class="muted">{blocked ?? 'Ctrl+Enter runs'}</span>
      </div>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
