/**
 * Adds attributes and template objects for converted STIX objects, skipping
 * what would break MISP's rules (no value, a required relation missing).
 */
import type { AttributeType } from '../../../../misp/attribute-types.js';
import type { RelationInput } from '../../../../misp/standard-result.js';
import { getTemplate, type RelationOf, type TemplateName } from '../../../../misp/templates/index.js';
import type { Category, ResultAttribute, ResultObject } from '../../../../misp/types.js';
import { str } from '../../../_shared/json-record.js';
import type { Conversion } from './context.js';

/** What every attribute of one converted STIX object shares. */
export interface EmitOptions {
  readonly toIds: boolean;
  readonly tags: readonly string[];
  readonly comment?: string;
  readonly first_seen?: string;
  readonly last_seen?: string;
}

export type RelationPair<N extends TemplateName> = readonly [RelationOf<N>, unknown];

/** The non-blank strings of a value or list of values (numbers as text). */
function valuesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(str).filter((v): v is string => v !== undefined);
}

export function emitAttribute(
  c: Conversion,
  stixId: string | undefined,
  type: AttributeType,
  value: unknown,
  options: EmitOptions,
  category?: Category,
): ResultAttribute | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  return c.builder.addAttribute({
    type,
    value: text,
    uuid: c.uuidFor(stixId),
    to_ids: options.toIds,
    tags: options.tags,
    ...(category && { category }),
    ...(options.comment !== undefined && { comment: options.comment }),
    ...(options.first_seen !== undefined && { first_seen: options.first_seen }),
    ...(options.last_seen !== undefined && { last_seen: options.last_seen }),
  });
}

/** Whether the template has these relations and they satisfy its `required` and `requiredOneOf`. */
export function meetsRequirements(templateName: TemplateName, relations: readonly string[]): boolean {
  const template = getTemplate(templateName as string);
  if (!template || relations.some((r) => !(r in template.attributes))) return false;
  const present = new Set(relations);
  const oneOf = template.requiredOneOf ?? [];
  return (template.required ?? []).every((r) => present.has(r)) && (oneOf.length === 0 || oneOf.some((r) => present.has(r)));
}

/**
 * An object from `[relation, value]` pairs (lists add one attribute per
 * value). Undefined when the template's required relations are not all there.
 */
export function emitObject<N extends TemplateName>(
  c: Conversion,
  stixId: string | undefined,
  templateName: N,
  pairs: ReadonlyArray<RelationPair<N>>,
  options: EmitOptions,
): ResultObject | undefined {
  const relations: RelationInput<RelationOf<N>>[] = [];
  for (const [relation, value] of pairs) {
    const values = valuesOf(value);
    if (values.length === 0) continue;
    relations.push({ relation, value: values, to_ids: options.toIds, tags: options.tags });
  }
  if (!meetsRequirements(templateName, relations.map((r) => r.relation))) return undefined;
  return c.builder.addObject(templateName, relations, {
    uuid: c.uuidFor(stixId),
    ...(options.comment !== undefined && { comment: options.comment }),
    ...(options.first_seen !== undefined && { first_seen: options.first_seen }),
    ...(options.last_seen !== undefined && { last_seen: options.last_seen }),
  });
}
