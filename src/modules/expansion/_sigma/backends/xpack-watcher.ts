/**
 * X-Pack Watcher definitions (legacy `xpack-watcher` with its defaults:
 * output "curl", an e-mail action to root@localhost, a 30m range filter on
 * the `timestamp` field): one watch per condition around the es-qs query,
 * aggregations as terms aggs, written as `json.dumps(…, indent=2)`.
 */
import type { ParsedCondition } from '../condition.js';
import { SigmaUnsupportedError } from '../errors.js';
import { pyJsonDumps, pyStr, type PyJson } from '../python-format.js';
import type { SigmaRule } from '../rule.js';
import { isMap, type YamlValue } from '../yaml-value.js';
import { EsQueryStringBackend } from './elasticsearch.js';
import { requireLogsourceMap } from './es-dsl.js';
import { RuleNames } from './kibana.js';
import { requireSearch, type Backend } from './text.js';

type JsonMap = { [key: string]: PyJson };

const ES = 'localhost:9200';
const URL_PREFIX = '_watcher';
const DATE_FIELD = 'timestamp';
const FILTER_RANGE = '30m';
const MAIL = 'root@localhost';
const SEPARATOR = '='.repeat(80);

/** Python's int() of an aggregation's comparison value (ValueError: the backend failed). */
function pyInt(text: string): bigint {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(trimmed)) throw new SigmaUnsupportedError(`the aggregation value '${text}' is not an integer`);
  return BigInt(trimmed.replace(/_/g, ''));
}

export class XPackWatcherBackend implements Backend {
  readonly #query = new EsQueryStringBackend();
  readonly #names = new RuleNames();
  readonly #watches: Array<[string, JsonMap]> = [];

  generate(rule: SigmaRule): string {
    // Legacy setdefault()s: absent attributes read as ''.
    const title: YamlValue = rule.yaml['title'] ?? '';
    const description: YamlValue = rule.yaml['description'] ?? '';
    const tags: YamlValue = rule.yaml['tags'] ?? '';
    const detection = rule.yaml['detection'];
    const timeframe = isMap(detection) ? detection['timeframe'] : undefined;
    const interval: YamlValue = timeframe === undefined ? '30m' : timeframe;
    requireLogsourceMap(rule, true);
    const named: SigmaRule = { ...rule, yaml: { ...rule.yaml, title } };
    // Legacy kept the last comparison's sort order for a later '==' (a local of the rule's loop).
    let order: string | undefined;
    for (const condition of rule.conditions) {
      const rulename = this.#names.next(named);
      const result = this.#query.generateNode(requireSearch(condition)) ?? null;
      const watch = this.#watch(condition, rule, order, title, description, tags, interval, result);
      order = watch.order;
      this.#watches.push([rulename, watch.body]);
    }
    return '';
  }

  finalize(): string | undefined {
    let result = '';
    for (const [rulename, watch] of this.#watches) {
      result += `curl -s -XPUT -H 'Content-Type: application/json' --data-binary @- ${ES}/${URL_PREFIX}/watch/${rulename} <<EOF\n${pyJsonDumps(watch, 2)}\nEOF\n`;
    }
    return result || undefined;
  }

