/** The result builders: legacy, misp_standard and export, and their output against MISP's event schema. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { exportResult } from '../../src/misp/export-result.js';
import { LegacyResultBuilder, legacyResults } from '../../src/misp/legacy-result.js';
import { MispResultBuilder } from '../../src/misp/standard-result.js';
import { formatViolations, validateResults } from '../../src/misp/validate.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const input = { type: 'domain', value: 'circl.lu', uuid: '5f1c0a2e-0000-4000-8000-000000000001', category: 'Network activity', to_ids: false, Tag: [{ name: 'tlp:green' }] };

function sampleResult() {
  const b = new MispResultBuilder();
  b.echoInputAttribute(input);
  const ip = b.addAttribute({ type: 'ip-dst', value: '185.194.93.14', comment: 'resolved', tags: ['source:dns'] });
  const object = b.addObject('domain-ip', [
    ['domain', 'circl.lu'],
    ['ip', ['185.194.93.14', '2a00:5980:93::14']],
    ['text', undefined],
  ]);
  b.addReference(object.uuid, input.uuid, 'resolves-to');
  b.addReference(object.uuid, ip.uuid, 'related-to');
  b.addTag('misp:tool="misp-modules-ts"');
  b.addEventReport('DNS report', '# circl.lu\n\nresolves to 185.194.93.14');
  return { result: b.toResults(), object, ip };
}

describe('MispResultBuilder', () => {
  test('attributes get a uuid and their type defaults', () => {
    const { result, ip } = sampleResult();
    assert.match(ip.uuid, UUID);
    assert.equal(ip.category, 'Network activity');
    assert.equal(ip.to_ids, true);
    assert.deepEqual(ip.Tag, [{ name: 'source:dns' }]);
    const echoed = result.results.Attribute![0]!;
    assert.equal(echoed.uuid, input.uuid);
    assert.deepEqual(echoed.Tag, [{ name: 'tlp:green' }]);
  });

  test('objects come from their template: uuid, version, meta-category, relation types', () => {
    const { object } = sampleResult();
    assert.equal(object.name, 'domain-ip');
    assert.equal(object.template_uuid, '43b3b146-77eb-4931-b4cc-b66c60f28734');
    assert.equal(object['meta-category'], 'network');
    assert.equal(typeof object.template_version, 'string');
    assert.deepEqual(object.Attribute.map((a) => [a.object_relation, a.type, a.value]), [
      ['domain', 'domain', 'circl.lu'],
      ['ip', 'ip-dst', '185.194.93.14'],
      ['ip', 'ip-dst', '2a00:5980:93::14'],
    ]);
    assert.deepEqual(object.ObjectReference!.map((r) => [r.object_uuid, r.relationship_type]), [
      [object.uuid, 'resolves-to'],
      [object.uuid, 'related-to'],
    ]);
  });

  test('a malware-sample with its file gets malware_filename and encrypt, as PyMISP\'s _prepare_new_malware_sample', () => {
    const b = new MispResultBuilder();
    const bytes = new TextEncoder().encode('MZ sample');
    const plain = b.addAttribute({ type: 'malware-sample', value: 'invoice.exe', data: bytes });
    assert.equal(plain.value, 'invoice.exe');
    assert.equal(plain.malware_filename, 'invoice.exe');
    assert.equal(plain.encrypt, true);
    assert.equal(plain.data, Buffer.from(bytes).toString('base64'));
    // an md5 after the name is dropped (MISP computes its own); a '|' left in the name would break filename|md5
    const withMd5 = b.addAttribute({ type: 'malware-sample', value: 'a.exe|D41D8CD98F00B204E9800998ECF8427E', data: 'TVo=' });
    assert.deepEqual([withMd5.value, withMd5.malware_filename], ['a.exe', 'a.exe']);
    const piped = b.addAttribute({ type: 'malware-sample', value: 'a|b.exe', data: 'TVo=' });
    assert.deepEqual([piped.value, piped.malware_filename], ['a_b.exe', 'a_b.exe']);
    // without data (a sample MISP already has) and for attachments nothing is added
    const reference = b.addAttribute({ type: 'malware-sample', value: 'a.exe|d41d8cd98f00b204e9800998ecf8427e' });
    assert.equal(reference.value, 'a.exe|d41d8cd98f00b204e9800998ecf8427e');
    assert.equal('encrypt' in reference, false);
    const attachment = b.addAttribute({ type: 'attachment', value: 'page.html', data: 'PGh0bWw+' });
    assert.equal('encrypt' in attachment || 'malware_filename' in attachment, false);
    const file = b.addObject('file', [{ relation: 'malware-sample', value: ' dropped.dll ', data: bytes }]);
    assert.deepEqual(
      [file.Attribute[0]!.value, file.Attribute[0]!.malware_filename, file.Attribute[0]!.encrypt],
      ['dropped.dll', 'dropped.dll', true],
    );
    assert.throws(() => b.addAttribute({ type: 'malware-sample', value: '|d41d8cd98f00b204e9800998ecf8427e', data: 'TVo=' }), /needs a file name/);
    assert.deepEqual(formatViolations(validateResults(b.toResults())), []);
  });

  test('toResults holds only the keys that have content', () => {
    assert.deepEqual(new MispResultBuilder().toResults(), { results: {} });
    const { result } = sampleResult();
    assert.deepEqual(Object.keys(result.results).sort(), ['Attribute', 'EventReport', 'Object', 'Tag']);
  });

  test('a relation the template lacks, or an unknown template, is a programming error', () => {
    const b = new MispResultBuilder();
    assert.throws(() => b.addObject('domain-ip', [['no-such-relation' as 'domain', 'x']]), /has no relation "no-such-relation"/);
    assert.throws(() => b.addObject('no-such-template' as 'url', []), /Unknown MISP object template/);
    assert.throws(() => b.addAttribute({ type: 'not-a-type' as 'text', value: 'x' }), /type/);
  });

  test('its output passes the output checks', () => {
    const { result } = sampleResult();
    assert.deepEqual(formatViolations(validateResults(result, { inputUuids: [input.uuid] })), []);
  });
});

describe('legacy and export builders', () => {
  test('legacyResults', () => {
    assert.deepEqual(legacyResults([{ types: ['ip-src', 'ip-dst'], values: ['1.2.3.4'] }]), { results: [{ types: ['ip-src', 'ip-dst'], values: ['1.2.3.4'] }] });
    const b = new LegacyResultBuilder();
    b.add({ types: ['text'], values: ['a'], comment: 'c' });
    const answer = b.toResults({ comment: 'import comment' });
    assert.equal(answer.comment, 'import comment');
    assert.deepEqual(formatViolations(validateResults(answer)), []);
  });

  test('exportResult encodes text and bytes as base64', () => {
    assert.deepEqual(exportResult('héllo'), { response: [], data: Buffer.from('héllo').toString('base64') });
    assert.deepEqual(exportResult(new Uint8Array([0, 255])), { response: [], data: 'AP8=' });
  });
});

describe("against MISP's event JSON schema", () => {
  const shared = new URL('../../../shared/misp-data/', import.meta.url);
  const load = (name: string) => {
    // The schemas are draft-04; their keywords here mean the same in Ajv's default draft.
    const { $schema: _s, id: _id, ...schema } = JSON.parse(readFileSync(new URL(name, shared), 'utf8'));
    return new Ajv({ strict: false, allErrors: true }).compile(schema);
  };
  const strict = load('event-schema.json');
  const lax = load('event-schema-lax.json');
  const { result } = sampleResult();
  const r = result.results;

  test('event-level attributes and tags validate against the strict schema', () => {
    const event = { Event: { info: 'module result', Attribute: r.Attribute, Tag: r.Tag } };
    assert.ok(strict(event), JSON.stringify(strict.errors));
  });

  test('object attributes, minus object_relation, validate against the strict attribute schema', () => {
    const attributes = r.Object!.flatMap((o) => o.Attribute.map(({ object_relation: _r, ...a }) => a));
    assert.ok(strict({ Event: { info: 'x', Attribute: attributes } }), JSON.stringify(strict.errors));
  });

  test('the whole result, objects and reports included, validates against the lax schema', () => {
    assert.ok(lax({ Event: { info: 'module result', ...r } }), JSON.stringify(lax.errors));
  });

  test('the schema does catch a broken attribute (the check can fail)', () => {
    assert.equal(strict({ Event: { info: 'x', Attribute: [{ ...r.Attribute![0], to_ids: 'yes' }] } }), false);
  });
});
