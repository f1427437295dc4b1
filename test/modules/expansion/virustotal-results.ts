/** Reading the VirusTotal family's misp_standard answers in tests. */
import assert from 'node:assert/strict';
import type { Answer } from '../../support/module-tester.js';

export interface TestObject {
  name: string;
  uuid: string;
  Attribute: Array<{ object_relation: string; type: string; value: string }>;
  ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }>;
}

export interface TestAttribute {
  uuid: string;
  type: string;
  value: string;
}

export function objects(answer: Answer): TestObject[] {
  return ((answer['results'] as { Object?: TestObject[] }).Object ?? []);
}

export function attributes(answer: Answer): TestAttribute[] {
  return ((answer['results'] as { Attribute?: TestAttribute[] }).Attribute ?? []);
}

/** relation → values of an object (a list when the relation repeats). */
export function fields(object: TestObject): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const a of object.Attribute) {
    const had = out[a.object_relation];
    out[a.object_relation] = had === undefined ? a.value : [...(Array.isArray(had) ? had : [had]), a.value];
  }
  return out;
}

/** The object with this uuid. */
export function byUuid(answer: Answer, uuid: string): TestObject {
  const found = objects(answer).find((o) => o.uuid === uuid);
  assert.ok(found, `an object with uuid ${uuid}`);
  return found;
}

/** The report object an object is `analyzed-with`, as relation → value. */
export function reportOf(answer: Answer, object: TestObject): Record<string, string | string[]> {
  const ref = object.ObjectReference?.find((r) => r.relationship_type === 'analyzed-with');
  assert.ok(ref, `${object.name} is analyzed-with a report`);
  return fields(byUuid(answer, ref.referenced_uuid));
}

/** Objects that reference `uuid` with `relation`, as `name value`. */
export function referencing(answer: Answer, uuid: string, relation: string): string[] {
  return objects(answer)
    .filter((o) => o.ObjectReference?.some((r) => r.referenced_uuid === uuid && r.relationship_type === relation))
    .map((o) => `${o.name} ${o.Attribute.map((a) => a.value).join(',')}`);
}

/** The one object named `name` whose `relation` is `value`. */
export function find(answer: Answer, name: string, relation: string, value: string): TestObject {
  const found = objects(answer).filter((o) => o.name === name && o.Attribute.some((a) => a.object_relation === relation && a.value === value));
  assert.equal(found.length, 1, `one ${name} object with ${relation} ${value}, found ${found.length}`);
  return found[0]!;
}
