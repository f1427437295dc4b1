/**
 * The events of an export request, in the one normalised shape, with the
 * checks every export module shares: `data` must be there and hold events.
 */
import type { Query } from '../../../core/module.js';
import { normalizeExportData, type NormalizedEvent } from '../../../misp/event.js';
import { EVENTS_MESSAGES } from './messages.js';

export function exportEvents(query: Query): NormalizedEvent[] {
  if (query.data === undefined || query.data === null) {
    throw EVENTS_MESSAGES.error('noEvents');
  }
  const events = normalizeExportData(query.data);
  if (events.length === 0) throw EVENTS_MESSAGES.error('emptyEvents');
  return events;
}
