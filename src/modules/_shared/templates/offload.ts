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

/** A render that did not finish: a syntax error, a sandbox limit, or a runtime error. */
export type RenderFailure = Extract<RenderTaskOutput, { ok: false }>;

/** The rendered text; a ModuleError describing the problem (with its line) otherwise. */
export async function renderOnWorker(
  ctx: ModuleContext,
  template: string,
  data: TemplateData,
  limits?: Partial<TemplateLimits>,
): Promise<string> {
  const output = await tryRenderOnWorker(ctx, template, data, limits);
  if (output.ok) return output.text;
  throw new ModuleError(describeRenderFailure(output));
}

/** The rendered text, or the failure as a value, for callers that treat some failures themselves. */
export async function tryRenderOnWorker(
  ctx: ModuleContext,
  template: string,
  data: TemplateData,
  limits?: Partial<TemplateLimits>,
): Promise<RenderTaskOutput> {
  const input: RenderTaskInput = { template, data, ...(limits ? { limits } : {}) };
  return ctx.workers.run<RenderTaskInput, RenderTaskOutput>(TASK, input);
}

/** "Template error (line 3): 'x' is undefined". */
export function describeRenderFailure(failure: RenderFailure): string {
  const where = failure.line !== undefined ? ` (line ${failure.line})` : '';
  return `${LABELS[failure.kind]}${where}: ${failure.message}`;
}
