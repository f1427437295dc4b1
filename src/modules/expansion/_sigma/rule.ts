/**
 * A parsed Sigma rule: its search identifiers, the values table legacy
 * sigmatools exposed (`SigmaParser.values`), and its parsed conditions.
 * Also reads a rule file the way SigmaCollectionParser did: several YAML
 * documents, with `action: global | reset | repeat`.
 */
import { parseCondition, type ParsedCondition } from './condition.js';
import { SigmaRuleError } from './errors.js';
import { pyStr } from './python-format.js';
import { YamlError, isMap, loadYamlDocuments, type YamlMap, type YamlValue } from './yaml-value.js';

export interface SigmaRule {
  readonly yaml: YamlMap;
  readonly definitions: ReadonlyMap<string, YamlValue>;
  /** Field key (with its modifiers) → the Python str() of every value given to it. */
  readonly values: ReadonlyMap<string, ReadonlySet<string>>;
  readonly conditions: readonly ParsedCondition[];
}

/** Field key → the Python str() of every value given to it, over all search identifiers (legacy SigmaParser.values). */
export function detectionValues(detection: YamlMap): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const [name, definition] of Object.entries(detection)) if (name !== 'condition') collectValues(definition, values);
  return values;
}

function collectValues(definition: YamlValue, values: Map<string, Set<string>>): void {
  if (Array.isArray(definition)) {
    for (const item of definition) collectValues(item, values);
  } else if (isMap(definition)) {
    for (const [key, value] of Object.entries(definition)) {
      const set = values.get(key) ?? new Set<string>();
      set.add(pyStr(value));
      values.set(key, set);
    }
  }
}

export function parseRule(yaml: YamlMap): SigmaRule {
  const detection = yaml['detection'];
  if (detection === undefined) throw new SigmaRuleError('No detection definitions found');
  if (!isMap(detection)) throw new SigmaRuleError('detection must be a map of search identifiers and a condition');
  const definitions = new Map<string, YamlValue>();
  for (const [name, definition] of Object.entries(detection)) if (name !== 'condition') definitions.set(name, definition);
  const values = detectionValues(detection);
  const condition = detection['condition'];
  if (condition === undefined || condition === null) throw new SigmaRuleError('No condition found');
  const list = Array.isArray(condition) ? condition : [condition];
  const conditions = list.map((c, i) => {
    if (typeof c !== 'string') throw new SigmaRuleError(`the condition${list.length > 1 ? ` #${i + 1}` : ''} must be a string`);
    try {
      return parseCondition(c, definitions);
    } catch (error) {
      if (error instanceof SigmaRuleError && list.length > 1) throw new SigmaRuleError(`condition #${i + 1}: ${error.message}`);
      throw error;
    }
  });
  return { yaml, definitions, values, conditions };
}

function deepUpdate(dest: YamlMap, src: YamlMap): void {
  for (const [key, value] of Object.entries(src)) {
    const current = dest[key];
    if (isMap(value) && isMap(current)) deepUpdate(current, value);
    else dest[key] = structuredClone(value);
  }
}

/** The rules of a Sigma file (one or more YAML documents). Throws YamlError or SigmaRuleError. */
export function loadRules(text: string): YamlMap[] {
  const docs = loadYamlDocuments(text);
  const rules: YamlMap[] = [];
  let global: YamlMap = {};
  let previous: YamlMap | undefined;
  docs.forEach((doc, index) => {
    if (doc === null) return;
    if (!isMap(doc)) {
      throw new SigmaRuleError(`YAML document ${index + 1} is not a map of rule attributes`);
    }
    const { action, ...rest } = doc;
    if (action === 'global') deepUpdate(global, rest);
    else if (action === 'reset') global = {};
    else if (action === 'repeat') {
      if (!previous) throw new SigmaRuleError("action 'repeat' is only applicable after first valid Sigma rule");
      const rule = structuredClone(previous);
      deepUpdate(rule, rest);
      rules.push(rule);
      previous = rule;
    } else {
      const rule = structuredClone(rest);
      deepUpdate(rule, global);
      rules.push(rule);
      previous = rule;
    }
  });
  return rules;
}

export { YamlError };
