/**
 * The look-back period of the hunting-query exports (nexthinkexport,
 * defender_endpoint_export). It is written into every query, so it must be
 * set and be a plain duration: an empty one gives queries the target tool
 * rejects (`now- now`, `ago()`), and anything else could alter the query.
 */
import { PERIOD_MESSAGES } from './messages.js';

export function requirePeriod(setting: string | undefined, pattern: RegExp, examples: string): string {
  const period = (setting ?? '').trim();
  if (period === '') throw PERIOD_MESSAGES.error('noPeriod', { examples });
  if (!pattern.test(period)) {
    throw PERIOD_MESSAGES.error('badPeriod', { examples, period: JSON.stringify(period.slice(0, 40)) });
  }
  return period;
}
