/** Pivot: one result attribute through the modules that accept its type; the answers hang under it. */
import { useState } from 'preact/hooks';
import { modulesAccepting } from '../model/modules.js';
import type { ViewAttribute } from '../model/results.js';
import type { RunRecord, Session } from '../model/session.js';
import { catalogue } from '../state/app-state.js';
import { pivot } from '../state/run-actions.js';
import { useStore } from '../state/store.js';
import { ModulePicker } from './module-picker.js';

export interface PivotTarget {
  session: Session;
  run: RunRecord;
  attribute: Pick<ViewAttribute, 'uuid' | 'type' | 'value' | 'category'>;
}

export function PivotPanel({ target, onClose }: { target: PivotTarget; onClose: () => void }) {
  const c = useStore(catalogue);
  const modules = c.state === 'ready' ? modulesAccepting(c.modules, target.attribute.type) : [];
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [timeout, setTimeoutSeconds] = useState(30);
  const run = () => {
    pivot(
      target.session,
      target.run,
      target.attribute,
      modules.filter((m) => picked.has(m.name)),
      timeout,
    );
    onClose();
  };
  return (
    <div class="pivot-panel" role="region" aria-label={`Pivot on ${target.attribute.value}`}>
      <p>
        Run <code>{target.attribute.type}</code> <strong>{target.attribute.value}</strong> through:
      </p>
      {modules.length === 0 ? (
        <p class="notice">No module accepts the type {target.attribute.type}.</p>
      ) : (
        <ModulePicker label={`Modules for ${target.attribute.value}`} modules={modules} picked={picked} onPick={setPicked} />
      )}
      <div class="run-row">
        <label>
          <span>Timeout (s)</span>
          <input type="number" class="narrow" min={1} value={timeout} onInput={(e) => setTimeoutSeconds(Math.max(1, Number(e.currentTarget.value) || 30))} />
        </label>
        <button type="button" class="primary" disabled={picked.size === 0} onClick={run}>
          Run {picked.size || ''} module{picked.size === 1 ? '' : 's'} on {target.attribute.value}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
