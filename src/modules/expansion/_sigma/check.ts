/**
 * Structural checks of a Sigma detection rule, written from the Sigma rule
 * JSON schema (v2) and the modifier appendix: required attributes, value
 * types and enumerations, known modifiers, and a condition that parses and
 * only names search identifiers that exist. Legacy rules stay valid
 * (dates written 2018/09/09, tags in any case).
 */
import { SigmaRuleError, SigmaUnsupportedError } from './errors.js';
import { LEGACY_MODIFIERS, MODERN_MODIFIERS } from './modifiers.js';
import { parseRule, type SigmaRule } from './rule.js';
import { isMap, type YamlMap, type YamlValue } from './yaml-value.js';

export interface RuleProblem {
  /** Where in the rule, as a key path (e.g. ["detection", "condition"]). */
  readonly path: readonly string[];
  readonly message: string;
}

const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];
const RELATED_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}([-/])(0[1-9]|1[012])\1(0[1-9]|[12]\d|3[01])$/;

function typeOf(value: YamlValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isMap(value)) return 'a map';
  if (typeof value === 'bigint') return 'an integer';
  if (typeof value === 'number') return 'a number';
  return typeof value === 'boolean' ? 'a boolean' : 'a string';
}

function checkString(rule: YamlMap, key: string, problems: RuleProblem[], maxLength?: number): void {
  const value = rule[key];
  if (value === undefined) return;
  if (typeof value !== 'string') problems.push({ path: [key], message: `'${key}' must be a string, not ${typeOf(value)}` });
  else if (maxLength !== undefined && value.length > maxLength) problems.push({ path: [key], message: `'${key}' is longer than ${maxLength} characters` });
}

function checkStringList(rule: YamlMap, key: string, problems: RuleProblem[], allowString = false): void {
  const value = rule[key];
  if (value === undefined) return;
  if (allowString && typeof value === 'string') return;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    problems.push({ path: [key], message: `'${key}' must be a list of strings${allowString ? ' (or a string)' : ''}` });
  }
}

function checkEnum(rule: YamlMap, key: string, allowed: readonly string[], problems: RuleProblem[]): void {
  const value = rule[key];
  if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
    problems.push({ path: [key], message: `'${key}' must be one of ${allowed.join(', ')} (found ${typeof value === 'string' ? `'${value}'` : typeOf(value)})` });
  }
}

function checkMetadata(rule: YamlMap, problems: RuleProblem[]): void {
  if (rule['title'] === undefined) problems.push({ path: [], message: "the rule has no 'title'" });
  checkString(rule, 'title', problems, 256);
  checkString(rule, 'name', problems, 256);
  checkString(rule, 'description', problems, 65535);
  checkString(rule, 'author', problems);
  checkString(rule, 'license', problems);
  checkEnum(rule, 'status', STATUSES, problems);
  checkEnum(rule, 'level', LEVELS, problems);
  checkStringList(rule, 'references', problems);
  checkStringList(rule, 'tags', problems);
  checkStringList(rule, 'fields', problems);
  checkStringList(rule, 'falsepositives', problems, true);
  const id = rule['id'];
  if (id !== undefined && (typeof id !== 'string' || !UUID.test(id))) problems.push({ path: ['id'], message: "'id' must be a UUID" });
  for (const key of ['date', 'modified']) {
    const value = rule[key];
    if (value !== undefined && (typeof value !== 'string' || !DATE.test(value))) {
      problems.push({ path: [key], message: `'${key}' must be a date written YYYY-MM-DD` });
    }
  }
  const related = rule['related'];
  if (related !== undefined) {
    const ok = Array.isArray(related) && related.every((r) => isMap(r) && typeof r['id'] === 'string' && typeof r['type'] === 'string' && RELATED_TYPES.includes(r['type']));
    if (!ok) problems.push({ path: ['related'], message: `'related' must be a list of {id, type} with type one of ${RELATED_TYPES.join(', ')}` });
  }
}

