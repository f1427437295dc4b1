/** LogPoint search query (legacy `logpoint` backend). */
import type { Aggregation } from '../condition.js';
import { SigmaUnsupportedError } from '../errors.js';
import { TextBackend, backslashBefore } from './text.js';

const logpointEscape = backslashBefore(/"|(?<!\\)\\(?![*?\\])/g);

export class LogPointBackend extends TextBackend {
  protected readonly andToken = ' ';
  protected readonly orToken = ' OR ';
  protected readonly notToken = ' -';
  protected readonly subExpression = '(%s)';
  protected readonly listExpression = '[%s]';
  protected readonly listSeparator = ', ';
  protected readonly valueExpression = '"%s"';
  protected readonly nullExpression = '-%s=*';
  protected readonly notNullExpression = '%s=*';
  protected readonly mapExpression = '%s=%s';
  protected readonly mapListsSpecialHandling = true;

  protected escape(value: string): string {
    return logpointEscape(value);
  }

  protected override generateAggregation(agg: Aggregation): string {
    if (agg.func === 'near') throw new SigmaUnsupportedError("the 'near' aggregation operator is not implemented for this backend");
    const by = agg.groupField === undefined ? '' : ` by ${agg.groupField}`;
    return ` | chart ${agg.func}(${agg.field ?? ''}) as val${by} | search val ${agg.operator} ${agg.value}`;
  }
}
