/** Small labels: module-types, result format, run status. */
import type { ModuleInfo } from '../model/modules.js';

export function ModuleBadges({ module }: { module: ModuleInfo }) {
  return (
    <span class="badges">
      {module.moduleTypes.map((t) => (
        <span class={`badge badge-${t}`} key={t}>
          {t}
        </span>
      ))}
      {module.family !== 'export' && module.family !== 'action' && <span class="badge badge-format">{module.format === 'misp_standard' ? 'misp_standard' : 'legacy'}</span>}
    </span>
  );
}
