import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import liteexport from '../../../src/modules/export/liteexport.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [liteexport] });
});
after(() => t.close());

const MODULE = 'liteexport';
const UNSET = { indent_json_export: null };

const lite = (attributes: Json[]) =>
  attributes.filter((a) => a.category !== 'Internal reference').map((a) => ({ category: a.category, type: a.type, value: a.value }));

// Expected texts written by upstream (Python json.dumps) for the same input.
const MISP_EVENT_TEXT = String.raw`{"Event": {"info": "M2M - Fwd: IMG_3428.pdf", "Attribute": [{"category": "Artifacts dropped", "type": "attachment", "value": "tmpzuni0skf"}, {"category": "Network activity", "type": "domain|ip", "value": "google.com|127.0.0.1"}, {"category": "Artifacts dropped", "type": "yara", "value": "rule MetadataExample\n{\n    meta:\n        my_identifier_1 = \"Some string data\"\n        my_identifier_2 = 24\n        my_identifier_3 = true\n\n    strings:\n        $my_text_string = \"text here\"\n        $my_hex_string = { E2 34 A1 C8 23 FB }\n\n    condition:\n        $my_text_string or $my_hex_string\n}"}]}}`;
const SPECIAL_EVENT = rawEvent(
  [attr('url', 'http://x/?q=é&t=\t\u2028😀'), attr('text', 'line1\nline2\x01\x7f/', { category: 'Other' }), attr('text', 'secret', { category: 'Internal reference' })],
  [],
  { info: 'Ünïcode "quoted" \\ event' },
);
const SPECIAL_COMPACT = String.raw`{"Event": {"info": "\u00dcn\u00efcode \"quoted\" \\ event", "Attribute": [{"category": "Network activity", "type": "url", "value": "http://x/?q=\u00e9&t=\t\u2028\ud83d\ude00"}, {"category": "Other", "type": "text", "value": "line1\nline2\u0001\u007f/"}]}}`;
const SPECIAL_INDENT_2 = [
  '{',
  '  "Event": {',
  String.raw`    "info": "\u00dcn\u00efcode \"quoted\" \\ event",`,
  '    "Attribute": [',
  '      {',
  '        "category": "Network activity",',
  '        "type": "url",',
  String.raw`        "value": "http://x/?q=\u00e9&t=\t\u2028\ud83d\ude00"`,
  '      },',
  '      {',
  '        "category": "Other",',
  '        "type": "text",',
  String.raw`        "value": "line1\nline2\u0001\u007f/"`,
  '      }',
  '    ]',
  '  }',
  '}',
].join('\n');

describe('liteexport', () => {
  test('/modules shows the setting and the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/json', outputFileExtension: 'json' }, ['indent_json_export']);
  });

  test("misp_event.json: upstream's exact text, in both shapes", async () => {
    assert.equal(await exportText(t, MODULE, [mispEvent()], UNSET), MISP_EVENT_TEXT);
    assert.equal(await exportText(t, MODULE, [toCore(mispEvent())], UNSET), MISP_EVENT_TEXT);
  });

  test('every sample event, in both shapes: valid ASCII JSON with the standalone attributes', async () => {
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw], UNSET);
      assert.equal(await exportText(t, MODULE, [sample.core], UNSET), raw, `${sample.name}: both shapes give the same file`);
      assert.match(raw, /^[\x20-\x7e]*$/, `${sample.name}: ensure_ascii output, on one line`);
      assert.deepEqual(JSON.parse(raw), { Event: { info: sample.raw.Event.info, Attribute: lite(sample.attributes) } }, sample.name);
    }
  });

  test("Python's separators and escapes: non-ASCII, quotes, backslashes, control characters", async () => {
    assert.equal(await exportText(t, MODULE, [SPECIAL_EVENT], UNSET), SPECIAL_COMPACT);
    assert.deepEqual(JSON.parse(SPECIAL_COMPACT).Event.Attribute.map((a: Json) => a.value), ['http://x/?q=é&t=\t\u2028😀', 'line1\nline2\x01\x7f/']);
  });

  test('indent_json_export indents as Python does', async () => {
    assert.equal(await exportText(t, MODULE, [SPECIAL_EVENT], { indent_json_export: '2' }), SPECIAL_INDENT_2);
    assert.equal(await exportText(t, MODULE, [SPECIAL_EVENT], { indent_json_export: 2 }), SPECIAL_INDENT_2, 'a JSON number works too');
    const empty = rawEvent([], [], { info: 'e' });
    assert.equal(await exportText(t, MODULE, [empty], { indent_json_export: '0' }), '{\n"Event": {\n"info": "e",\n"Attribute": []\n}\n}');
    assert.equal(await exportText(t, MODULE, [empty], { indent_json_export: '-3' }), '{\n"Event": {\n"info": "e",\n"Attribute": []\n}\n}');
  });

  test('an indent that is not an integer gives the compact form (as upstream); a huge one is capped', async () => {
    for (const indent of ['abc', '2.5', '', { n: 2 }]) {
      assert.equal(await exportText(t, MODULE, [SPECIAL_EVENT], { indent_json_export: indent }), SPECIAL_COMPACT, JSON.stringify(indent));
    }
    const capped = await exportText(t, MODULE, [SPECIAL_EVENT], { indent_json_export: '100000' });
    assert.ok(capped.includes(`\n${' '.repeat(32)}"Event": {`), 'indented by 32');
    assert.deepEqual(JSON.parse(capped), JSON.parse(SPECIAL_COMPACT));
  });

  test('no exportable attribute: an event with an empty list', async () => {
    const event = rawEvent([attr('text', 'x', { category: 'Internal reference' })], [object('file', [attr('md5', 'd41d8cd98f00b204e9800998ecf8427e')])], { info: 'only internal' });
    const expected = '{"Event": {"info": "only internal", "Attribute": []}}';
    assert.equal(await exportText(t, MODULE, [event], UNSET), expected);
    assert.equal(await exportText(t, MODULE, [toCore(event)]), expected, 'no config at all');
  });

  test('several events: all their attributes, under the first info', async () => {
    const a = rawEvent([attr('ip-src', '198.51.100.1')], [], { info: 'first' });
    const b = toCore(rawEvent([attr('domain', 'example.org')], [], { info: 'second' }));
    const parsed = JSON.parse(await exportText(t, MODULE, [a, b], UNSET));
    assert.deepEqual(parsed, {
      Event: {
        info: 'first',
        Attribute: [
          { category: 'Network activity', type: 'ip-src', value: '198.51.100.1' },
          { category: 'Network activity', type: 'domain', value: 'example.org' },
        ],
      },
    });
  });

  badInputTests(() => t, MODULE, UNSET);
});
