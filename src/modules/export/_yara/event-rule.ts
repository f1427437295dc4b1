/**
 * The rule upstream writes for each event (its `YaraRule` class): metadata
 * about the event, one text string per IDS attribute of the string types,
 * and `any of them`. With no string, the event gives a bare "\n".
 *
 * Fixed here: values are written as YARA strings (upstream pasted them
 * between quotes as they were, so a `"` or `\` broke the rule), empty values
 * and values longer than libyara's string buffer are left out, meta values
 * are cut to fit it, and more than 10,000 strings (libyara's per-rule
 * limit) are spread over several rules.
 */
import { MAX_STRING_BYTES, identifierPart, yaraString } from '../../_shared/yara/text.js';

/** libyara's default `max_strings_per_rule`. */
export const MAX_STRINGS_PER_RULE = 10_000;

export class EventRule {
  readonly strings = new Map<string, string[]>();
  readonly meta = new Map<string, string[]>();

  addString(type: string, value: string): void {
    if (value === '' || Buffer.byteLength(value) >= MAX_STRING_BYTES) return;
    const key = identifierPart(type);
    const list = this.strings.get(key) ?? [];
    list.push(value);
    this.strings.set(key, list);
  }

  addMeta(key: string, value: string): void {
    const list = this.meta.get(key) ?? [];
    list.push(value);
    this.meta.set(key, list);
  }

  get empty(): boolean {
    return this.strings.size === 0;
  }

  /** The rule text(s); `names` gives one rule name per part of 10,000 strings. */
  render(names: (parts: number) => string[]): string {
    if (this.empty) return '\n';
    const strings = [...this.strings].flatMap(([key, values]) => values.map((value, i) => `        $${key}_${i} = ${yaraString(value)}`));
    const parts = Math.ceil(strings.length / MAX_STRINGS_PER_RULE);
    const meta = [...this.meta].flatMap(([key, values]) =>
      values.length === 1 ? [`        ${key} = ${metaValue(values[0]!)}`] : values.map((value, i) => `        ${key}_${i} = ${metaValue(value)}`),
    );
    return names(parts)
      .map((name, part) =>
        [
          `rule ${name} {`,
          '    meta:',
          ...meta,
          '    strings:',
          ...strings.slice(part * MAX_STRINGS_PER_RULE, (part + 1) * MAX_STRINGS_PER_RULE),
          '    condition:',
          '        any of them',
          '}',
          '',
        ].join('\n'),
      )
      .join('\n');
  }
}

/** A meta value, cut to what libyara's lexer buffer holds. */
function metaValue(value: string): string {
  if (Buffer.byteLength(value) < MAX_STRING_BYTES) return yaraString(value);
  let cut = '';
  let bytes = 0;
  for (const char of value) {
    bytes += Buffer.byteLength(char);
    if (bytes >= MAX_STRING_BYTES) break;
    cut += char;
  }
  return yaraString(cut);
}
