/**
 * Checks that an enrichment query carries an input the module accepts, before
 * the handler runs, so that every module answers a wrong type the same way.
 */
import { STANDARD_ATTRIBUTE_ERROR } from './query-helpers.js';
import type { ModuleDefinition, Query } from './module.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A user-facing message when the input is wrong, undefined when it is fine. */
export function checkQueryInput(module: ModuleDefinition, query: Query): string | undefined {
  const accepted = module.attributes.input ?? [];
  if (!module.checkInput || accepted.length === 0) return undefined;
  const list = accepted.join(', ');
  const attribute = query['attribute'];
  const object = query['object'];
  if (module.attributes.format === 'misp_standard') {
    if (isObject(attribute)) {
      const type = attribute['type'];
      if (typeof type === 'string' && !accepted.includes(type)) {
        return `Module '${module.name}' does not accept attributes of type '${type}'; it accepts: ${list}.`;
      }
      return undefined;
    }
    if (isObject(object)) {
      const name = object['name'];
      if (typeof name === 'string' && !accepted.includes(name)) {
        return `Module '${module.name}' does not accept objects named '${name}'; it accepts: ${list}.`;
      }
      return undefined;
    }
    return STANDARD_ATTRIBUTE_ERROR;
  }
  if (accepted.some((type) => query[type] !== undefined && query[type] !== null && query[type] !== '')) return undefined;
  if (isObject(attribute) && typeof attribute['type'] === 'string') {
    return `Module '${module.name}' does not accept attributes of type '${attribute['type']}'; it accepts: ${list}.`;
  }
  return `Module '${module.name}' needs one of these attribute types in the request: ${list}.`;
}
