/**
 * Helpers shared by the import tests of issue 5 (email, Cuckoo, Joe, VMRay,
 * ThreatAnalyzer): reading fixtures and samples, looking into results, and the
 * MISP output checks.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertValidResults } from '../../assert-results.js';

export const fixture = (path: string): Buffer => readFileSync(new URL(`./${path}`, import.meta.url));
export const sample = (path: string): Buffer => readFileSync(new URL(`../../../../../shared/samples/${path}`, import.meta.url));
export const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64');

export type Json = Record<string, any>;

export function objects(answer: Json, name?: string): Json[] {
  const list: Json[] = answer.results?.Object ?? [];
  return name ? list.filter((o) => o.name === name) : list;
}

/** relation → values of one object. */
export function relations(object: Json): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of object.Attribute) (out[a.object_relation] ??= []).push(a.value);
  return out;
}

export function attribute(object: Json, relation: string): Json {
  const found = object.Attribute.find((a: Json) => a.object_relation === relation);
  assert.ok(found, `object ${object.name} has a ${relation}`);
  return found;
}

/**
 * The malware-sample of a file object as MISP acts on it: the value is the
 * file name, `malware_filename` repeats it, `encrypt: true` makes MISP zip
 * `data` (password "infected") and store the value as filename|md5.
 */
export function malwareSample(object: Json): { value: string; malware_filename: string; encrypt: boolean; type: string; bytes: Buffer } {
  const a = attribute(object, 'malware-sample');
  assert.equal(typeof a.data, 'string', `the malware-sample of ${object.name} carries its file`);
  return { type: a.type, value: a.value, malware_filename: a.malware_filename, encrypt: a.encrypt, bytes: Buffer.from(a.data, 'base64') };
}

/** `[relationship, name of the referenced object or type of the attribute]` for each reference of an object. */
export function references(answer: Json, object: Json): Array<[string, string]> {
  const byUuid = new Map<string, string>();
  for (const o of objects(answer)) byUuid.set(o.uuid, o.name);
  for (const a of answer.results?.Attribute ?? []) byUuid.set(a.uuid, a.type);
  for (const o of objects(answer)) for (const a of o.Attribute) byUuid.set(a.uuid, `${o.name}/${a.object_relation}`);
  return (object.ObjectReference ?? []).map((r: Json) => [r.relationship_type, byUuid.get(r.referenced_uuid) ?? 'DANGLING']);
}

/**
 * The project's MISP output checks (test/modules/assert-results.ts, backed by
 * src/misp/validate.ts), plus reference resolution and the value-shape rules
 * these modules rely on.
 */
export function assertValid(answer: Json): void {
  assert.equal(answer.error, undefined, `no error: ${answer.error}`);
  const uuids = new Set<string>();
  for (const o of objects(answer)) {
    uuids.add(o.uuid);
    for (const a of o.Attribute) {
      uuids.add(a.uuid);
      assert.equal(typeof a.value, 'string');
      assert.notEqual(a.value, '', `${o.name}/${a.object_relation} is not empty`);
    }
  }
  for (const a of answer.results?.Attribute ?? []) uuids.add(a.uuid);
  for (const o of objects(answer)) {
    for (const r of o.ObjectReference ?? []) assert.ok(uuids.has(r.referenced_uuid), `reference ${r.relationship_type} of ${o.name} resolves`);
  }
  assertValidResults(answer);
}
