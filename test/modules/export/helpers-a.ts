/**
 * Shared helpers of the text-export tests (cef_export, liteexport,
 * threat_connect_export, threatStream_misp_export, nexthinkexport,
 * osqueryexport, defender_endpoint_export, mass_eql_export,
 * cisco_firesight_manager_ACL_rule_export): the sample events in both of
 * MISP's shapes, small hand-made events, and the export round trip.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { TestServer } from '../../server/harness.js';

export type Json = Record<string, any>;

const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);

function readSample(path: string): Json {
  return JSON.parse(readFileSync(new URL(path, SAMPLES), 'utf8')) as Json;
}

const RELATED = ['Attribute', 'Object', 'Tag'];

/** Core format → the raw `fetchEvent` shape (related models beside Event). */
export function toRaw(core: Json): Json {
  const event = core.Event as Json;
  const fields = Object.fromEntries(Object.entries(event).filter(([k]) => !RELATED.includes(k)));
  return {
    Event: fields,
    Attribute: event.Attribute ?? [],
    Object: event.Object ?? [],
    EventTag: (event.Tag ?? []).map((tag: Json) => ({ Tag: tag })),
  };
}

/** Raw shape → MISP core format (everything inside Event). */
export function toCore(raw: Json): Json {
  return {
    Event: {
      ...raw.Event,
      Attribute: raw.Attribute ?? [],
      Object: raw.Object ?? [],
      Tag: (raw.EventTag ?? []).map((link: Json) => link.Tag),
    },
  };
}

export interface Sample {
  name: string;
  raw: Json;
  core: Json;
  /** Attributes outside objects (the same list in both shapes). */
  attributes: Json[];
  /** Attributes inside objects. */
  objectAttributes: Json[];
}

/** Every event of ../shared/samples/misp-events and test_files/misp_event.json, in both shapes. */
export function samples(): Sample[] {
  const names = readdirSync(new URL('misp-events/', SAMPLES)).filter((f) => f.endsWith('.json')).sort();
  const list = names.map((name) => {
    const core = readSample(`misp-events/${name}`);
    return { name, core, raw: toRaw(core) };
  });
  const raw = readSample('test_files/misp_event.json');
  list.push({ name: 'test_files/misp_event.json', raw, core: toCore(raw) });
  return list.map((s) => ({
    ...s,
    attributes: (s.raw.Attribute ?? []) as Json[],
    objectAttributes: ((s.raw.Object ?? []) as Json[]).flatMap((o) => o.Attribute ?? []),
  }));
}

export const mispEvent = (): Json => readSample('test_files/misp_event.json');

/** A standalone attribute as MISP sends it (numeric strings, boolean flags). */
export function attr(type: string, value: string, extra: Json = {}): Json {
  return {
    id: '1001',
    type,
    category: 'Network activity',
    to_ids: true,
    uuid: randomUUID(),
    event_id: '42',
    object_id: '0',
    timestamp: '1700000000',
    comment: '',
    value,
    ...extra,
  };
}

/** A raw-shape event holding these attributes (and objects). */
export function rawEvent(attributes: Json[], objects: Json[] = [], event: Json = {}): Json {
  return {
    Event: { id: '42', uuid: '5d3c8a4e-1111-4000-8000-000000000042', info: 'Test event', date: '2023-11-14', timestamp: '1700000000', ...event },
    Attribute: attributes,
    Object: objects,
    EventTag: [],
  };
}

/** An object holding attributes (they are not standalone). */
export function object(name: string, attributes: Json[]): Json {
  return { id: '77', name, uuid: '5d3c8a4e-2222-4000-8000-000000000077', 'meta-category': 'file', Attribute: attributes.map((a) => ({ ...a, object_id: '77' })) };
}

/** Runs an export and returns the downloaded file as text (checking the answer's envelope). */
export async function exportText(t: TestServer, module: string, data: unknown, config?: Json): Promise<string> {
  const answer = await t.query({ module, ...(config === undefined ? {} : { config }), data });
  assert.equal(answer.error, undefined, `unexpected error: ${String(answer.error)}`);
  assert.deepEqual(answer.response, []);
  assert.equal(typeof answer.data, 'string');
  const bytes = Buffer.from(answer.data as string, 'base64');
  assert.equal(bytes.toString('base64'), answer.data, 'data is canonical base64');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Runs a query that must fail; returns its error message. */
export async function exportError(t: TestServer, body: Json): Promise<string> {
  const answer = await t.query(body);
  assert.equal(answer.data, undefined, 'no file on error');
  assert.equal(typeof answer.error, 'string');
  return answer.error as string;
}

/** The malformed-input cases every export module must refuse with a clear message. */
export function badInputTests(getServer: () => TestServer, module: string, config: Json = {}): void {
  const cases: Array<[string, Json, RegExp]> = [
    ['data missing', { module, config }, /no "data"/],
    ['data null', { module, config, data: null }, /no "data"/],
    ['data a string', { module, config, data: 'hello' }, /must be a MISP event.*a string/],
    ['data a number', { module, config, data: 12 }, /must be a MISP event.*a number/],
    ['an empty list', { module, config, data: [] }, /list is empty/],
    ['an element that is not an object', { module, config, data: [42] }, /item 0 is a number/],
    ['an element that is not an event', { module, config, data: [{ foo: 1 }] }, /item 0 has no "Event"/],
    ['an event whose Attribute is not a list', { module, config, data: [{ Event: { info: 'x' }, Attribute: 'nope' }] }, /Attribute that is a string/],
    ['an attribute without a type', { module, config, data: [rawEvent([{ value: '1.2.3.4' }])] }, /without a type/],
  ];
  for (const [label, body, message] of cases) {
    test(`refuses ${label} with a clear error`, async () => {
      assert.match(await exportError(getServer(), body), message);
    });
  }
}

/** Checks the /modules entry MISP reads: mispattributes and the setting names. */
export async function assertDescriptor(t: TestServer, module: string, mispattributes: Json, config: string[]): Promise<void> {
  const list = (await t.get('/modules')).json() as Json[];
  const entry = list.find((m) => m.name === module);
  assert.ok(entry, `${module} is listed`);
  assert.equal(entry.type, 'export_mod');
  assert.deepEqual(entry.meta['module-type'], ['export']);
  assert.deepEqual(entry.mispattributes, mispattributes);
  assert.deepEqual(entry.meta.config, config);
}
