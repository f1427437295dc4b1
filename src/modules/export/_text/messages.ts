/**
 * The messages of the checks export modules share: every module reading
 * events (events.ts) declares EVENTS_MESSAGES, the hunting-query exports
 * reading a look-back period (period.ts) declare PERIOD_MESSAGES too.
 */
import { defineMessages } from '../../../base/messages.js';

export const EVENTS_MESSAGES = defineMessages({
  noEvents: 'The request has no "data": an export needs the list of MISP events MISP sends.',
  emptyEvents: 'Export data must be a list of MISP events: the list is empty.',
});

export const PERIOD_MESSAGES = defineMessages({
  noPeriod: 'Set the "Period" setting of the module: how far back the queries look ({examples}).',
  badPeriod: 'The "Period" setting must be a duration such as {examples} (got {period}).',
});
