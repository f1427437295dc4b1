/**
 * Rendering on the worker pool: the main thread stays free, and the worker
 * is terminated if the query is aborted. The engine's own budget (steps,
 * time, output) ends runaway templates before that.
 */
import { ModuleError } from '../../../base/errors.js';
import type { ModuleContext } from '../../../core/module.js';
import type { TemplateLimits } from './budget.js';
import type { TemplateData } from './index.js';
import type { RenderTaskInput, RenderTaskOutput } from './render-task.js';

const TASK = new URL('./render-task.js', import.meta.url);

const LABELS = { syntax: 'Template syntax error', limit: 'Template stopped by the sandbox', runtime: 'Template error' } as const;

/** The rendered text; a ModuleError describing the problem (with its line) otherwise. */
export async function renderOnWorker(
  ctx: ModuleContext,
  template: string,
  data: TemplateData,
  limits?: Partial<TemplateLimits>,
): Promise<string> {
  const input: RenderTaskInput = { template, data, ...(limits ? { limits } : {}) };
  const output = await ctx.workers.run<RenderTaskInput, RenderTaskOutput>(TASK, input);
  if (output.ok) return output.text;
  const where = output.line !== undefined ? ` (line ${output.line})` : '';
  throw new ModuleError(`${LABELS[output.kind]}${where}: ${output.message}`);
}
