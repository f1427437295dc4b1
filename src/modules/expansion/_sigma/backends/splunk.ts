/** Splunk SPL (legacy `splunk` backend), and the Splunk dashboard XML built from it (`splunkxml`). */
import type { Aggregation, ParsedCondition } from '../condition.js';
import { SigmaUnsupportedError } from '../errors.js';
import type { SigmaRule } from '../rule.js';
import type { MapListItem, Node } from '../tree.js';
import { TextBackend, backslashBefore, ruleFields, scalarList } from './text.js';

/** `"` and lone backslashes are escaped; `\*`, `\?` and `\\` are kept (they already escape). */
const splunkEscape = backslashBefore(/"|(?<!\\)\\(?![*?\\])/g);

abstract class SplunkLike extends TextBackend {
  protected readonly andToken: string = ' ';
  protected readonly orToken = ' OR ';
  protected readonly notToken = 'NOT ';
  protected readonly subExpression = '(%s)';
  protected readonly listExpression = '(%s)';
  protected readonly listSeparator = ' ';
  protected readonly valueExpression = '"%s"';
  protected readonly nullExpression = 'NOT %s="*"';
  protected readonly notNullExpression = '%s="*"';
  protected readonly mapExpression = '%s=%s';
  protected readonly mapListsSpecialHandling = true;

  protected escape(value: string): string {
    return splunkEscape(value);
  }

  protected override generateMapItemList(field: string, values: readonly MapListItem[]): string {
    return `(${scalarList(values).map((v) => `${field}=${this.generateValue(v)}`).join(' OR ')})`;
  }
}

export class SplunkBackend extends SplunkLike {
  // Legacy 0.23 puts every AND group in parentheses.
  protected override generateAnd(items: readonly Node[]): string | undefined {
    const inner = super.generateAnd(items);
    return inner === undefined ? undefined : `(${inner})`;
  }

  protected override generateAggregation(agg: Aggregation): string {
    if (agg.func === 'near') throw new SigmaUnsupportedError("the 'near' aggregation operator is not implemented for this backend");
    let func: string = agg.func;
    if (func === 'count' && agg.field === undefined) {
      return agg.groupField === undefined
        ? ` | eventstats count as val | search val ${agg.operator} ${agg.value}`
        : ` | eventstats count as val by ${agg.groupField}| search val ${agg.operator} ${agg.value}`;
    }
    if (func === 'count') func = 'dc';
    return agg.groupField === undefined
      ? ` | eventstats ${func}(${agg.field ?? ''}) as val | search val ${agg.operator} ${agg.value}`
      : ` | eventstats ${func}(${agg.field ?? ''}) as val by ${agg.groupField} | search val ${agg.operator} ${agg.value}`;
  }

  /** The first condition's query, then `| table <fields>` when the rule lists fields. */
  override generate(rule: SigmaRule): string {
    const fields = ruleFields(rule);
    const result = this.generateQuery(rule.conditions[0]!) + (fields ? ` | table ${fields.join(',')}` : '');
    this.results.push(result);
    return result;
  }
}

const PANEL_PRE = '<row><panel><title>';
const PANEL_INF = '</title><table><search><query>';
const PANEL_SUF =
  '</query><earliest>$field1.earliest$</earliest><latest>$field1.latest$</latest><sampleRatio>1</sampleRatio>' +
  '</search><option name="count">20</option><option name="dataOverlayMode">none</option><option name="' +
  'drilldown">row</option><option name="percentagesRow">false</option><option name="refresh.display">' +
  'progressbar</option><option name="rowNumbers">false</option><option name="totalsRow">false</option>' +
  '<option name="wrap">true</option></table></panel></row>';
const DASH_PRE =
  '<form><label>MyDashboard</label><fieldset submitButton="false"><input type="time" token="field1">' +
  '<label></label><default><earliest>-24h@h</earliest><latest>now</latest></default></input></fieldset>';
const DASH_SUF = '</form>';

/** One dashboard panel per condition (legacy `splunkxml`: its AND groups have no parentheses). */
export class SplunkXmlBackend extends SplunkLike {
  #panels = '';

  protected override generateAggregation(agg: Aggregation): string {
    if (agg.func === 'near') return '';
    return agg.groupField === undefined
      ? ` | stats ${agg.func}(${agg.field ?? ''}) as val | search val ${agg.operator} ${agg.value}`
      : ` | stats ${agg.func}(${agg.field ?? ''}) as val by ${agg.groupField} | search val ${agg.operator} ${agg.value}`;
  }

  override generate(rule: SigmaRule): string {
    const title = typeof rule.yaml['title'] === 'string' ? rule.yaml['title'] : '';
    let panels = '';
    for (const condition of rule.conditions as ParsedCondition[]) {
      const query = this.generateQuery(condition).replace(/</g, '&lt;').replace(/>/g, '&gt;');
      panels += PANEL_PRE + title + PANEL_INF + query + PANEL_SUF;
    }
    this.#panels += panels;
    return panels;
  }

  override finalize(): string {
    return DASH_PRE + this.#panels + DASH_SUF;
  }
}
