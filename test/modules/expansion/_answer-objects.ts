/**
 * Reading a misp_standard answer in table tests: objects as name + relation
 * → values, and their references, so rows check what MISP will show.
 */
import type { Answer } from '../../support/module-tester.js';

export interface ReadObject {
  name: string;
  uuid: string;
  /** relation → every value of that relation, in order. */
  values: Record<string, string[]>;
  /** [relationship_type, referenced_uuid] pairs. */
  references: Array<[string, string]>;
}

interface RawObject {
  name: string;
  uuid: string;
  Attribute: Array<{ object_relation: string; value: string }>;
  ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }>;
}

/** The objects of an answer, in order. */
export function readObjects(answer: Answer): ReadObject[] {
  const results = answer['results'] as { Object?: RawObject[] };
  return (results.Object ?? []).map((object) => {
    const values: Record<string, string[]> = {};
    for (const attribute of object.Attribute) (values[attribute.object_relation] ??= []).push(attribute.value);
    return {
      name: object.name,
      uuid: object.uuid,
      values,
      references: (object.ObjectReference ?? []).map((r) => [r.relationship_type, r.referenced_uuid] as [string, string]),
    };
  });
}

/** The event-level attributes of an answer as [type, value] pairs. */
export function readAttributes(answer: Answer): Array<[string, string]> {
  const results = answer['results'] as { Attribute?: Array<{ type: string; value: string }> };
  return (results.Attribute ?? []).map((a) => [a.type, a.value]);
}
