/** --strict-results: checks every module answer against the MISP data model. */
import type { ModuleDefinition, Query } from '../core/module.js';
import { formatViolations, validateResults } from '../misp/validate.js';

function inputUuids(query: Query): string[] {
  const uuids: string[] = [];
  for (const key of ['attribute', 'object']) {
    const item = query[key];
    if (typeof item === 'object' && item !== null && typeof (item as { uuid?: unknown }).uuid === 'string') uuids.push((item as { uuid: string }).uuid);
  }
  if (typeof query['attribute_uuid'] === 'string') uuids.push(query['attribute_uuid']);
  return uuids;
}

export function createResultChecker(): (module: ModuleDefinition, result: unknown, query: Query) => string[] {
  return (_module, result, query) => formatViolations(validateResults(result, { inputUuids: inputUuids(query) }));
}
