/**
 * Export modules: a MISP event pasted, uploaded or taken from the history,
 * sent to an export module; what it produces is offered as a download (the
 * module's base64 `data`, with its content type and file extension).
 */
import { useEffect, useState } from 'preact/hooks';
import { postQuery } from '../api/client.js';
import { exportQuery } from '../model/build-query.js';
import { base64ToBytes, formatBytes } from '../model/files.js';
import { settingsOf } from '../model/module-settings.js';
import type { ModuleInfo } from '../model/modules.js';
import { readEventJson } from '../model/event-input.js';
import { readAnswer } from '../model/results.js';
import { exportDraft } from '../state/draft.js';
import { useStore } from '../state/store.js';
import { download, safeFileName } from './download.js';
import { seconds } from './elapsed.js';
import { ModuleSettingsFields } from './module-settings-fields.js';

interface Produced {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  type: string;
  durationMs: number;
}

const PREVIEW_BYTES = 64 * 1024;
const isText = (type: string) => /^(text\/|application\/(json|xml|txt|csv|x-yaml|stix))/i.test(type) || /(json|xml|text|csv|txt)/i.test(type);

export function ExportView({ modules }: { modules: ModuleInfo[] }) {
  const exporters = modules.filter((m) => m.family === 'export');
  const draft = useStore(exportDraft);
  const [name, setName] = useState(exporters[0]?.name ?? '');
  const [text, setText] = useState('');
  const [timeout, setTimeoutSeconds] = useState(60);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [produced, setProduced] = useState<Produced | undefined>(undefined);

  useEffect(() => {
    if (!draft) return;
    if (draft.module) setName(draft.module);
    if (draft.eventJson) setText(draft.eventJson);
    exportDraft.set(undefined);
  }, [draft]);

  const module = exporters.find((m) => m.name === name);
  const run = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    setProduced(undefined);
    if (!module) return setError('Pick an export module.');
    const input = readEventJson(text);
    if ('problem' in input) return setError(input.problem);
    setBusy(true);
    const started = performance.now();
    try {
      const outcome = readAnswer(await postQuery(exportQuery(module, input.events, { config: settingsOf(module.name), timeoutSeconds: timeout }), timeout));
      if (outcome.error !== undefined) setError(outcome.error);
      else if (outcome.exportData === undefined) setError(`${module.name} produced no file. ${outcome.note ?? ''}`);
      else {
        const first = input.events[0] as { Event: { uuid?: unknown; id?: unknown } };
        const id = String(first.Event.uuid ?? first.Event.id ?? 'event');
        setProduced({
          bytes: base64ToBytes(outcome.exportData),
          fileName: `misp.event.${safeFileName(id)}.${module.name}.export.${module.outputFileExtension ?? 'txt'}`,
          type: module.responseType ?? 'application/octet-stream',
          durationMs: Math.round(performance.now() - started),
        });
      }
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="export" aria-labelledby="export-title">
      <h2 id="export-title">Export an event</h2>
      <form class="export-form" onSubmit={run}>
        <label>
          <span>Export module</span>
          <select value={name} onChange={(e) => setName(e.currentTarget.value)}>
            {exporters.map((m) => (
              <option value={m.name} key={m.name}>
                {m.name} (.{m.outputFileExtension})
              </option>
            ))}
          </select>
        </label>
        {module && <p class="muted">{module.description}</p>}
        {module && module.settings.length > 0 && (
          <details>
            <summary>Settings of {module.name}</summary>
            <ModuleSettingsFields key={module.name} module={module} />
          </details>
        )}
        <label>
          <span>MISP event (JSON)</span>
          <textarea rows={12} spellcheck={false} value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder='{"Event": {"info": "…", "Attribute": [{"type": "ip-dst", "value": "…"}]}}' aria-label="MISP event JSON" />
        </label>
        <div class="run-row">
          <label>
            <span>or upload a file</span>
            <input type="file" accept=".json,application/json" onChange={(e) => void e.currentTarget.files?.[0]?.text().then(setText)} aria-label="Upload a MISP event file" />
          </label>
          <label>
            <span>Timeout (s)</span>
            <input type="number" class="narrow" min={1} value={timeout} onInput={(e) => setTimeoutSeconds(Math.max(1, Number(e.currentTarget.value) || 60))} />
          </label>
          <button type="submit" class="primary" disabled={busy || !module}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
      {error !== undefined && (
        <p class="error" role="alert">
          <strong>Error:</strong> {error}
        </p>
      )}
      {produced && (
        <div class="produced" role="status">
          <p>
            {module?.name} produced <code>{produced.fileName}</code> ({formatBytes(produced.bytes.length)}, {produced.type}) in {seconds(produced.durationMs)}.{' '}
            <button type="button" class="primary" onClick={() => download(produced.bytes, produced.fileName, produced.type)}>
              Download
            </button>
          </p>
          {isText(produced.type) && (
            <pre class="raw-json" tabIndex={0} aria-label="Preview">
              {new TextDecoder().decode(produced.bytes.slice(0, PREVIEW_BYTES))}
              {produced.bytes.length > PREVIEW_BYTES ? '\n…' : ''}
            </pre>
          )}
        </div>
      )}
    </section>
  );
}
