/**
 * jinja_template_rendering: renders a Jinja template with data. MISP
 * workflows call it for every templated action parameter, whether or not
 * the module is enabled, with `text` = JSON `{"template": …, "data": …}`, and
 * read `results[0].values[0]` (PROTOCOL.md §2.8).
 *
 * Rendering is sandboxed (src/modules/_shared/templates): no access to the
 * process, files or network; bounded steps, time and output; on a worker.
 *
 * Kept from upstream: a template that fails while rendering (`{{ a.b }}`
 * with `a` undefined, a wrong type) answers `""`, which the workflow engine
 * reads as the rendered text; the reason goes to the log as a warning.
 * Different: a template that cannot be parsed, and one stopped by the
 * sandbox (steps, time, output size), answer an error naming the line, as
 * upstream's unhandled exceptions did without saying why.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { describeRenderFailure, tryRenderOnWorker } from '../_shared/templates/offload.js';

/** Upstream's template when the payload has none. */
const DEFAULT_TEMPLATE = '- Default template -';

const MESSAGES = defineMessages({
  noText: 'The request has no "text" field.',
  notJson: 'The "text" field must be a JSON object {"template": …, "data": …}: {reason}',
  notObject: 'The "text" field must be a JSON object {"template": …, "data": …}.',
  templateNotString: '"template" must be a string.',
  dataNotObject: '"data" must be a JSON object: its keys become the template variables.',
  /** The template does not parse, or breaks a sandbox limit (the shared renderer says which). */
  renderFailed: '{reason}',
});

function parsePayload(text: string): { template: string; data: Record<string, unknown> } {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw MESSAGES.error('notJson', { reason: (error as Error).message });
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw MESSAGES.error('notObject');
  }
  const { template = DEFAULT_TEMPLATE, data } = payload as { template?: unknown; data?: unknown };
  if (typeof template !== 'string') throw MESSAGES.error('templateNotString');
  if (data === undefined || data === null) return { template, data: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw MESSAGES.error('dataNotObject');
  }
  return { template, data: data as Record<string, unknown> };
}

export default defineModule({
  name: 'jinja_template_rendering',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'Sami Mokaddem',
    description: 'Render the template with the data passed',
    name: 'Ninja Template Rendering',
    logo: '',
    requirements: [],
    features:
      'Renders a Jinja2 template in a sandbox (Jinja defaults: no autoescape, no trim_blocks). The sandbox blocks access to the process, files and network, and caps steps, time, output size and range() sizes.',
    references: [],
    input: 'text: a JSON string {"template": "<Jinja template>", "data": {…variables…}}, as MISP workflows send it.',
    output: 'The rendered text.',
  },
  attributes: { input: ['text'], output: ['text'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const text = query['text'];
    if (typeof text !== 'string' || text === '') throw MESSAGES.error('noText');
    const { template, data } = parsePayload(text);
    const outcome = await tryRenderOnWorker(ctx, template, data);
    if (!outcome.ok && outcome.kind !== 'runtime') throw MESSAGES.error('renderFailed', { reason: describeRenderFailure(outcome) });
    if (!outcome.ok) ctx.log.warn(`The template failed while rendering and gives "": ${describeRenderFailure(outcome)}`);
    return legacyResults([{ types: ['text'], values: [outcome.ok ? outcome.text : ''] }]);
  },
});
