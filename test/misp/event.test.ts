/** The event normaliser on real MISP events, in both shapes MISP sends to export modules. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ModuleError } from '../../src/base/errors.js';
import { normalizeEvent, normalizeExportData } from '../../src/misp/event.js';

const samples = new URL('../../../shared/samples/', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, samples), 'utf8')) as Record<string, any>;

/** The raw shape (related models beside Event) built from a core-format event. */
function toRaw(core: { Event: Record<string, any> }) {
  const { Attribute = [], Object: objects = [], Tag = [], Galaxy = [], ...event } = core.Event;
  return { Event: event, Attribute, Object: objects, EventTag: Tag.map((tag: unknown) => ({ Tag: tag })), Galaxy };
}

describe('core-format sample events', () => {
  const files = readdirSync(new URL('misp-events/', samples)).filter((f) => f.endsWith('.json'));
  for (const file of files) {
    test(file, () => {
      const core = read(`misp-events/${file}`) as { Event: Record<string, any> };
      const fromCore = normalizeEvent(core);
      const fromRaw = normalizeExportData([toRaw(core)])[0]!;
      assert.equal(fromCore.shape, 'core');
      assert.equal(fromRaw.shape, 'raw');
      assert.equal(fromCore.event.info, core.Event['info']);
      assert.equal(fromCore.attributes.length, (core.Event['Attribute'] ?? []).length);
      assert.equal(fromCore.objects.length, (core.Event['Object'] ?? []).length);
      assert.deepEqual(fromCore.attributes.map((a) => [a.type, a.value]), (core.Event['Attribute'] ?? []).map((a: any) => [a.type, a.value]));
      assert.deepEqual(fromCore.tags.map((t) => t.name), (core.Event['Tag'] ?? []).map((t: any) => t.name));
      // Both shapes give the same event.
      const { shape: _a, ...a } = fromCore;
      const { shape: _b, ...b } = fromRaw;
      assert.deepEqual(b, a);
    });
  }
});

describe('the raw shape MISP sends (test_files/misp_event.json)', () => {
  test('attributes beside Event, tags from EventTag', () => {
    const raw = read('test_files/misp_event.json');
    const [event] = normalizeExportData([raw]);
    assert.equal(event!.shape, 'raw');
    assert.equal(event!.event.info, raw['Event'].info);
    assert.equal(event!.attributes.length, raw['Attribute'].length);
    assert.deepEqual(event!.tags.map((t) => t.name), raw['EventTag'].map((t: any) => t.Tag.name));
    assert.ok(event!.attributes.every((a) => typeof a.value === 'string' && typeof a.type === 'string'));
  });

  test('ids and flags arrive as strings or numbers; they come out the same', () => {
    const [a] = normalizeExportData([{ Event: { id: 12, info: 'x', published: '1' }, Attribute: [{ type: 'ip-dst', value: '1.2.3.4', to_ids: '1', event_id: 12 }] }]);
    const [b] = normalizeExportData([{ Event: { id: '12', info: 'x', published: true }, Attribute: [{ type: 'ip-dst', value: '1.2.3.4', to_ids: true, event_id: '12' }] }]);
    assert.deepEqual(a, b);
    assert.equal(a!.event.published, true);
    assert.equal(a!.attributes[0]!.to_ids, true);
  });
});

describe('malformed export data', () => {
  for (const [label, data] of [
    ['missing', undefined],
    ['a string', 'event'],
    ['a number', 3],
    ['a list holding a string', ['x']],
    ['an event without Event', [{ info: 1, Attribute: 'nope' }]],
  ] as const) {
    test(label, () => {
      assert.throws(() => normalizeExportData(data), (e: unknown) => e instanceof ModuleError && /^Export data must be a MISP event/.test((e as Error).message));
    });
  }
});
