/**
 * Indicators: a STIX pattern becomes MISP attributes (one test) or objects
 * (several tests on the same observation), with `to_ids` set. A pattern MISP
 * cannot express keeps its full text as a `stix2-pattern` attribute; YARA and
 * Sigma rules become yara / sigma objects, Snort and Suricata rules `snort`
 * attributes.
 */
import type { AttributeType } from '../../../../misp/attribute-types.js';
import type { RelationOf, TemplateName } from '../../../../misp/templates/index.js';
import type { ResultAttribute, ResultObject } from '../../../../misp/types.js';
import { str } from '../../../_shared/json-record.js';
import { reducePattern, type Group } from '../pattern/groups.js';
import { parsePattern, PatternSyntaxError } from '../pattern/parser.js';
import type { Conversion, StixObject } from './context.js';
import { emitAttribute, emitObject, meetsRequirements, type EmitOptions } from './emit.js';
import { pathTarget, templateForTypes } from './pattern-map.js';
import { hintedCategory, hintsOf, tagsOf, type Hints } from './tags.js';
import { isIpLike, seenRange } from './values.js';

type Plan =
  | { readonly kind: 'attribute'; readonly type: AttributeType; readonly value: string }
  | {
      readonly kind: 'object';
      readonly template: TemplateName;
      readonly relations: ReadonlyArray<readonly [RelationOf<TemplateName>, string]>;
    };

const HOSTNAME_RELATION: Readonly<Record<string, RelationOf<TemplateName>>> = {
  ip: 'hostname',
  'ip-dst': 'hostname-dst',
  'ip-src': 'hostname-src',
};

/** A test on an address path whose value is a host name goes to the host name type and relation. */
function refine(type: AttributeType | undefined, relation: RelationOf<TemplateName> | undefined, value: string) {
  if ((type !== 'ip-dst' && type !== 'ip-src') || isIpLike(value)) return { type, relation };
  return { type: 'hostname' as const, relation: relation && HOSTNAME_RELATION[relation] };
}

/** One group → one attribute or object; null when every test is metadata; undefined when a test has no place in MISP. */
function planGroup(group: Group): Plan | null | undefined {
  const tests = group.flatMap((test) => {
    const target = pathTarget(test.objectType, test.path);
    return target?.ignore ? [] : [{ test, target }];
  });
  if (tests.length === 0) return null;
  const only = tests.length === 1 ? tests[0] : undefined;
  if (only?.target?.type) {
    const { type } = refine(only.target.type, only.target.relation, only.test.value);
    return { kind: 'attribute', type: type ?? only.target.type, value: only.test.value };
  }
  const template = templateForTypes(new Set(tests.map(({ test }) => test.objectType)));
  if (!template) return undefined;
  const relations: Array<readonly [RelationOf<TemplateName>, string]> = [];
  for (const { test, target } of tests) {
    const { relation } = refine(target?.type, target?.relation, test.value);
    if (!relation) return undefined;
    relations.push([relation, test.value]);
  }
  if (!meetsRequirements(template, relations.map(([relation]) => relation))) return undefined;
  return { kind: 'object', template, relations };
}

/** Plans for every group, or the reason the pattern has to be kept whole. */
export function planPattern(pattern: string): { plans: Plan[] } | { reason: string } {
  let reduction;
  try {
    reduction = reducePattern(parsePattern(pattern));
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { reason: `invalid pattern: ${error.message}` };
    throw error;
  }
  if ('unsupported' in reduction) return { reason: reduction.unsupported };
  const plans: Plan[] = [];
  const seen = new Set<string>();
  for (const group of reduction.groups) {
    const plan = planGroup(group);
    if (plan === undefined) return { reason: 'a test has no MISP equivalent' };
    const key = JSON.stringify(plan);
    if (plan && !seen.has(key)) {
      seen.add(key);
      plans.push(plan);
    }
  }
  return plans.length > 0 ? { plans } : { reason: 'no test to convert' };
}

function emitOptions(c: Conversion, indicator: StixObject, hints: Hints): EmitOptions {
  const comment = str(indicator['description']) ?? str(indicator['name']);
  return {
    toIds: hints.toIds ?? true,
    tags: tagsOf(indicator, c.markings),
    ...(comment !== undefined && { comment }),
    ...seenRange(indicator['valid_from'], indicator['valid_until']),
  };
}

function emitPlans(c: Conversion, indicator: StixObject, plans: readonly Plan[], hints: Hints): void {
  const options = emitOptions(c, indicator, hints);
  const attributes: ResultAttribute[] = [];
  const objects: ResultObject[] = [];
  for (const plan of plans) {
    // The first MISP item keeps the indicator's uuid.
    const stixId = attributes.length + objects.length === 0 ? indicator.id : undefined;
    if (plan.kind === 'attribute') {
      // MISP's own exports say which type it was (ip-src rather than ip-dst, hostname rather than domain).
      const type = plans.length === 1 && hints.type ? hints.type : plan.type;
      const attribute = emitAttribute(c, stixId, type, plan.value, options, hintedCategory(hints, type));
      if (attribute) attributes.push(attribute);
    } else {
      const object = emitObject(c, stixId, plan.template, plan.relations, options);
      if (object) objects.push(object);
    }
  }
  c.record(indicator.id, { attributes, objects });
}

function emitRule(c: Conversion, indicator: StixObject, patternType: string, pattern: string, options: EmitOptions): boolean {
  const ruleOptions = { ...options, comment: undefined };
  const name = str(indicator['name']);
  const description = str(indicator['description']);
  if (patternType === 'yara' || patternType === 'sigma') {
    const object =
      patternType === 'yara'
        ? emitObject(c, indicator.id, 'yara', [['yara', pattern], ['yara-rule-name', name], ['comment', description], ['version', indicator['pattern_version']]], ruleOptions)
        : emitObject(c, indicator.id, 'sigma', [['sigma', pattern], ['sigma-rule-name', name], ['comment', description]], ruleOptions);
    c.record(indicator.id, { objects: object ? [object] : [] });
    return true;
  }
  if (patternType === 'snort' || patternType === 'suricata') {
    const attribute = emitAttribute(c, indicator.id, 'snort', pattern, options);
    c.record(indicator.id, { attributes: attribute ? [attribute] : [] });
    return true;
  }
  return false;
}

export function convertIndicator(c: Conversion, indicator: StixObject): void {
  const pattern = str(indicator['pattern']);
  if (!pattern) return c.skip('indicator without a pattern');
  const hints = hintsOf(indicator);
  const patternType = (str(indicator['pattern_type']) ?? 'stix').toLowerCase();
  if (patternType !== 'stix') {
    if (!emitRule(c, indicator, patternType, pattern, emitOptions(c, indicator, hints))) {
      c.skip(`indicator with a ${patternType} pattern`);
    }
    return;
  }
  const planned = planPattern(pattern);
  if ('plans' in planned) return emitPlans(c, indicator, planned.plans, hints);
  const attribute = emitAttribute(c, indicator.id, 'stix2-pattern', pattern, emitOptions(c, indicator, hints));
  c.record(indicator.id, { attributes: attribute ? [attribute] : [] });
}
