/**
 * The web page's model, without a browser: answers read into one shape
 * (legacy and misp_standard, errors, odd values), the type guess, the
 * /query bodies, events pasted for export, and a session as a MISP event
 * (kept once, references re-pointed, unknown types made text).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expansionQuery, importQuery } from '../../ui/src/model/build-query.js';
import { sessionEvent } from '../../ui/src/model/event-export.js';
import { readEventJson } from '../../ui/src/model/event-input.js';
import { guessType } from '../../ui/src/model/guess-type.js';
import { toModuleInfo } from '../../ui/src/model/modules.js';
import { readAnswer } from '../../ui/src/model/results.js';
import { newRun, newSession, pivotNode } from '../../ui/src/model/session.js';
import { formatViolations, validateResults } from '../../src/misp/validate.js';

const UUID = '6f3b1c7e-2d4a-4b8e-9c1f-0a2b3c4d5e6f';

describe('answers', () => {
  test('legacy: scalar or list values and types, categories, tags, comments; empty values left out', () => {
    const { result, error } = readAnswer({
      results: [
        { types: ['ip-src', 'ip-dst'], values: ['198.51.100.1', '', null, 42], categories: 'Network activity', tags: ['tlp:green'], comment: 'c', to_ids: true },
        { type: 'freetext', values: 'some text' },
        { types: 'text', values: [['nested']] },
      ],
    });
    assert.equal(error, undefined);
    assert.equal(result?.format, 'legacy');
    assert.deepEqual(
      result!.attributes.map((a) => [a.type, a.candidates, a.value, a.category, a.tags, a.toIds, a.comment]),
      [
        ['ip-src', ['ip-src', 'ip-dst'], '198.51.100.1', 'Network activity', ['tlp:green'], true, 'c'],
        ['ip-src', ['ip-src', 'ip-dst'], '42', 'Network activity', ['tlp:green'], true, 'c'],
        ['freetext', ['freetext'], 'some text', undefined, [], undefined, undefined],
        ['text', ['text'], '["nested"]', undefined, [], undefined, undefined],
      ],
    );
    assert.equal(new Set(result!.attributes.map((a) => a.uuid)).size, 4, 'each value gets its own uuid');
  });

  test('misp_standard: attributes, objects with relations and references, tags, reports; a whole event too', () => {
    const standard = {
      Attribute: [{ uuid: UUID, type: 'domain', value: 'circl.lu' }],
      Object: [{ name: 'domain-ip', uuid: 'a1b2c3d4-0000-4000-8000-000000000001', Attribute: [{ object_relation: 'ip', type: 'ip-dst', value: '198.51.100.2' }], ObjectReference: [{ referenced_uuid: UUID, relationship_type: 'resolves-to' }] }],
      Tag: [{ name: 'tlp:white' }, 'plain-tag'],
      EventReport: [{ name: 'R', content: '# md' }],
    };
    for (const results of [standard, { Event: standard }]) {
      const { result } = readAnswer({ results });
      assert.equal(result?.format, 'misp_standard');
      assert.deepEqual(result!.attributes.map((a) => a.value), ['circl.lu']);
      assert.deepEqual(result!.objects[0]!.attributes.map((a) => [a.relation, a.type, a.value]), [['ip', 'ip-dst', '198.51.100.2']]);
      assert.deepEqual(result!.objects[0]!.references, [{ target: UUID, relationship: 'resolves-to' }]);
      assert.deepEqual(result!.tags, ['tlp:white', 'plain-tag']);
      assert.deepEqual(result!.reports, [{ name: 'R', content: '# md' }]);
    }
  });

  test('errors, exports and answers that are neither', () => {
    assert.deepEqual(readAnswer({ error: 'Timeout.' }), { error: 'Timeout.' });
    assert.equal(readAnswer({ error: 'partial', results: [] }).result?.format, 'legacy');
    assert.deepEqual(readAnswer({ response: [], data: 'aGk=' }), { exportData: 'aGk=' });
    assert.match(readAnswer({ data: true }).note!, /\{"data":true\}/);
    assert.match(readAnswer(null).error!, /answered null/);
    assert.match(readAnswer('hello').error!, /answered "hello"/);
  });
});

test('the type guess follows what MISP would call the value', () => {
  const cases: Record<string, string | undefined> = {
    'circl.lu': 'domain',
    'www.circl.lu': 'hostname',
    '185.194.93.14': 'ip-dst',
    '2a00:5980:93::14': 'ip-dst',
    '185.194.93.14|443': 'ip-dst|port',
    'https://circl.lu/x': 'url',
    'info@circl.lu': 'email',
    'd41d8cd98f00b204e9800998ecf8427e': 'md5',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709': 'sha1',
    'CVE-2024-3094': 'vulnerability',
    AS197869: 'AS',
    '00:11:22:33:44:55': 'mac-address',
    'two words': 'text',
    '': undefined,
    'nodot': undefined,
  };
  for (const [value, type] of Object.entries(cases)) assert.equal(guessType(value), type, value);
});

describe('query bodies, as MISP sends them', () => {
  const standard = toModuleInfo({ name: 'circl_passivedns', type: 'expansion', mispattributes: { input: ['domain'], format: 'misp_standard' }, meta: { 'module-type': ['expansion'], config: ['username'] } });
  const legacy = toModuleInfo({ name: 'dns', type: 'expansion', mispattributes: { input: ['domain'] }, meta: { 'module-type': ['expansion'], config: [] } });
  const csv = toModuleInfo({ name: 'csvimport', type: 'import_mod', mispattributes: { userConfig: { has_header: { type: 'Boolean', message: 'Header?' } }, inputSource: ['file'] }, meta: { 'module-type': ['import'], config: [] } });
  const input = { uuid: UUID, type: 'domain', value: 'circl.lu', category: 'Network activity' };

  test('misp_standard: the attribute with its uuid; legacy: the value under its type; config and timeout', () => {
    assert.deepEqual(expansionQuery(standard, input, { config: { username: 'u' }, timeoutSeconds: 9 }), {
      module: 'circl_passivedns',
      config: { username: 'u' },
      timeout: 9,
      attribute: { uuid: UUID, type: 'domain', value: 'circl.lu', category: 'Network activity', to_ids: false, comment: '' },
    });
    assert.deepEqual(expansionQuery(legacy, input, { config: {}, timeoutSeconds: 9 }), { module: 'dns', config: {}, timeout: 9, domain: 'circl.lu' });
  });

  test('a file: its base64 data with the attachment; an import: data, filename, settings and form answers merged', () => {
    const file = { uuid: UUID, type: 'attachment', value: 'a.pdf' };
    assert.deepEqual(expansionQuery(legacy, file, { config: {}, timeoutSeconds: 5, fileData: 'QQ==' }), { module: 'dns', config: {}, timeout: 5, attachment: 'a.pdf', data: 'QQ==' });
    assert.equal((expansionQuery(standard, file, { config: {}, timeoutSeconds: 5, fileData: 'QQ==' })['attribute'] as { data: string }).data, 'QQ==');
    assert.deepEqual(importQuery(csv, { name: 'x.csv', data: 'QQ==' }, { has_header: '1' }, { config: { key: 'k' }, timeoutSeconds: 5 }), {
      module: 'csvimport',
      data: 'QQ==',
      filename: 'x.csv',
      config: { key: 'k', has_header: '1' },
      timeout: 5,
    });
    assert.deepEqual(csv.userConfig, { has_header: { type: 'Boolean', message: 'Header?' } });
  });
});

test('events for export modules: an event, a list, a REST answer; anything else said clearly', () => {
  const event = { Event: { info: 'x' } };
  assert.deepEqual(readEventJson(JSON.stringify(event)), { events: [event] });
  assert.deepEqual(readEventJson(JSON.stringify([event, event])), { events: [event, event] });
  assert.deepEqual(readEventJson(JSON.stringify({ response: [event] })), { events: [event] });
  assert.match((readEventJson('{') as { problem: string }).problem, /^This is not JSON: /);
  assert.match((readEventJson('[]') as { problem: string }).problem, /holds no event/);
  assert.match((readEventJson('[{"Event":{}}, 3]') as { problem: string }).problem, /^Item 2 is not a MISP event/);
  assert.match((readEventJson('  ') as { problem: string }).problem, /Paste or upload/);
});

test('a session as a MISP event: each attribute once, references re-pointed, unknown types as text', () => {
  const session = newSession({ uuid: UUID, type: 'domain', value: 'circl.lu', category: 'Network activity' });
  const legacyRun = newRun('otx');
  legacyRun.result = readAnswer({ results: [{ types: ['ip-dst'], values: ['198.51.100.2'] }, { types: ['freetext'], values: ['free'] }, { types: ['not-a-type'], values: ['x'] }] }).result!;
  const standardRun = newRun('circl_passivedns');
  const echoed = { uuid: UUID, type: 'domain', value: 'circl.lu', category: 'Network activity' };
  // The same address again, under another uuid, referenced by the object.
  const copy = { uuid: 'b0000000-0000-4000-8000-000000000002', type: 'ip-dst', value: '198.51.100.2', category: 'Network activity' };
  standardRun.result = readAnswer({
    results: {
      Attribute: [echoed, copy],
      Object: [
        {
          name: 'domain-ip',
          uuid: 'c0000000-0000-4000-8000-000000000003',
          'meta-category': 'network',
          template_uuid: '43b3b146-77eb-4931-b4cc-b66c60f28734',
          template_version: '11',
          Attribute: [{ object_relation: 'domain', type: 'domain', value: 'circl.lu', category: 'Network activity' }],
          ObjectReference: [
            { referenced_uuid: copy.uuid, relationship_type: 'resolves-to' },
            { referenced_uuid: 'd0000000-0000-4000-8000-00000000dead', relationship_type: 'related-to' },
          ],
        },
      ],
      Tag: [{ name: 'tlp:clear' }],
    },
  }).result!;
  session.root.runs.push(legacyRun, standardRun);
  pivotNode(legacyRun, { uuid: legacyRun.result.attributes[0]!.uuid, type: 'ip-dst', value: '198.51.100.2' });

  const { Event: event } = sessionEvent(session, new Date('2026-01-02T03:04:05Z'));
  const attributes = event['Attribute'] as Array<Record<string, unknown>>;
  assert.deepEqual(attributes.map((a) => `${a['type']} ${a['value']}`), ['domain circl.lu', 'ip-dst 198.51.100.2', 'text free', 'text x']);
  assert.match(String(attributes[3]!['comment']), /offered as not-a-type/);
  const object = (event['Object'] as Array<{ ObjectReference: Array<{ referenced_uuid: string }> }>)[0]!;
  assert.deepEqual(object.ObjectReference.map((r) => r.referenced_uuid), [attributes[1]!['uuid']], 'the copy\'s reference points at the one kept; a dangling one is dropped');
  assert.deepEqual(event['Tag'], [{ name: 'tlp:clear' }]);
  assert.equal(event['timestamp'], String(Date.parse('2026-01-02T03:04:05Z') / 1000));
  assert.deepEqual(formatViolations(validateResults({ results: { Attribute: attributes, Object: event['Object'] } })), []);
});
