/**
 * A sandboxed Jinja template engine (the subset of Jinja 3 that templates
 * actually use, with Jinja's default settings and SandboxedEnvironment's
 * rules). Used by jinja_template_rendering and, later, the action modules
 * that render messages (slack, mattermost).
 *
 * The sandbox is structural: templates are interpreted, never compiled to
 * JavaScript; they see only the data passed in (own properties of plain
 * objects), whitelisted Python methods, filters and tests. Every render has a
 * budget of steps, time, output size, list size and call depth.
 */
import { DEFAULT_LIMITS, type TemplateLimits } from './budget.js';
import { TemplateLimitError } from './errors.js';
import { buildFilters } from './filters.js';
import { Interpreter } from './interpreter.js';
import { tokenize } from './lexer.js';
import { parseTemplate } from './parser.js';
import { buildTests } from './tests.js';
import type { Dict } from './values.js';

export { DEFAULT_LIMITS, type TemplateLimits } from './budget.js';
export { TemplateError, TemplateLimitError, TemplateSyntaxError } from './errors.js';

/** JSON data: what `render` accepts as variables. */
export type TemplateData = Record<string, unknown>;

const FILTERS = buildFilters();
// The `filter` and `test` tests look names up when a template runs, after NAMES exists.
const TESTS = buildTests(() => NAMES);
const NAMES = { filters: new Set(FILTERS.keys()), tests: new Set(TESTS.keys()) };

/** Checks a template's syntax without rendering it; throws TemplateSyntaxError. */
export function checkTemplate(template: string): void {
  parseTemplate(tokenize(template), NAMES);
}

/**
 * Renders `template` with the top-level keys of `data` as variables, as
 * Jinja's `Template.render(data)` does. `data` must be plain JSON.
 */
export function renderTemplate(template: string, data: TemplateData, limits: Partial<TemplateLimits> = {}): string {
  try {
    const body = parseTemplate(tokenize(template), NAMES);
    const interpreter = new Interpreter({ ...DEFAULT_LIMITS, ...limits }, FILTERS, TESTS);
    return interpreter.render(body, data as Dict);
  } catch (error) {
    // A stack overflow on absurdly nested data or templates is a limit, not a crash.
    if (error instanceof RangeError) throw new TemplateLimitError(`the template or its data nests too deeply (${error.message})`);
    throw error;
  }
}
