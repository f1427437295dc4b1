/**
 * The look-back period of the hunting-query exports (nexthinkexport,
 * defender_endpoint_export). It is written into every query, so it must be
 * set and be a plain duration: an empty one gives queries the target tool
 * rejects (`now- now`, `ago()`), and anything else could alter the query.
 */
import { ModuleError } from '../../../base/errors.js';

export function requirePeriod(setting: string | undefined, pattern: RegExp, examples: string): string {
  const period = (setting ?? '').trim();
  if (period === '') throw new ModuleError(`Set the "Period" setting of the module: how far back the queries look (${examples}).`);
  if (!pattern.test(period)) {
    throw new ModuleError(`The "Period" setting must be a duration such as ${examples} (got ${JSON.stringify(period.slice(0, 40))}).`);
  }
  return period;
}
