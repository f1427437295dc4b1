/**
 * Elasticsearch DSL search request (legacy `es-dsl`, output "import"): one
 * `constant_score` query per condition, `count() by` aggregations as
 * terms/bucket_selector aggs, the rule's `fields` as `_source`, written as
 * Python's `json.dumps(…, indent=2)` wrote it (one query alone, else a list).
 */
import { SigmaUnsupportedError } from '../errors.js';
import { pyJsonDumps, pyStr, type PyJson } from '../python-format.js';
import type { SigmaRule } from '../rule.js';
import type { MapListItem, MapValue, Node, Scalar } from '../tree.js';
import { isMap, type YamlValue } from '../yaml-value.js';
import { isRegex, isScalar, requireSearch, type Backend } from './text.js';

type JsonMap = { [key: string]: PyJson };

/** A `*` or `?` that is not escaped (or follows an escaped backslash): legacy reContainsWildcard. */
const WILDCARD = /(?:(?<!\\)|\\\\)[*?]/;

/** Legacy cleanValue: the Sigma escape `\\*` becomes `\*`. */
const cleanValue = (value: string): string => value.split('\\\\*').join('\\*');
/** Legacy escapeSlashes: wildcard queries take backslashes doubled. */
const escapeSlashes = (value: string): string => value.replace(/\\/g, '\\\\');

export class EsDslBackend implements Backend {
  readonly #queries: JsonMap[] = [];
  /** The detection timeframe; legacy kept it on the backend, so a later rule without one inherits it. */
  #interval: YamlValue | undefined;

  generate(rule: SigmaRule): string {
    const detection = rule.yaml['detection'];
    if (isMap(detection) && detection['timeframe'] !== undefined) this.#interval = detection['timeframe'];
    requireLogsourceMap(rule, false);
    const fields = stringFields(rule);
    for (const condition of rule.conditions) {
      const constantScore: JsonMap = { filter: {} };
      const query: JsonMap = { query: { constant_score: constantScore } };
      this.#queries.push(query);
      constantScore['filter'] = this.#node(requireSearch(condition));
      const agg = condition.aggregation;
      if (agg) {
        if (agg.func !== 'count') throw new SigmaUnsupportedError(`the '${agg.func}' aggregation operator is not yet implemented for this backend`);
        // count() without 'by' adds nothing (legacy only handled grouped counts).
        if (agg.groupField !== undefined) query['aggs'] = countAggregation(agg.groupField, agg.field, `params.count ${agg.operator ?? ''} ${agg.value ?? ''}`);
      }
      if (fields) query['_source'] = fields;
      this.#addTimeframe(constantScore);
    }
    return '';
  }

  finalize(): string | undefined {
    if (this.#queries.length === 0) return undefined;
    return pyJsonDumps(this.#queries.length === 1 ? this.#queries[0]! : this.#queries, 2);
  }

  /** Legacy generateAfter: the timeframe becomes a range on the `date` field, ANDed in. */
  #addTimeframe(constantScore: JsonMap): void {
    if (!pyTruthy(this.#interval)) return;
    let filter = constantScore['filter'] as JsonMap;
    if (!('bool' in filter)) {
      const saved = filter;
      filter = { bool: { must: [] } };
      constantScore['filter'] = filter;
      if (Object.keys(saved).length > 0) ((filter['bool'] as JsonMap)['must'] as PyJson[]).push(saved);
    }
    const bool = filter['bool'] as JsonMap;
    if (!('must' in bool)) bool['must'] = [];
    (bool['must'] as PyJson[]).push({ range: { date: { gte: `now-${pyStr(this.#interval!)}` } } });
  }

  #node(node: Node): PyJson {
    switch (node.kind) {
      case 'and':
        return { bool: { must: node.items.map((item) => this.#node(item)) } };
      case 'or':
        return { bool: { should: node.items.map((item) => this.#node(item)) } };
      case 'not':
        return { bool: { must_not: [this.#node(node.item)] } };
      case 'null':
        return { bool: { must_not: { exists: { field: node.field } } } };
      case 'notnull':
        return { exists: { field: node.field } };
      case 'sub':
        return this.#node(node.item);
      case 'value':
        return { multi_match: { query: node.value, fields: [], type: 'phrase' } };
      case 'map':
        return this.#mapItem(node.field, node.value);
    }
  }

  #mapItem(field: string, value: MapValue): PyJson {
    if (Array.isArray(value)) return { bool: { should: (value as readonly MapListItem[]).map((v) => this.#scalar(field, v)) } };
    if (value === null) return { bool: { must_not: { exists: { field } } } };
    if (isScalar(value)) return this.#scalar(field, value);
    if (isRegex(value)) return { regexp: { [`${field}.keyword`]: value.pattern } };
    throw new SigmaUnsupportedError(`map values must be strings, numbers, lists, null or regular expressions, not ${(value as { type: string }).type}`);
  }

  /** Values with wildcards search the keyword sub-field, others are phrases on the field itself. */
  #scalar(field: string, value: MapListItem): PyJson {
    if (!isScalar(value)) throw new SigmaUnsupportedError(`list values must be strings or numbers, not ${(value as { type: string }).type}`);
    const text = (value as Scalar).toString();
    if (typeof value === 'string' && WILDCARD.test(value)) return { wildcard: { [`${field}.keyword`]: escapeSlashes(cleanValue(text)) } };
    return { match_phrase: { [field]: cleanValue(text) } };
  }
}

function countAggregation(groupField: string, field: string | undefined, script: string): JsonMap {
  if (field !== undefined) {
    const distinct = `${field}_distinct`;
    return {
      [`${groupField}_count`]: {
        terms: { field: groupField },
        aggs: {
          [distinct]: { cardinality: { field } },
          limit: { bucket_selector: { buckets_path: { count: distinct }, script } },
        },
      },
    };
  }
  const single = `single_${groupField}_count`;
  return {
    [`${groupField}_count`]: {
      terms: { field: groupField },
      aggs: {
        [single]: { value_count: { field: groupField } },
        limit: { bucket_selector: { buckets_path: { count: single }, script } },
      },
    },
  };
}

/** Python truthiness of a YAML value. */
export function pyTruthy(value: YamlValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === '' || value === 0 || value === 0n) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** The rule's `fields` (legacy resolved each through the field mapping, which only accepts names). */
export function stringFields(rule: SigmaRule): string[] | undefined {
  const fields = rule.yaml['fields'];
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) throw new SigmaUnsupportedError("'fields' must be a list of field names");
  return fields as string[];
}

/**
 * Legacy get_logsource() read `logsource` as a map (a rule without one had no
 * log source, which some backends could not handle either).
 */
export function requireLogsourceMap(rule: SigmaRule, required: boolean): void {
  const logsource = rule.yaml['logsource'];
  if (logsource === undefined && !required) return;
  if (!isMap(logsource)) throw new SigmaUnsupportedError('the rule needs a logsource map for this backend');
}
