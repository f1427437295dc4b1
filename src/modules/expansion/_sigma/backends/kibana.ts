/**
 * Kibana saved searches (legacy `kibana` backend, output "import"): one
 * saved search per condition, with the es-qs query, written as Python's
 * `json.dumps(…, indent=2)` wrote it.
 */
import { SigmaUnsupportedError } from '../errors.js';
import { pyJsonDumps, type PyJson } from '../python-format.js';
import type { SigmaRule } from '../rule.js';
import type { YamlValue } from '../yaml-value.js';
import { EsQueryStringBackend } from './elasticsearch.js';
import { requireSearch, ruleFields, type Backend } from './text.js';

/** Legacy MultiRuleOutputMixin.getRuleName: the rule id, else the title with '-' for spaces; unique within the file. */
export class RuleNames {
  readonly #used = new Set<string>();

  next(rule: SigmaRule): string {
    const id = rule.yaml['id'];
    const title = rule.yaml['title'] ?? 'No Title';
    if (id === undefined && typeof title !== 'string') throw new SigmaUnsupportedError('the rule title must be a string');
    let name =
      id !== undefined && id !== '00000000-0000-0000-0000-000000000000'
        ? String(id)
        : (title as string).replace(/ /g, '-').replace(/[()]/g, '');
    if (this.#used.has(name)) {
      let counter = 2;
      while (this.#used.has(`${name}-${counter}`)) counter += 1;
      name = `${name}-${counter}`;
    }
    this.#used.add(name);
    return name;
  }
}

export class KibanaBackend implements Backend {
  readonly #query = new EsQueryStringBackend();
  readonly #names = new RuleNames();
  readonly #searches: PyJson[] = [];

  generate(rule: SigmaRule): string {
    if (typeof rule.yaml['title'] !== 'string') throw new SigmaUnsupportedError('a Kibana saved search needs the rule title');
    const description: YamlValue = rule.yaml['description'] ?? '';
    const columns = ruleFields(rule) ?? [];
    for (const condition of rule.conditions) {
      const query = this.#query.generateNode(requireSearch(condition)) ?? '';
      // searchSourceJSON is itself a JSON string, as Kibana expects it.
      const searchSource = pyJsonDumps({
        index: '*',
        filter: [],
        highlight: {
          pre_tags: ['@kibana-highlighted-field@'],
          post_tags: ['@/kibana-highlighted-field@'],
          fields: { '*': {} },
          require_field_match: false,
          fragment_size: 2147483647n,
        },
        query: { query_string: { query, analyze_wildcard: true } },
      });
      this.#searches.push({
        _id: this.#names.next(rule),
        _type: 'search',
        _source: {
          title: `Sigma: ${rule.yaml['title']}`,
          description,
          hits: 0n,
          columns,
          sort: ['@timestamp', 'desc'],
          version: 1n,
          kibanaSavedObjectMeta: { searchSourceJSON: searchSource },
        },
      });
    }
    return '';
  }

  finalize(): string | undefined {
    return this.#searches.length > 0 ? pyJsonDumps(this.#searches, 2) : undefined;
  }
}
