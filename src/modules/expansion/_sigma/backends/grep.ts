/**
 * `grep -P -i` with a Perl regular expression (legacy `grep` backend): field
 * names are ignored, AND becomes look-aheads, NOT a negative look-ahead.
 */
import { SigmaUnsupportedError } from '../errors.js';
import type { SigmaRule } from '../rule.js';
import type { MapValue, Node, Scalar } from '../tree.js';
import { isRegex, isScalar, requireSearch, scalarList, type Backend } from './text.js';

export class GrepBackend implements Backend {
  readonly #results: string[] = [];

  generate(rule: SigmaRule): string {
    if (rule.conditions.length > 1) throw new SigmaUnsupportedError("this backend doesn't support multiple conditions");
    // Legacy grep ignores aggregations.
    const result = `grep -P -i '^${this.#node(requireSearch(rule.conditions[0]!))}'`;
    this.#results.push(result);
    return result;
  }

  finalize(): string | undefined {
    return this.#results.length > 0 ? this.#results.join('\n') : undefined;
  }

  #node(node: Node): string {
    switch (node.kind) {
      case 'and':
        return node.items.map((item) => `(?=.*${this.#node(item)})`).join('');
      case 'or':
        return `(?:${node.items.map((item) => `.*${this.#node(item)}`).join('|')})`;
      case 'not':
        return `(?!.*${this.#node(node.item)})`;
      case 'sub':
        return `(?:.*${this.#node(node.item)})`;
      case 'value':
        return this.#value(node.value);
      case 'map':
        return this.#mapValue(node.field, node.value);
      default:
        throw new SigmaUnsupportedError('field existence tests are not supported by the grep backend');
    }
  }

  #mapValue(field: string, value: MapValue): string {
    if (value === null) return `(?!${field})`;
    if (isScalar(value)) return this.#value(value);
    if (Array.isArray(value)) return `(?:${scalarList(value).map((v) => `.*${this.#value(v)}`).join('|')})`;
    if (isRegex(value)) throw new SigmaUnsupportedError("the 're' modifier is not supported by the grep backend");
    throw new SigmaUnsupportedError(`values of type ${(value as { type: string }).type} are not supported by the grep backend`);
  }

  /** Regex metacharacters escaped, single quotes closed for the shell, Sigma's * as .* */
  #value(value: Scalar): string {
    return value
      .toString()
      .replace(/[|()[\]{}.^$+]/g, (m) => `\\${m}`)
      .replace(/'/g, `'"'"'`)
      .replace(/\*/g, '.*');
  }
}
