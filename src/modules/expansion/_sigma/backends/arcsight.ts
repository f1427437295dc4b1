/**
 * ArcSight Logger search (legacy `arcsight`, contributed by SOC Prime).
 * Without a configuration only deviceVendor, categoryDeviceGroup and
 * deviceProduct are searched as fields; every other value is cut at special
 * characters into quoted words ANDed together, its field name dropped.
 */
import { SigmaUnsupportedError } from '../errors.js';
import { pyStr } from '../python-format.js';
import type { SigmaRule } from '../rule.js';
import type { MapListItem, MapValue, Node, Scalar } from '../tree.js';
import { isScalar, requireSearch, scalarList, type Backend } from './text.js';

const ALLOWED_FIELDS: ReadonlySet<string> = new Set(['deviceVendor', 'categoryDeviceGroup', 'deviceProduct']);
const SPECIAL = /[/\\@?#&_%*',()" ]/;
const SPECIALS = /[ /\\@?#&_%*',()" ]/g;

const quote = (value: string | Scalar): string => `"${value.toString()}"`;

/** Legacy CleanNode: the words between special characters (or the value itself when it has none). */
function cleanNode(value: Scalar): Scalar[] {
  const text = value.toString();
  if (!SPECIAL.test(text)) return [value];
  return text.replace(SPECIALS, '*').split('*').filter((w) => w !== '');
}

/** Legacy generateValueNode: a value holding 'AND' (words already joined) goes in parentheses. */
function valueNode(value: Scalar): string {
  const text = value.toString();
  return typeof value === 'string' && text.includes('AND') ? `(${text})` : text;
}

export class ArcSightBackend implements Backend {
  readonly #results: string[] = [];

  generate(rule: SigmaRule): string {
    // Legacy converted the first condition only, and formatted the title into the tail.
    const condition = rule.conditions[0]!;
    let query = this.#node(requireSearch(condition));
    if (condition.aggregation) throw new SigmaUnsupportedError('Aggregations not implemented for this backend');
    const title = rule.yaml['title'];
    if (title === undefined) throw new SigmaUnsupportedError('the arcsight backend needs the rule title');
    query += ` AND type != 2 | rex field = flexString1 mode=sed "s//Sigma: ${pyStr(title)}/g"`;
    this.#results.push(query);
    return query;
  }

  finalize(): string | undefined {
    return this.#results.length > 0 ? this.#results.join('\n') : undefined;
  }

  #node(node: Node): string {
    switch (node.kind) {
      case 'and':
        return node.items.map((item) => this.#node(item)).join(' AND ');
      case 'or':
        return this.#or(node.items);
      case 'not':
        return ` NOT ${this.#node(node.item)}`;
      case 'null':
        return `NOT _exists_:${node.field}`;
      case 'notnull':
        return `_exists_:${node.field}`;
      case 'sub':
        return `(${this.#node(node.item)})`;
      case 'value':
        return valueNode(node.value);
      case 'map':
        return this.#mapItem(node.field, node.value);
    }
  }

  /** An OR of plain strings (keywords) is cleaned into words first. */
  #or(items: readonly Node[]): string {
    if (items.every((i) => i.kind === 'value' && typeof i.value === 'string')) {
      const parts = items.map((i) => {
        const words = cleanNode((i as { value: string }).value);
        return valueNode(words.map(quote).join(' AND '));
      });
      return `(${parts.join(' OR ')})`;
    }
    return `(${items.map((item) => this.#node(item)).join(' OR ')})`;
  }

  #mapItem(field: string, value: MapValue): string {
    if (ALLOWED_FIELDS.has(field)) {
      if (isScalar(value)) return `${field} = ${quote(value)}`;
      if (Array.isArray(value)) return scalarList(value as readonly MapListItem[]).map((v) => `${field} = ${valueNode(v)}`).join(' OR ');
      throw new SigmaUnsupportedError(`Backend does not support map values of type ${describe(value)}`);
    }
    if (typeof value === 'string') return `(${valueNode(cleanNode(value).map(quote).join(' AND '))})`;
    if (typeof value === 'bigint') return value.toString();
    if (Array.isArray(value)) {
      const parts = scalarList(value as readonly MapListItem[]).map((item) => {
        const words = cleanNode(item);
        return words.length === 1 ? quote(words[0]!) : words.map(quote).join(' AND ');
      });
      return `(${parts.map(valueNode).join(' OR ')})`;
    }
    if (value === null) return `NOT _exists_:${field}`;
    throw new SigmaUnsupportedError(`Backend does not support map values of type ${describe(value)}`);
  }
}

function describe(value: MapValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'object' && !Array.isArray(value)) return 'kind' in value && value.kind === 're' ? 'SigmaRegularExpressionModifier' : (value as { type: string }).type;
  return typeof value;
}
