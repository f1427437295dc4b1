/**
 * Worker-thread task: renders one template. Template errors come back as a
 * value (error classes do not cross threads); anything else is a crash.
 */
import type { TemplateLimits } from './budget.js';
import { TemplateError, TemplateLimitError, TemplateSyntaxError } from './errors.js';
import { renderTemplate, type TemplateData } from './index.js';

export interface RenderTaskInput {
  template: string;
  data: TemplateData;
  limits?: Partial<TemplateLimits>;
}

export type RenderTaskOutput =
  | { ok: true; text: string }
  | { ok: false; kind: 'syntax' | 'limit' | 'runtime'; message: string; line?: number };

export default function renderTask(input: RenderTaskInput): RenderTaskOutput {
  try {
    return { ok: true, text: renderTemplate(input.template, input.data, input.limits) };
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const kind = error instanceof TemplateSyntaxError ? 'syntax' : error instanceof TemplateLimitError ? 'limit' : 'runtime';
    return { ok: false, kind, message: error.message, ...(error.line !== undefined ? { line: error.line } : {}) };
  }
}
