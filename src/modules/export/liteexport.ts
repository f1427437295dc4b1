/**
 * liteexport: the event reduced to its info and the category, type and value
 * of each standalone attribute (not attributes inside objects, as upstream),
 * leaving out the "Internal reference" category.
 *
 * Kept from upstream: the text is exactly Python's `json.dumps` output
 * (`", "` / `": "` separators, non-ASCII escaped as `\uXXXX`), because
 * scripts that compare or hash these files rely on it. `indent_json_export`
 * set to an integer indents as Python does; anything else gives the compact
 * form, as upstream.
 * Fixed: with several events upstream kept only the last one's attributes;
 * here the attributes of all of them are listed (under the first one's info).
 * An indent above 32 is capped at 32 (a typo would multiply the file size).
 */
import { defineModule } from '../../core/module.js';
import { exportEvents } from './_text/events.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { exportFile } from './_text/file.js';
import { pythonJsonDumps, type PyJson } from '../_shared/python-json.js';

const MAX_INDENT = 32;

/** Python's `int(value)` for the indent setting; undefined when it is not an integer. */
function indentOf(setting: string | undefined): number | undefined {
  if (setting === undefined || !/^\s*[+-]?\d+\s*$/.test(setting)) return undefined;
  return Math.min(Number(setting.trim()), MAX_INDENT);
}

export default defineModule({
  name: 'liteexport',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1',
    author: 'TM',
    description: 'Lite export of a MISP event.',
    name: 'Lite Export',
    logo: '',
    requirements: [],
    features:
      'This module is simply producing a json MISP event format file, but exporting only Attributes from the Event.' +
      ' Thus, MISP Events exported with this module should have attributes that are not internal references,' +
      ' otherwise the resulting event would be empty.',
    references: [],
    input: 'MISP Event attributes',
    output: 'Lite MISP Event',
  },
  config: {
    indent_json_export: { description: 'Number of spaces to indent the JSON with; empty for a single line.' },
  },
  messages: EVENTS_MESSAGES,
  attributes: { responseType: 'application/json', outputFileExtension: 'json' },
  async handle(query, ctx) {
    const events = exportEvents(query);
    const attributes: PyJson[] = events.flatMap((event) =>
      event.attributes
        .filter((a) => !a.category.includes('Internal reference'))
        .map((a) => ({ category: a.category, type: a.type, value: a.value })),
    );
    const lite = { Event: { info: events[0]!.event.info, Attribute: attributes } };
    return exportFile(pythonJsonDumps(lite, indentOf(ctx.config.indent_json_export)));
  },
});