function checkLogsource(rule: YamlMap, problems: RuleProblem[]): void {
  const logsource = rule['logsource'];
  if (logsource === undefined) {
    problems.push({ path: [], message: "the rule has no 'logsource'" });
    return;
  }
  if (!isMap(logsource)) {
    problems.push({ path: ['logsource'], message: `'logsource' must be a map, not ${typeOf(logsource)}` });
    return;
  }
  for (const key of ['category', 'product', 'service', 'definition']) {
    const value = logsource[key];
    if (value !== undefined && typeof value !== 'string') problems.push({ path: ['logsource', key], message: `'logsource.${key}' must be a string` });
  }
  if (!['category', 'product', 'service'].some((k) => logsource[k] !== undefined)) {
    problems.push({ path: ['logsource'], message: "'logsource' needs at least one of category, product or service" });
  }
}

/**
 * Modifiers of every field key; unknown ones are problems. Returns the
 * detection with only legacy modifiers left, so that the condition can still
 * be checked.
 */
function checkModifiers(detection: YamlMap, problems: RuleProblem[]): YamlMap {
  const clean = (definition: YamlValue, path: string[]): YamlValue => {
    if (Array.isArray(definition)) return definition.map((item) => clean(item, path));
    if (!isMap(definition)) return definition;
    const out: YamlMap = {};
    for (const [key, value] of Object.entries(definition)) {
      const [field, ...modifiers] = key.split('|');
      for (const modifier of modifiers) {
        if (!LEGACY_MODIFIERS.has(modifier) && !MODERN_MODIFIERS.has(modifier)) {
          problems.push({ path: [...path, key], message: `unknown modifier '${modifier}' in '${key}'` });
        }
      }
      out[[field, ...modifiers.filter((m) => LEGACY_MODIFIERS.has(m))].join('|')] = value;
    }
    return out;
  };
  const out: YamlMap = {};
  for (const [name, definition] of Object.entries(detection)) out[name] = name === 'condition' ? definition : clean(definition, ['detection', name]);
  return out;
}

function checkDetection(rule: YamlMap, problems: RuleProblem[]): SigmaRule | undefined {
  const detection = rule['detection'];
  if (detection === undefined) {
    problems.push({ path: [], message: "the rule has no 'detection'" });
    return undefined;
  }
  if (!isMap(detection)) {
    problems.push({ path: ['detection'], message: `'detection' must be a map, not ${typeOf(detection)}` });
    return undefined;
  }
  const condition = detection['condition'];
  if (condition === undefined) {
    problems.push({ path: ['detection'], message: "'detection' has no 'condition'" });
    return undefined;
  }
  if (typeof condition !== 'string' && !(Array.isArray(condition) && condition.length > 0 && condition.every((c) => typeof c === 'string'))) {
    problems.push({ path: ['detection', 'condition'], message: "'condition' must be a string (or a list of strings)" });
    return undefined;
  }
  const identifiers = Object.keys(detection).filter((k) => k !== 'condition' && k !== 'timeframe');
  if (identifiers.length === 0) {
    problems.push({ path: ['detection'], message: "'detection' defines no search identifier" });
    return undefined;
  }
  const malformed = identifiers.filter((name) => !Array.isArray(detection[name]) && !isMap(detection[name]));
  for (const name of malformed) {
    problems.push({ path: ['detection', name], message: `search identifier '${name}' must be a map or a list, not ${typeOf(detection[name]!)}` });
  }
  if (malformed.length > 0) return undefined;
  const cleaned = checkModifiers(detection, problems);
  try {
    return parseRule({ ...rule, detection: cleaned });
  } catch (error) {
    if (!(error instanceof SigmaRuleError || error instanceof SigmaUnsupportedError)) throw error;
    problems.push({ path: ['detection', 'condition'], message: error.message });
    return undefined;
  }
}

/** The rule's problems (an empty list when it is valid) and, when its detection parsed, the parsed rule. */
export function checkRule(rule: YamlValue): { problems: RuleProblem[]; parsed?: SigmaRule } {
  const problems: RuleProblem[] = [];
  if (!isMap(rule)) return { problems: [{ path: [], message: `a Sigma rule must be a YAML map, not ${typeOf(rule)}` }] };
  checkMetadata(rule, problems);
  checkLogsource(rule, problems);
  const parsed = checkDetection(rule, problems);
  return parsed ? { problems, parsed } : { problems };
}
