/**
 * import_blueprint: upstream's template for new import modules, made to do
 * real work with its own form. Each line of the file or paste is split on
 * commas; the "number1" column is the value (type recognised: IP, hash, URL,
 * e-mail, domain, else text), the "comment" column the comment,
 * "some_string" a tag and "boolean_field" the IDS flag. The pieces a new
 * module needs are here: decoding the data, reading the form, building
 * misp_standard results.
 */
import { isIP } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleConfig } from '../../core/module.js';
import type { AttributeType } from '../../misp/attribute-types.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { importedText, TEXT_MESSAGES } from './_csv/text.js';

const MESSAGES = defineMessages({
  ...TEXT_MESSAGES.templates,
  notAColumn: '"{key}" must be a column number (0 for the first column), not "{raw}".',
  noValue: 'No value found in column {column} of any line.',
});

/** A column number from the form ("" or absent: `fallback`). */
function columnOf(config: ModuleConfig, key: string, fallback?: number): number | undefined {
  const raw = (config[key] ?? '').trim();
  if (raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw MESSAGES.error('notAColumn', { key, raw });
  return Number(raw);
}

/** A small type guess, enough for the blueprint; `ip-src` as in upstream's example. */
function typeOf(value: string): AttributeType {
  if (isIP(value)) return 'ip-src';
  if (/^[0-9a-f]{32}$/i.test(value)) return 'md5';
  if (/^[0-9a-f]{40}$/i.test(value)) return 'sha1';
  if (/^[0-9a-f]{64}$/i.test(value)) return 'sha256';
  if (/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value)) return 'url';
  if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value)) return 'email';
  if (/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i.test(value)) return 'domain';
  return 'text';
}

export default defineModule({
  name: 'import_blueprint',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.1',
    author: 'Sami Mokaddem',
    description: 'Generic blueprint to be copy-pasted to quickly boostrap creation of import module.',
    name: 'Import Blueprint',
    logo: '',
    requirements: [],
    features:
      'A template for import modules that works: each line is split on commas, the column "number1" (default 0) is ' +
      'the value, whose type is recognised (IP, hash, URL, e-mail, domain, otherwise text), the column "comment" ' +
      'the comment, "some_string" is added as a tag and "boolean_field" sets the IDS flag.',
    references: [],
    input: 'Lines of comma-separated values (file or paste).',
    output: 'MISP attributes (misp_standard).',
  },
  messages: MESSAGES,
  attributes: {
    userConfig: {
      number1: {
        type: 'Integer',
        regex: '/^[0-4]$/i',
        errorMessage: 'Expected a number in range [0-4]',
        message: 'Column number used for value',
      },
      some_string: { type: 'String', message: 'A text field' },
      boolean_field: { type: 'Boolean', message: 'Boolean field test' },
      comment: { type: 'Integer', message: 'Column number used for comment' },
    },
    inputSource: ['file', 'paste'],
    output: ['MISP Format'],
    format: 'misp_standard',
  },
  async handle(query, ctx) {
    const text = importedText(query, 'text with one value per line');
    // MISP never sends a field that has a regex (PROTOCOL.md §2.5), so number1 is usually absent: column 0.
    const valueColumn = columnOf(ctx.config, 'number1', 0)!;
    const commentColumn = columnOf(ctx.config, 'comment');
    const tag = (ctx.config['some_string'] ?? '').trim();
    const toIds = ctx.config['boolean_field'] === undefined ? undefined : ctx.config['boolean_field'] === '1';
    const result = new MispResultBuilder();
    for (const line of text.split(/\r\n|\r|\n/)) {
      const cells = line.split(',').map((cell) => cell.trim());
      const value = cells[valueColumn];
      if (!value) continue;
      const comment = commentColumn === undefined ? undefined : cells[commentColumn];
      result.addAttribute({
        type: typeOf(value),
        value,
        ...(comment && { comment }),
        ...(toIds !== undefined && { to_ids: toIds }),
        ...(tag !== '' && { tags: [tag] }),
      });
    }
    if (result.isEmpty) throw MESSAGES.error('noValue', { column: valueColumn });
    return { ...result.toResults() };
  },
});
