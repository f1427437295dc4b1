/**
 * Search identifiers (the named selections under `detection`) → condition
 * nodes, with the spec's defaults: a map ANDs its fields, a list ORs its
 * items, a list value ORs its values unless `|all` says otherwise.
 */
import { SigmaRuleError } from './errors.js';
import { applyModifiers, toModValue, type ModValue } from './modifiers.js';
import { and, or, type MapListItem, type MapValue, type Node } from './tree.js';
import { isMap, type YamlValue } from './yaml-value.js';

function listItem(value: ModValue): MapListItem | undefined {
  if (typeof value === 'string' || typeof value === 'bigint') return value;
  if (value !== null && typeof value === 'object' && (value.kind === 'bytes' || value.kind === 'unsupported')) {
    return { kind: 'unsupported', type: value.kind === 'bytes' ? 'bytes' : value.type };
  }
  return undefined;
}

/** One field's value (after modifiers) → the node(s) that test it. */
function fieldNode(field: string, value: ModValue): Node {
  if (value === null || typeof value === 'string' || typeof value === 'bigint') return { kind: 'map', field, value };
  switch (value.kind) {
    case 're':
      return { kind: 'map', field, value };
    case 'bytes':
      return { kind: 'map', field, value: { kind: 'unsupported', type: 'bytes' } };
    case 'unsupported':
      return { kind: 'map', field, value };
    case 'group':
      return { kind: value.op, items: value.items.map((item) => fieldNode(field, item)) };
    case 'list': {
      const plain = value.items.map(listItem);
      if (plain.every((item) => item !== undefined)) return { kind: 'map', field, value: plain as MapValue };
      // Lists holding modifier groups (e.g. windash or base64offset on a list) become an OR of their parts.
      return or(value.items.map((item) => fieldNode(field, item)));
    }
  }
}

/** A search identifier's definition → its condition node. `override` is the AND/OR of `all of` / `1 of`. */
export function parseDefinition(definition: YamlValue, override?: 'and' | 'or'): Node {
  if (Array.isArray(definition)) {
    const items: Node[] = definition.map((value) => {
      if (typeof value === 'string' || typeof value === 'bigint') return { kind: 'value', value } as Node;
      if (typeof value === 'boolean' || typeof value === 'number') {
        const text = toModValue(value) as string;
        return { kind: 'value', value: text } as Node;
      }
      if (Array.isArray(value) || isMap(value)) return parseDefinition(value);
      throw new SigmaRuleError('a list of search values may only hold plain values or maps (found null)');
    });
    return override === 'and' ? and(items) : or(items);
  }
  if (isMap(definition)) {
    const items: Node[] = Object.entries(definition).map(([key, raw]) => {
      const [field, ...modifiers] = key.split('|') as [string, ...string[]];
      if (field === '' && modifiers.length > 0) throw new SigmaRuleError(`the key '${key}' has modifiers but no field name`);
      return fieldNode(field, applyModifiers(toModValue(raw), modifiers));
    });
    return and(items);
  }
  const shown = definition === null ? 'null' : typeof definition === 'bigint' ? 'integer' : typeof definition;
  throw new SigmaRuleError(`expected a map or a list, got ${shown}`);
}
