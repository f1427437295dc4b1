/**
 * The export answer, `exportResult(content)`, typed as a module result:
 * `ExportResponse` is an interface, which TypeScript does not let stand for
 * the `Record<string, unknown>` handlers return; the spread copy can.
 */
import type { ModuleResult } from '../../../core/module.js';
import { exportResult } from '../../../misp/export-result.js';

export function exportFile(content: string): ModuleResult {
  return { ...exportResult(content) };
}
