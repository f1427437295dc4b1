/**
 * A loopback RST Cloud API for the rst_* table tests: the paths rstapi calls
 * under https://api.rstcloud.net/v1, the key checked in `X-Api-Key` (RST's
 * API sits behind an API gateway that answers 403 `{"message": "Forbidden"}`
 * to a wrong or missing key), and helpers to read the answers.
 */
import assert from 'node:assert/strict';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import type { Answer, VendorRequest } from '../../support/module-tester.js';

export const RST_HOST = 'api.rstcloud.net';
export const KEY = 'rst-test-key-5f2c';
export const CONFIG = { api_key: KEY };
export const UUID = '5b582d80-7a7e-4b6a-9f22-77656e72bb3b';
export const NO_KEY = 'An RST Cloud API key is required (set api_key in the module config).';

/** The gateway's answer to a wrong key, else the handler's. */
export function withKey(handler: (req: FakeRequest) => FakeResponse): (req: FakeRequest) => FakeResponse {
  return (req) => (req.headers['x-api-key'] === KEY ? handler(req) : { status: 403, json: { message: 'Forbidden' } });
}

export const attribute = (type: string, value: string, extra: Record<string, unknown> = {}) => ({
  attribute: { type, value, uuid: UUID, category: 'Network activity', ...extra },
});

type ResultAttribute = { type: string; value: string; comment?: string; to_ids: boolean; object_relation?: string; data?: string; Tag?: Array<{ name: string }> };
type ResultObject = { name: string; comment?: string; Attribute: ResultAttribute[]; ObjectReference?: Array<{ referenced_uuid: string; relationship_type: string }> };

export function results(answer: Answer): { Attribute: ResultAttribute[]; Object: ResultObject[] } {
  const r = answer['results'] as { Attribute?: ResultAttribute[]; Object?: ResultObject[] };
  return { Attribute: r.Attribute ?? [], Object: r.Object ?? [] };
}

/** The only object of an answer, checked by name and reference, as relation → values. */
export function onlyObject(answer: Answer, name: string, relationship: string, to = UUID): { object: ResultObject; values: Record<string, string[]> } {
  const { Object: objects } = results(answer);
  assert.equal(objects.length, 1, 'one object');
  const object = objects[0]!;
  assert.equal(object.name, name);
  assert.deepEqual(object.ObjectReference?.map((r) => [r.relationship_type, r.referenced_uuid]), [[relationship, to]]);
  const values: Record<string, string[]> = {};
  for (const a of object.Attribute) (values[a.object_relation!] ??= []).push(a.value);
  return { object, values };
}

/** Tag names of an attribute. */
export const tagNames = (a: ResultAttribute | undefined): string[] => (a?.Tag ?? []).map((t) => t.name);

/** The echoed input attribute is there, once. */
export function assertEchoed(answer: Answer, value: string): void {
  assert.deepEqual(results(answer).Attribute.filter((a) => a.value === value).length, 1, 'the input attribute is echoed');
}

/** Upstream's "nothing to show" answer: one text attribute with its comment. */
export function assertTextOnly(answer: Answer, value: string, comment: string): void {
  const { Attribute: attributes, Object: objects } = results(answer);
  assert.equal(objects.length, 0);
  assert.deepEqual(attributes.map((a) => [a.type, a.value, a.comment]), [['text', value, comment]]);
}

/** What the fake received: one GET with the key, at this path and query. */
export function assertOneGet(requests: VendorRequest[], path: string, query: Record<string, string>, host = RST_HOST): void {
  assert.deepEqual(requests.map((r) => [r.vendor, r.method, r.path, r.query]), [[host, 'GET', path, query]]);
  assert.equal(requests[0]!.headers['x-api-key'], KEY);
}

export type { Routes };
