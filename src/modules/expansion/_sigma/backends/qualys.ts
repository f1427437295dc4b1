/**
 * Qualys search (legacy `qualys`, contributed by SOC Prime). Without a
 * configuration no field is known: field conditions inside an OR are
 * dropped, inside an AND they make the rule a partial match, which legacy
 * refused (PartialMatchError); values alone are written as they are.
 */
import { SigmaUnsupportedError } from '../errors.js';
import type { SigmaRule } from '../rule.js';
import type { MapListItem, MapValue, Node } from '../tree.js';
import { isScalar, requireSearch, scalarList, type Backend } from './text.js';

export class QualysBackend implements Backend {
  readonly #results: string[] = [];
  /** Set once an AND lost a field condition; legacy never reset it within a file. */
  #partialMatch = false;

  generate(rule: SigmaRule): string {
    const condition = rule.conditions[0]!;
    const query = this.#node(requireSearch(condition));
    if (condition.aggregation) throw new SigmaUnsupportedError('Aggregations not implemented for this backend');
    if (query === '()') throw new SigmaUnsupportedError('the rule has no condition the qualys backend can express (full match)');
    if (this.#partialMatch) throw new SigmaUnsupportedError('the qualys backend knows none of the rule’s fields (partial match)');
    // A query that came out empty (None in legacy) is no result.
    if (query) this.#results.push(query);
    return query ?? '';
  }

  finalize(): string | undefined {
    return this.#results.length > 0 ? this.#results.join('\n') : undefined;
  }

  #node(node: Node): string | undefined {
    switch (node.kind) {
      case 'and': {
        const kept = node.items.filter((item) => item.kind !== 'map');
        if (kept.length < node.items.length) this.#partialMatch = true;
        return this.#join(kept, ' and ');
      }
      case 'or':
        return this.#join(node.items.filter((item) => item.kind !== 'map'), ' or ');
      case 'not': {
        const generated = this.#node(node.item);
        return generated === undefined ? undefined : `not ${generated}`;
      }
      case 'null':
        return `${node.field} is null`;
      case 'notnull':
        return `not (${node.field} is null)`;
      case 'sub': {
        const generated = this.#node(node.item);
        return generated ? `(${generated})` : undefined;
      }
      case 'value':
        return node.value.toString();
      case 'map':
        return this.#mapItem(node.value);
    }
  }

  #join(items: readonly Node[], token: string): string {
    return items
      .map((item) => this.#node(item))
      .filter((g): g is string => g !== undefined)
      .join(token);
  }

  /** No field is allowed without a configuration: only the values are written. */
  #mapItem(value: MapValue): string {
    if (isScalar(value)) return value.toString();
    if (Array.isArray(value)) return `(${scalarList(value as readonly MapListItem[]).map((v) => v.toString()).join(' or ')})`;
    throw new SigmaUnsupportedError(`Backend does not support map values of type ${value === null ? 'NoneType' : (value as { kind: string }).kind === 're' ? 'SigmaRegularExpressionModifier' : (value as { type: string }).type}`);
  }
}
