/**
 * The shared renderer of the text-query backends (legacy
 * SingleTextQueryBackend): each backend sets its tokens and templates and
 * overrides the few node kinds it writes differently. Templates use `%s`
 * like the Python originals. A backend object lives for one conversion.
 */
import type { Aggregation, ParsedCondition } from '../condition.js';
import { SigmaUnsupportedError } from '../errors.js';
import type { SigmaRule } from '../rule.js';
import type { MapListItem, MapValue, Node, RegexValue, Scalar } from '../tree.js';

/** Python's `template % (args…)` for `%s` placeholders. */
export function fmt(template: string, ...args: string[]): string {
  let i = 0;
  return template.replace(/%s/g, () => args[i++] ?? '');
}

export function isScalar(value: MapValue | MapListItem): value is Scalar {
  return typeof value === 'string' || typeof value === 'bigint';
}

export function isRegex(value: MapValue): value is RegexValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { kind: string }).kind === 're';
}

/** Checks that a list holds only strings and integers, as every legacy backend required. */
export function scalarList(value: readonly MapListItem[]): readonly Scalar[] {
  for (const item of value) {
    if (!isScalar(item)) throw new SigmaUnsupportedError(`list values must be strings or numbers, not ${item.type}`);
  }
  return value as readonly Scalar[];
}

export interface Backend {
  /** The query text for the rule; throws SigmaUnsupportedError (or SigmaRuleError) when the backend cannot express it. */
  generate(rule: SigmaRule): string;
  /** Called once after every rule of the file was generated; returns the backend's answer. */
  finalize(): string | undefined;
}

export abstract class TextBackend implements Backend {
  protected abstract readonly andToken: string;
  protected abstract readonly orToken: string;
  protected abstract readonly notToken: string;
  protected abstract readonly subExpression: string;
  protected abstract readonly listExpression: string;
  protected abstract readonly listSeparator: string;
  protected abstract readonly valueExpression: string;
  protected abstract readonly nullExpression: string;
  protected abstract readonly notNullExpression: string;
  protected abstract readonly mapExpression: string;
  /** True: a list value is rendered by generateMapItemList instead of mapExpression around the list. */
  protected abstract readonly mapListsSpecialHandling: boolean;
  protected readonly mapListValueExpression: string = '%s IN %s';
  /** Template for `re` values; undefined when the backend has no regular expressions. */
  protected readonly regexExpression: string | undefined = undefined;

  /** Results of the rules generated so far (single-query backends answer the last one). */
  protected readonly results: string[] = [];

  /** Escapes a value for the target language (legacy cleanValue). */
  protected abstract escape(value: string): string;

  generate(rule: SigmaRule): string {
    if (rule.conditions.length > 1) throw new SigmaUnsupportedError("this backend doesn't support multiple conditions");
    const result = this.generateQuery(rule.conditions[0]!);
    this.results.push(result);
    return result;
  }

  finalize(): string | undefined {
    return this.results.length > 0 ? this.results.join('\n') : undefined;
  }

  protected generateQuery(condition: ParsedCondition): string {
    const query = this.generateNode(requireSearch(condition)) ?? '';
    return condition.aggregation ? query + this.generateAggregation(condition.aggregation) : query;
  }

  protected generateAggregation(_aggregation: Aggregation): string {
    throw new SigmaUnsupportedError('aggregations are not implemented for this backend');
  }

  generateNode(node: Node): string | undefined {
    switch (node.kind) {
      case 'and':
        return this.generateAnd(node.items);
      case 'or':
        return this.generateOr(node.items);
      case 'not':
        return this.generateNot(node.item);
      case 'null':
        return fmt(this.nullExpression, node.field);
      case 'notnull':
        return fmt(this.notNullExpression, node.field);
      case 'sub':
        return this.generateSubexpression(node.item);
      case 'map':
        return this.generateMapItem(node.field, node.value);
      case 'value':
        return this.generateValue(node.value);
    }
  }

  protected generateAnd(items: readonly Node[]): string | undefined {
    const parts = items.map((item) => this.generateNode(item)).filter((g): g is string => g !== undefined);
    return parts.length > 0 ? parts.join(this.andToken) : undefined;
  }

  protected generateOr(items: readonly Node[]): string | undefined {
    const parts = items.map((item) => this.generateNode(item)).filter((g): g is string => g !== undefined);
    return parts.length > 0 ? parts.join(this.orToken) : undefined;
  }

  protected generateNot(item: Node): string | undefined {
    const generated = this.generateNode(item);
    return generated === undefined ? undefined : this.notToken + generated;
  }

  protected generateSubexpression(item: Node): string | undefined {
    const generated = this.generateNode(item);
    return generated ? fmt(this.subExpression, generated) : undefined;
  }

  protected generateList(values: readonly MapListItem[]): string {
    const parts = scalarList(values).map((v) => this.generateValue(v));
    return parts.length === 1 ? parts[0]! : fmt(this.listExpression, parts.join(this.listSeparator));
  }

  /** Lets a backend pick the field name from the value (Elasticsearch's keyword sub-fields). */
  protected fieldName(field: string, _value: MapValue): string {
    return field;
  }

  protected generateMapItem(field: string, value: MapValue): string | undefined {
    const name = this.fieldName(field, value);
    if (isScalar(value)) return fmt(this.mapExpression, name, this.generateValue(value));
    if (Array.isArray(value)) {
      return this.mapListsSpecialHandling ? this.generateMapItemList(name, value) : fmt(this.mapExpression, name, this.generateList(value));
    }
    if (value === null) return fmt(this.nullExpression, name);
    if (isRegex(value)) return fmt(this.mapExpression, name, this.generateRegex(value));
    throw new SigmaUnsupportedError(`values of type ${(value as { type: string }).type} are not supported by this backend`);
  }

  protected generateMapItemList(field: string, values: readonly MapListItem[]): string {
    return fmt(this.mapListValueExpression, field, this.generateList(values));
  }

  protected generateRegex(value: RegexValue): string {
    if (this.regexExpression === undefined) throw new SigmaUnsupportedError("the 're' modifier is not supported by this backend");
    return fmt(this.regexExpression, value.pattern);
  }

  protected generateValue(value: Scalar): string {
    return fmt(this.valueExpression, this.escape(value.toString()));
  }
}

export function requireSearch(condition: ParsedCondition): Node {
  if (!condition.search) throw new SigmaUnsupportedError('the condition selects nothing');
  return condition.search;
}

/** Field names listed under `fields:` (legacy took them as they are, without a mapping configuration). */
export function ruleFields(rule: SigmaRule): string[] | undefined {
  const fields = rule.yaml['fields'];
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields)) throw new SigmaUnsupportedError("'fields' must be a list of field names");
  return fields.map((f) => (typeof f === 'string' ? f : String(f)));
}

/** Legacy's regex-based escaping: every match of `pattern` gets a backslash before it. */
export function backslashBefore(pattern: RegExp): (value: string) => string {
  return (value) => value.replace(pattern, (m) => `\\${m}`);
}