  #watch(
    condition: ParsedCondition,
    rule: SigmaRule,
    previousOrder: string | undefined,
    title: YamlValue,
    description: YamlValue,
    tags: YamlValue,
    interval: YamlValue,
    result: string | null,
  ): { body: JsonMap; order: string | undefined } {
    let order = previousOrder;
    let agg: JsonMap = {};
    let alertValueLocation = '';
    let alertCondition: JsonMap;
    const aggIter: string[] = [];
    const parsed = condition.aggregation;
    // 'near' has no comparison: legacy's AttributeError path, a plain hit count.
    if (parsed && parsed.func !== 'near') {
      const value = pyInt(parsed.value ?? '');
      let minDocCount: JsonMap = {};
      if (parsed.operator === '>') {
        alertCondition = { gt: value };
        minDocCount = { min_doc_count: value + 1n };
        order = 'desc';
      } else if (parsed.operator === '>=') {
        alertCondition = { gte: value };
        minDocCount = { min_doc_count: value };
        order = 'desc';
      } else if (parsed.operator === '<') {
        alertCondition = { lt: value };
        order = 'asc';
      } else if (parsed.operator === '<=') {
        alertCondition = { lte: value };
        order = 'asc';
      } else {
        alertCondition = { not_eq: 0n };
      }
      const terms = (field: string): JsonMap => {
        // An '==' before any other comparison left `order` unbound in legacy (NameError).
        if (order === undefined) throw new SigmaUnsupportedError("the '==' aggregation comparison is not supported by this backend");
        return { field, size: 10n, order: { _count: order }, ...minDocCount };
      };
      if (parsed.field !== undefined) {
        agg = { aggs: { agg: { terms: terms(parsed.field), ...agg } } };
        alertValueLocation = 'agg.buckets.0.';
        aggIter.push('agg.buckets');
      }
      if (parsed.groupField !== undefined) {
        agg = { aggs: { by: { terms: terms(parsed.groupField), ...agg } } };
        alertValueLocation = `by.buckets.0.${alertValueLocation}`;
        aggIter.push('by.buckets');
      }
    } else {
      alertCondition = { not_eq: 0n };
    }

    let actionBody: string;
    if (Object.keys(agg).length > 0) {
      alertValueLocation = `ctx.payload.aggregations.${alertValueLocation}doc_count`;
      aggIter[0] = `aggregations.${aggIter[0]}`;
      actionBody =
        'Hits:\n' +
        aggIter.map((item, i) => `{{#${item}}}\n${'-'.repeat(2 * i)} {{key}} {{doc_count}}\n`).join('\n') +
        [...aggIter].reverse().map((item) => `{{/${item}}}\n`).join('\n');
    } else {
      alertValueLocation = 'ctx.payload.hits.total';
      actionBody = 'Hits:\n{{#ctx.payload.hits.hits}}' + hitFields(rule.yaml['fields']) + '{{/ctx.payload.hits.hits}}';
    }

    const subject = `Sigma Rule '${pyStr(title)}'`;
    const body: JsonMap = {
      metadata: { name: title, description, tags, query: result },
      trigger: { schedule: { interval } },
      input: {
        search: {
          request: {
            body: {
              size: 0n,
              query: {
                bool: {
                  must: [{ query_string: { query: result, analyze_wildcard: true } }],
                  filter: { range: { [DATE_FIELD]: { gte: `now-${FILTER_RANGE}/m` } } },
                },
              },
              ...agg,
            },
            indices: [],
          },
        },
      },
      condition: { compare: { [alertValueLocation]: alertCondition } },
      actions: {
        send_email: {
          throttle_period: '15m',
          email: {
            profile: 'standard',
            from: MAIL,
            to: MAIL,
            subject,
            body: actionBody,
            attachments: { 'data.json': { data: { format: 'json' } } },
          },
        },
      },
    };
    return { body, order };
  }
}

/** The mail body lines of the rule's fields, right-aligned to the longest name (or the whole _source). */
function hitFields(fields: YamlValue | undefined): string {
  if (fields === undefined) return `{{_source}}\n${SEPARATOR}\n`;
  const names = typeof fields === 'string' ? [...fields] : fields;
  if (!Array.isArray(names) || names.length === 0 || !names.every((f) => typeof f === 'string')) {
    throw new SigmaUnsupportedError("'fields' must be a non-empty list of field names");
  }
  const width = Math.max(...(names as string[]).map((f) => [...f].length));
  const lines = (names as string[]).map((f) => `${' '.repeat(Math.max(0, width - [...f].length))}${f} = {{_source.${f}}}`);
  return `Hit on {{_source.@timestamp}}:\n${lines.join('\n')}${SEPARATOR}\n`;
}
