/**
 * The events of an export request, in the one normalised shape, with the
 * checks every export module shares: `data` must be there and hold events.
 */
import { ModuleError } from '../../../base/errors.js';
import type { Query } from '../../../core/module.js';
import { normalizeExportData, type NormalizedEvent } from '../../../misp/event.js';

export function exportEvents(query: Query): NormalizedEvent[] {
  if (query.data === undefined || query.data === null) {
    throw new ModuleError('The request has no "data": an export needs the list of MISP events MISP sends.');
  }
  const events = normalizeExportData(query.data);
  if (events.length === 0) throw new ModuleError('Export data must be a list of MISP events: the list is empty.');
  return events;
}
