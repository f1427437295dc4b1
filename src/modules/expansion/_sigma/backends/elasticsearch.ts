/**
 * Elasticsearch query string (legacy `es-qs`, with its default options:
 * values with wildcards or regular expressions go to the `.keyword`
 * sub-field unquoted, other values to the analysed field in quotes), and
 * `graylog`, which only escapes and separates lists differently.
 */
import { SigmaUnsupportedError } from '../errors.js';
import type { SigmaRule } from '../rule.js';
import type { MapValue, Node, RegexValue } from '../tree.js';
import { TextBackend, backslashBefore, fmt, isRegex } from './text.js';

/** A `*` or `?` that is not escaped (or follows an escaped backslash). */
const WILDCARD = /(?:(?<!\\)|\\\\)[*?]/;

const containsWildcard = (value: unknown): boolean => typeof value === 'string' && WILDCARD.test(value);

/** Legacy removed ^/$ anchors: Elasticsearch regular expressions always match the whole value. */
export function unanchor(pattern: string): string {
  if (pattern.startsWith('^') && pattern.endsWith('$')) return pattern.slice(1, -1);
  if (pattern.startsWith('^')) return pattern.endsWith('.*') ? pattern.slice(1) : `${pattern.slice(1)}.*`;
  if (pattern.endsWith('$')) return pattern.startsWith('.*') ? pattern.slice(0, -1) : `.*${pattern.slice(0, -1)}`;
  return pattern;
}

export class EsQueryStringBackend extends TextBackend {
  protected readonly andToken = ' AND ';
  protected readonly orToken = ' OR ';
  protected readonly notToken = 'NOT ';
  protected readonly subExpression = '(%s)';
  protected readonly listExpression = '(%s)';
  protected readonly listSeparator: string = ' OR ';
  protected readonly valueExpression = '%s';
  protected override readonly regexExpression = '/%s/';
  protected readonly nullExpression = 'NOT _exists_:%s';
  protected readonly notNullExpression = '_exists_:%s';
  protected readonly mapExpression = '%s:%s';
  protected readonly mapListsSpecialHandling = false;
  protected readonly escapeValue: (value: string) => string = backslashBefore(/[\s+\-=!(){}[\]^"~:/]|(?<!\\)\\(?![*?\\])|\\u|&&|\|\|/g);
  /** Field searched by plain keywords (values without a field). */
  protected readonly notBoundKeyword = '\\*.keyword';

  /**
   * Whether the value being written goes to a keyword field (unquoted). Legacy
   * kept this as state set by the field-name choice; plain keywords at the top
   * of a query see its initial value (true).
   */
  protected matchKeyword = true;

  protected escape(value: string): string {
    return this.escapeValue(value);
  }

  protected override fieldName(field: string, value: MapValue): string {
    const wildcard = Array.isArray(value) ? value.some(containsWildcard) : containsWildcard(value);
    this.matchKeyword = wildcard || isRegex(value);
    return this.matchKeyword ? `${field}.keyword` : field;
  }

  protected override generateMapItem(field: string, value: MapValue): string | undefined {
    return super.generateMapItem(field, isRegex(value) ? { kind: 're', pattern: unanchor(value.pattern) } : value);
  }

  protected override generateRegex(value: RegexValue): string {
    return fmt(this.regexExpression, value.pattern);
  }

  protected override generateValue(value: string | bigint): string {
    const result = super.generateValue(value);
    if (result.trim() === '') return '""';
    if (this.matchKeyword || containsWildcard(result)) return result;
    return `"${result}"`;
  }

  protected override generateNot(item: Node): string | undefined {
    const expression = this.generateNode(item);
    return expression ? `(${this.notToken}${expression})` : undefined;
  }

  /** A group of plain keywords searches every keyword field, each value wrapped in wildcards. */
  protected override generateSubexpression(item: Node): string | undefined {
    if ((item.kind === 'and' || item.kind === 'or') && item.items.every((i) => i.kind === 'value')) {
      const wrapped: Node[] = item.items.map((i) => {
        const value = (i as { value: string | bigint }).value;
        if (typeof value !== 'string') return i;
        return { kind: 'value', value: `${value.startsWith('*') ? '' : '*'}${value}${value.endsWith('*') ? '' : '*'}` };
      });
      this.matchKeyword = true;
      const result = `${this.notBoundKeyword}:${super.generateSubexpression({ kind: item.kind, items: wrapped }) ?? 'None'}`;
      this.matchKeyword = false;
      return result;
    }
    return super.generateSubexpression(item);
  }

  override generate(rule: SigmaRule): string {
    if (rule.conditions.some((c) => c.aggregation)) throw new SigmaUnsupportedError('aggregations are not implemented for this backend');
    return super.generate(rule);
  }
}

export class GraylogBackend extends EsQueryStringBackend {
  protected override readonly listSeparator = ' ';
  protected override readonly escapeValue = backslashBefore(/[\s+\-!(){}[\]^"~:/]|(?<!\\)\\(?![*?\\])|&&|\|\|/g);
}
